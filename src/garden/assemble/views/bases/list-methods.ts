import { compareValues, sortOrder, valuesEqual } from './compare.ts';
import { number, text, type Call, type Method } from './method-kit.ts';
import { EvalError } from './runtime.ts';
import { isTruthy, numericOf, stringOf, type Value } from './values.ts';

/*
 * Bases' list methods (help.obsidian.md, "Functions", List). filter(), map() and reduce() evaluate
 * their expression per item with `value`, `index` (and `acc`) in scope; every item costs a budget
 * step, so a long list cannot run unbounded. contains() compares as `==` does: a link equals the
 * file or link it resolves to.
 */

/** Evaluates an item expression with `value` and `index` (and more) bound, one budget step per item. */
function perItem(call: Call, node: number, locals: Record<string, Value>): Value {
  call.runtime.tick();
  const expression = call.args[node];
  if (!expression) throw new EvalError('this list method needs an expression');
  return call.recurse(expression, { ...call.scope, locals: { ...call.scope.locals, ...locals } });
}

const includes = (list: Value[], wanted: Value, call: Call) => {
  call.runtime.tick(list.length);
  return list.some((item) => valuesEqual(item, wanted, call.runtime));
};

/** Nested lists as one list, to a bounded depth. */
const flatten = (list: Value[], depth: number): Value[] => list.flatMap((item) => (Array.isArray(item) && depth < 50 ? flatten(item, depth + 1) : [item]));

/** The values asked for, a list among them standing for its items (`containsAny(this.related)`, as kepano's Map.base asks). */
export const spread = (values: Value[]): Value[] => values.flatMap((value) => (Array.isArray(value) ? value : [value]));

const numbers = (list: Value[]) => list.flatMap((item) => numericOf(item) ?? []);

function unique(list: Value[], call: Call): Value[] {
  const kept: Value[] = [];
  for (const item of list) if (!includes(kept, item, call)) kept.push(item);
  return kept;
}

function extreme(list: Value[], call: Call, sign: 1 | -1): Value {
  let best: Value = null;
  for (const item of list) {
    if (item === null) continue;
    const order = best === null ? sign : compareValues(item, best, call.runtime);
    if (order !== undefined && sign * order > 0) best = item;
  }
  return best;
}

export const LIST: Record<string, Method<Value[]>> = {
  contains: (self, call) => includes(self, call.values()[0] ?? null, call),
  containsAll: (self, call) => spread(call.values()).every((value) => includes(self, value, call)),
  containsAny: (self, call) => spread(call.values()).some((value) => includes(self, value, call)),
  filter: (self, call) => self.filter((value, index) => isTruthy(perItem(call, 0, { value, index }))),
  map: (self, call) => self.map((value, index) => perItem(call, 0, { value, index })),
  reduce: (self, call) => {
    let acc = call.args[1] ? call.recurse(call.args[1]) : null;
    self.forEach((value, index) => (acc = perItem(call, 0, { value, index, acc })));
    return acc;
  },
  flat: (self) => flatten(self, 0),
  isEmpty: (self) => self.length === 0,
  join: (self, call) => self.map(stringOf).join(call.args.length ? text(call.values()[0]) : ','),
  reverse: (self) => [...self].reverse(),
  slice: (self, call) => {
    const [start, end] = call.values();
    return self.slice(number(start ?? 0, 'slice'), end === undefined || end === null ? undefined : number(end, 'slice'));
  },
  sort: (self, call) => {
    call.runtime.tick(self.length * Math.ceil(Math.log2(self.length + 1)));
    return [...self].sort((a, b) => sortOrder(a, b, call.runtime));
  },
  unique: (self, call) => unique(self, call),
  // Not listed on the Functions page, but used by its summary example (`values.mean().round(3)`).
  mean: (self) => {
    const found = numbers(self);
    return found.length ? found.reduce((sum, item) => sum + item, 0) / found.length : null;
  },
  sum: (self) => numbers(self).reduce((sum, item) => sum + item, 0),
  min: (self, call) => extreme(self, call, -1),
  max: (self, call) => extreme(self, call, 1),
};
