import { DateTime } from 'luxon';
import { wikilinkOf } from '../cells.ts';
import { compareValues } from './compare.ts';
import { parseDate, parseDuration } from './dates.ts';
import type { Recurse } from './method-kit.ts';
import { callMethod } from './methods.ts';
import type { Node } from './parse-expression.ts';
import { EvalError, type Runtime, type Scope } from './runtime.ts';
import { dateValue, isEmptyValue, isTruthy, kindOf, stringOf, typeName, type LinkValue, type Value } from './values.ts';

/*
 * Bases' global functions (help.obsidian.md, "Functions", Global). `file()` and `link()` reach only
 * shared notes: a path that resolves to nothing gives no file. `html()`, `image()` and `icon()`
 * give values the garden describes rather than draws (display.ts), so no note's markup is published.
 */

type Global = (args: Node[], scope: Scope, runtime: Runtime, recurse: Recurse) => Value;

/** Where a link written in an expression is read from: the row's note, else the note showing the view. */
export const fromOf = (scope: Scope, runtime: Runtime) => scope.row?.path ?? runtime.context.self?.path ?? '';

const text = (value: Value, name: string): string => {
  if (typeof value === 'string') return value;
  throw new EvalError(`${name}() needs a text, not ${typeName(value)}`);
};

/** A global whose arguments are all evaluated first. */
const eager =
  (run: (values: Value[], scope: Scope, runtime: Runtime) => Value): Global =>
  (args, scope, runtime, recurse) =>
    run(args.map((arg) => recurse(arg)), scope, runtime);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

function toDate(value: Value, runtime: Runtime): Value {
  if (value === null || kindOf(value, 'date')) return value;
  if (typeof value === 'number') return dateValue(DateTime.fromMillis(value, { zone: runtime.timeZone }), true);
  const date = parseDate(text(value, 'date'), runtime.timeZone);
  if (!date) throw new EvalError(`date() cannot read "${String(value).slice(0, 40)}" as a date`);
  return date;
}

/** `link(path, display?)`: a link from the row's note; `link(file)` links that file. */
function toLink(values: Value[], scope: Scope, runtime: Runtime): Value {
  const [target, display] = values;
  const shown = display === undefined || display === null || kindOf(display, 'icon') ? undefined : stringOf(display);
  const from = fromOf(scope, runtime);
  if (kindOf(target!, 'file')) return { kind: 'link', target: target.note.path.replace(/\.md$/i, ''), ...(shown ? { display: shown } : {}), from };
  if (kindOf(target!, 'link')) return shown ? { ...target, display: shown } : target;
  if (target === null || target === undefined) return null;
  const written = stringOf(target);
  const wikilink = wikilinkOf(written);
  const display_ = shown ?? wikilink?.display;
  return { kind: 'link', target: wikilink?.target ?? written, ...(display_ ? { display: display_ } : {}), from } satisfies LinkValue;
}

/** `file(path)`: the shared note a path or link names, or null: never a private note. */
function toFile(value: Value, scope: Scope, runtime: Runtime): Value {
  if (value === null || kindOf(value, 'file')) return value;
  const link = kindOf(value, 'link') ? value : (toLink([value], scope, runtime) as LinkValue);
  const note = runtime.resolve(link);
  return note ? { kind: 'file', note } : null;
}

function toNumber(value: Value): Value {
  if (value === null || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (kindOf(value, 'date')) return value.dt.toMillis();
  if (kindOf(value, 'duration')) return value.ms;
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new EvalError(`number() cannot read ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${typeName(value)}`} as a number`);
  return parsed;
}

/** `max()`/`min()` over numbers (or dates), lists flattened, empty values skipped. */
const extreme = (sign: 1 | -1) =>
  eager((values, _scope, runtime) => {
    let best: Value = null;
    for (const value of values.flat()) {
      if (value === null) continue;
      const order = best === null ? sign : compareValues(value, best, runtime);
      if (order === undefined) throw new EvalError(`${sign > 0 ? 'max' : 'min'}() compares numbers, not ${typeName(value)}`);
      if (sign * order > 0) best = value;
    }
    return best;
  });

/** An early-beta global that is now a method of its first argument (`contains(tags, "x")`, `taggedWith(file.file, "x")`). */
const viaMethod =
  (method: string, negate = false): Global =>
  (args, scope, runtime, recurse) => {
    if (!args.length) throw new EvalError(`${method}() needs a value to work on`);
    const result = callMethod(recurse(args[0]!), method, args.slice(1), scope, runtime, recurse);
    return negate ? !isTruthy(result) : result;
  };

/** The global functions of the early beta's Functions page, still written in some vaults (kepano's Shows.base). */
const EARLY_BETA: Record<string, Global> = {
  not: eager(([value]) => !isTruthy(value ?? null)),
  empty: eager(([value]) => isEmptyValue(value ?? null)),
  notEmpty: eager(([value]) => !isEmptyValue(value ?? null)),
  contains: viaMethod('contains'),
  containsAny: viaMethod('containsAny'),
  containsAll: viaMethod('containsAll'),
  containsNone: viaMethod('containsAny', true),
  taggedWith: viaMethod('hasTag'),
  linksTo: viaMethod('hasLink'),
  inFolder: viaMethod('inFolder'),
};

const GLOBALS: Record<string, Global> = {
  ...EARLY_BETA,
  escapeHTML: eager(([value]) => escapeHtml(stringOf(value ?? null))),
  date: eager(([value], _scope, runtime) => toDate(value ?? null, runtime)),
  duration: eager(([value]) => parseDuration(text(value ?? null, 'duration')) ?? fail(`duration() cannot read "${String(value)}" as a duration`)),
  file: eager(([value], scope, runtime) => toFile(value ?? null, scope, runtime)),
  html: eager(([value]) => ({ kind: 'html', text: stringOf(value ?? null) })),
  if: (args, _scope, _runtime, recurse) => {
    if (args.length < 2) throw new EvalError('if() needs a condition and a value');
    return isTruthy(recurse(args[0]!)) ? recurse(args[1]!) : args[2] ? recurse(args[2]) : null;
  },
  image: eager(([value]) => (value === null || value === undefined ? null : { kind: 'image', text: kindOf(value, 'file') ? value.note.path : kindOf(value, 'link') ? value.target : stringOf(value) })),
  icon: eager(([value]) => ({ kind: 'icon', text: stringOf(value ?? null) })),
  link: eager((values, scope, runtime) => toLink(values, scope, runtime)),
  list: eager(([value]) => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value])),
  max: extreme(1),
  min: extreme(-1),
  now: eager((_values, _scope, runtime) => dateValue(DateTime.fromJSDate(runtime.context.now, { zone: runtime.timeZone }), true)),
  number: eager(([value]) => toNumber(value ?? null)),
  today: eager((_values, _scope, runtime) => dateValue(DateTime.fromJSDate(runtime.context.now, { zone: runtime.timeZone }).startOf('day'), false)),
};

function fail(message: string): never {
  throw new EvalError(message);
}

export const GLOBAL_NAMES = Object.keys(GLOBALS);

export function callGlobal(name: string, args: Node[], scope: Scope, runtime: Runtime, recurse: Recurse): Value {
  const global = Object.hasOwn(GLOBALS, name) ? GLOBALS[name] : undefined;
  if (!global) throw new EvalError(`the function ${name}() is not one the garden can evaluate`);
  return global(args, scope, runtime, recurse);
}
