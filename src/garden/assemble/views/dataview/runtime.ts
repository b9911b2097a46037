import { DateTime, Duration } from 'luxon';
import type { LinkResolution, ViewContext, ViewNote } from '../types.ts';
import type { BinaryOp, Field } from './parse-query.ts';
import { dateOfLiteral, pageOf, type PageSources } from './pages.ts';
import { compareValues, fieldOf, isTruthy, Lambda, Link, toText, typeOf, type DataObject, type Value } from './values.ts';
import { FUNCTIONS } from './functions.ts';
import { EvaluationError, ViewAbort } from './errors.ts';
import { inlineFieldsOf } from './inline-fields.ts';

/*
 * Dataview's expression evaluator as an interpreter over the parsed tree, never `eval`: every node
 * costs a step from a budget shared by the whole view, and nesting deeper than a limit stops, so a
 * hostile query ends as a problem rather than a hang or a stack overflow. A link reaches another
 * note's data only when it resolves to a shared note.
 */


/** Node evaluations one view may spend: a few formulas over 10,000 notes fit many times over. */
export const STEP_BUDGET = 5_000_000;
const MAX_DEPTH = 400;

/** Pages made once per set of shared notes, zone and "now", shared by every view of a build: a page never changes. */
interface World {
  shared: Map<string, ViewNote>;
  sources: PageSources;
  pages: WeakMap<ViewNote, DataObject>;
}
const WORLDS = new WeakMap<readonly ViewNote[], Map<string, World>>();

function worldOf(context: ViewContext): World {
  const byClock = WORLDS.get(context.notes) ?? new Map<string, World>();
  WORLDS.set(context.notes, byClock);
  const key = `${context.timeZone}|${context.now.getTime()}`;
  let world = byClock.get(key);
  if (!world) {
    const shared = new Map(context.notes.map((note) => [note.path, note]));
    world = { shared, sources: { zone: context.timeZone, now: context.now, shared: new Set(shared.keys()), inlineFields: inlineFieldsOf }, pages: new WeakMap() };
    byClock.set(key, world);
  }
  return world;
}

/** On a lambda's arguments, the row (or arguments) it was written in: a lambda sees the row's fields without copying them. */
const OUTER = Symbol('outer scope');
const outerOf = (scope: DataObject): DataObject | undefined => (scope as unknown as Record<symbol, DataObject | undefined>)[OUTER];

/** `row`: every name in scope, the innermost winning. */
function rowOf(data: DataObject): DataObject {
  const scopes: DataObject[] = [];
  for (let scope: DataObject | undefined = data; scope; scope = outerOf(scope)) scopes.unshift(scope);
  return Object.assign({}, ...scopes) as DataObject;
}

export class Runtime {
  readonly context: ViewContext;
  /** The context whose links resolve only to shared notes, for the shared cell makers. */
  readonly safeContext: ViewContext;
  private readonly world: World;
  private steps = STEP_BUDGET;
  private depth = 0;
  /** The page of the note the view is on (`this`), or an empty object. */
  readonly self: DataObject;

  constructor(context: ViewContext) {
    this.context = context;
    this.world = worldOf(context);
    this.safeContext = { ...context, resolveLink: (target, from) => this.resolve(target, from) };
    this.self = context.self ? this.pageOf(context.self) : {};
  }

  /** A shared note by its vault path: the notes, and the note the view is on. */
  private sharedNote(path: string): ViewNote | undefined {
    return this.world.shared.get(path) ?? (this.context.self?.path === path ? this.context.self : undefined);
  }

  /** The context's resolver, trusted only when it names a shared note. */
  private resolve(target: string, from: string): LinkResolution {
    const resolved = this.context.resolveLink(target, from);
    const note = resolved.kind === 'note' ? this.sharedNote(resolved.note.path) : undefined;
    return note ? { kind: 'note', note } : { kind: 'none' };
  }

  get selfPath(): string {
    return this.context.self?.path ?? '';
  }

  pageOf(note: ViewNote): DataObject {
    let page = this.world.pages.get(note);
    if (!page) {
      page = pageOf(note, this.world.sources);
      this.world.pages.set(note, page);
    }
    return page;
  }

  /** The shared note a link leads to, or undefined: a private or missing note is never reached. */
  noteOf(link: Link): ViewNote | undefined {
    const target = link.path === '' ? this.selfPath : link.path;
    const resolved = this.sharedNote(target) ? undefined : this.resolve(target, link.from || this.selfPath);
    return this.sharedNote(target) ?? (resolved?.kind === 'note' ? resolved.note : undefined);
  }

  /** A link's identity for comparison: the shared note's path, else the words written. */
  readonly normalize = (link: Link): string => this.noteOf(link)?.path ?? link.path;

  compare(a: Value, b: Value): number {
    return compareValues(a, b, this.normalize);
  }

  private spend(): void {
    if (--this.steps < 0) throw new ViewAbort(`This query needs more than ${STEP_BUDGET.toLocaleString('en-US')} evaluation steps, more than a build allows one view.`);
  }

  evaluate(field: Field, data: DataObject): Value {
    this.spend();
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new ViewAbort(`This query nests more than ${MAX_DEPTH} levels deep.`);
    }
    try {
      return this.evaluateNode(field, data);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(field: Field, data: DataObject): Value {
    switch (field.type) {
      case 'literal':
        return field.value instanceof Link && !field.value.from ? field.value.withFrom(this.selfPath) : field.value;
      case 'date':
        return dateOfLiteral(field.date, this.context.timeZone, this.context.now);
      case 'variable':
        return this.variable(field.name, data);
      case 'negated':
        return !isTruthy(this.evaluate(field.child, data));
      case 'binaryop':
        return this.binary(field.op, this.evaluate(field.left, data), this.evaluate(field.right, data));
      case 'list':
        return field.values.map((value) => this.evaluate(value, data));
      case 'object': {
        const object: DataObject = {};
        for (const [key, value] of field.values) Object.defineProperty(object, key, { value: this.evaluate(value, data), enumerable: true, writable: true, configurable: true });
        return object;
      }
      case 'lambda':
        return new Lambda((...args) => {
          // Parameter names are identifiers (they start with a letter), so none is `__proto__`.
          const scope = { [OUTER]: data } as unknown as DataObject;
          for (let i = 0; i < field.arguments.length; i++) scope[field.arguments[i]!] = args[i] ?? null;
          return this.evaluate(field.value, scope);
        });
      case 'function':
        return this.call(field, data);
      case 'index':
        return this.index(field, data);
    }
  }

  /** A name in the row, or in the rows around a lambda's arguments, or `this`. */
  private variable(name: string, data: DataObject): Value {
    for (let scope: DataObject | undefined = data; scope; scope = outerOf(scope)) if (Object.hasOwn(scope, name)) return scope[name] ?? null;
    if (name === 'this') return this.self;
    return null;
  }

  private call(field: Extract<Field, { type: 'function' }>, data: DataObject): Value {
    const bound = field.func.type === 'variable' ? this.variable(field.func.name, data) : undefined;
    const callee = bound instanceof Lambda ? bound : field.func.type === 'variable' ? field.func.name : this.evaluate(field.func, data);
    const args = field.arguments.map((arg) => this.evaluate(arg, data));
    if (callee instanceof Lambda) return callee.call(...args);
    if (typeof callee !== 'string') throw new EvaluationError(`Cannot call type '${typeOf(callee)}' as a function`);
    const impl = Object.hasOwn(FUNCTIONS, callee.toLowerCase()) ? FUNCTIONS[callee.toLowerCase()] : undefined;
    if (!impl) throw new EvaluationError(`Unrecognized function name '${callee}'`);
    return impl(this, args);
  }

  private index(field: Extract<Field, { type: 'index' }>, data: DataObject): Value {
    const key = field.index.type === 'variable' ? field.index.name : this.evaluate(field.index, data);
    if (typeof key !== 'string' && typeof key !== 'number') throw new EvaluationError('Can only index with a string, variable, or number');
    const object = field.object.type === 'variable' && field.object.name === 'row' ? rowOf(data) : this.evaluate(field.object, data);
    return this.indexValue(object, key);
  }

  indexValue(object: Value, key: string | number): Value {
    this.spend();
    switch (typeOf(object)) {
      case 'object':
        if (typeof key !== 'string') throw new EvaluationError('can only index into objects with strings (a.b or a["b"])');
        return fieldOf(object as DataObject, key);
      case 'link': {
        if (typeof key !== 'string') throw new EvaluationError('can only index into links with strings (a.b or a["b"])');
        const note = this.noteOf(object as Link);
        return note ? fieldOf(this.pageOf(note), key) : null;
      }
      case 'array': {
        const list = object as Value[];
        if (typeof key === 'number') return key >= 0 && key < list.length ? list[key]! : null;
        return list.flatMap((item) => {
          try {
            return [this.indexValue(item, key)];
          } catch (error) {
            if (error instanceof EvaluationError) return [];
            throw error;
          }
        });
      }
      case 'string': {
        if (typeof key !== 'number') throw new EvaluationError('string indexing requires a numeric index (string[index])');
        const text = object as string;
        return key >= 0 && key < text.length ? text[key]! : null;
      }
      case 'date':
        if (typeof key !== 'string') throw new EvaluationError('date indexing requires a string representing the unit');
        return dateUnit(object as DateTime, key);
      case 'duration':
        if (typeof key !== 'string') throw new EvaluationError('duration indexing requires a string representing the unit');
        return durationUnit(object as Duration, key);
      default:
        return null;
    }
  }

  /** Dataview's binary operators (`binaryop.ts`): comparison over any two values, arithmetic only where defined. */
  binary(op: BinaryOp, a: Value, b: Value): Value {
    const order = () => this.compare(a, b);
    switch (op) {
      case '=':
        return order() === 0;
      case '!=':
        return order() !== 0;
      case '<':
        return order() < 0;
      case '<=':
        return order() <= 0;
      case '>':
        return order() > 0;
      case '>=':
        return order() >= 0;
      case '&':
        return isTruthy(a) && isTruthy(b);
      case '|':
        return isTruthy(a) || isTruthy(b);
      default:
        return arithmetic(op, a, b);
    }
  }
}


function arithmetic(op: BinaryOp, a: Value, b: Value): Value {
  const left = typeOf(a);
  const right = typeOf(b);
  const pair = `${left} ${op} ${right}`;
  if (left === 'number' && right === 'number') return numeric(op, a as number, b as number);
  if (op === '+' && left === 'string') return (a as string) + toText(b);
  if (op === '+' && right === 'string') return toText(a) + (b as string);
  if (op === '*' && left === 'string' && right === 'number') return (b as number) < 0 ? '' : (a as string).repeat(Math.min(b as number, 100_000));
  if (op === '*' && left === 'number' && right === 'string') return (a as number) < 0 ? '' : (b as string).repeat(Math.min(a as number, 100_000));
  if (left === 'date' && right === 'date' && op === '-')
    return (a as DateTime).diff(b as DateTime, ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds']).shiftToAll().normalize();
  if (left === 'date' && right === 'duration' && (op === '-' || op === '+')) return op === '+' ? (a as DateTime).plus(b as Duration) : (a as DateTime).minus(b as Duration);
  if (left === 'duration' && right === 'date' && op === '+') return (b as DateTime).plus(a as Duration);
  if (left === 'duration' && right === 'duration' && (op === '+' || op === '-')) return (op === '+' ? (a as Duration).plus(b as Duration) : (a as Duration).minus(b as Duration)).shiftToAll().normalize();
  if (left === 'duration' && right === 'number' && (op === '*' || op === '/')) return (a as Duration).mapUnits((x) => (op === '*' ? x * (b as number) : x / (b as number))).shiftToAll().normalize();
  if (left === 'number' && right === 'duration' && op === '*') return (b as Duration).mapUnits((x) => x * (a as number)).shiftToAll().normalize();
  if (left === 'array' && right === 'array' && op === '+') return [...(a as Value[]), ...(b as Value[])];
  if (left === 'object' && right === 'object' && op === '+') return { ...(a as DataObject), ...(b as DataObject) };
  if (left === 'null' && right === 'null') return null;
  if ((left === 'null' && right === 'date') || (left === 'date' && right === 'null')) if (op === '+' || op === '-') return null;
  throw new EvaluationError(`No implementation found for '${pair}'`);
}

function numeric(op: BinaryOp, a: number, b: number): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  if (op === '/') return a / b;
  return a % b;
}

function dateUnit(date: DateTime, unit: string): Value {
  const units: Record<string, () => number> = {
    year: () => date.year,
    month: () => date.month,
    weekyear: () => date.weekNumber,
    week: () => Math.floor(date.day / 7) + 1,
    weekday: () => date.weekday,
    day: () => date.day,
    hour: () => date.hour,
    minute: () => date.minute,
    second: () => date.second,
    millisecond: () => date.millisecond,
  };
  return Object.hasOwn(units, unit) ? units[unit]!() : null;
}

function durationUnit(duration: Duration, unit: string): Value {
  const plural = unit.endsWith('s') ? unit : `${unit}s`;
  const known = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'];
  if (!known.includes(plural) || unit === 'week') return null;
  return duration.shiftTo(plural as 'years').get(plural as 'years');
}
