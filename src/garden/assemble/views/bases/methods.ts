import { DateTime } from 'luxon';
import { slowPattern } from '../safe-regex.ts';
import { formatMoment } from './dates.ts';
import { hasTag, inFolder } from './files.ts';
import { LIST, spread } from './list-methods.ts';
import { number, text, type Call, type Method, type Recurse } from './method-kit.ts';
import type { Node } from './parse-expression.ts';
import { EvalError, type Runtime, type Scope } from './runtime.ts';
import { dateValue, isEmptyValue, isTruthy, kindOf, stringOf, typeName, type DateValue, type Value } from './values.ts';

/*
 * Bases' methods, by the type of the value they are called on (help.obsidian.md, "Functions": Any,
 * Date, String, Number, List, Link, File, Object, Regular expression). A method called on an empty
 * value gives an empty value, as a missing property shows an empty cell in Obsidian.
 */

/** A regular expression that could take very long on a long text (`(a+)+`) is refused rather than run. */
function safeRegex(pattern: RegExp): RegExp {
  const slow = slowPattern(pattern.source);
  if (slow) throw new EvalError(slow);
  return pattern;
}
const bounded = (value: string) => value.slice(0, 100_000);

const ANY: Record<string, Method<Value>> = {
  isTruthy: (self) => isTruthy(self),
  isType: (self, call) => typeName(self) === text(call.values()[0]).toLowerCase(),
  toString: (self: Value) => stringOf(self),
};

const STRING: Record<string, Method<string>> = {
  contains: (self, call) => self.includes(text(call.values()[0])),
  containsAll: (self, call) => spread(call.values()).every((value) => self.includes(text(value))),
  containsAny: (self, call) => spread(call.values()).some((value) => self.includes(text(value))),
  endsWith: (self, call) => self.endsWith(text(call.values()[0])),
  startsWith: (self, call) => self.startsWith(text(call.values()[0])),
  isEmpty: (self) => self === '',
  lower: (self) => self.toLowerCase(),
  upper: (self) => self.toUpperCase(),
  title: (self) => self.replace(/(^|\s)(\S)/g, (_all, space: string, first: string) => space + first.toUpperCase()),
  trim: (self) => self.trim(),
  reverse: (self) => [...self].reverse().join(''),
  repeat: (self, call) => {
    const count = Math.max(0, Math.trunc(number(call.values()[0], 'repeat')));
    if (self.length * count > 1_000_000) throw new EvalError('repeat() would make a text longer than a million characters');
    return self.repeat(count);
  },
  slice: (self, call) => {
    const [start, end] = call.values();
    return self.slice(number(start, 'slice'), end === undefined || end === null ? undefined : number(end, 'slice'));
  },
  replace: (self, call) => {
    const [pattern, replacement] = call.values();
    const by = text(replacement);
    if (pattern instanceof RegExp) return bounded(self).replace(safeRegex(pattern), by);
    return self.replaceAll(text(pattern), () => by);
  },
  split: (self, call) => {
    const [separator, limit] = call.values();
    const parts = separator instanceof RegExp ? bounded(self).split(safeRegex(separator)) : self.split(text(separator));
    return typeof limit === 'number' ? parts.slice(0, limit) : parts;
  },
};

const NUMBER: Record<string, Method<number>> = {
  abs: (self) => Math.abs(self),
  ceil: (self) => Math.ceil(self),
  floor: (self) => Math.floor(self),
  round: (self, call) => {
    const digits = call.values()[0];
    const scale = 10 ** Math.min(15, Math.max(0, typeof digits === 'number' ? Math.trunc(digits) : 0));
    return Math.round(self * scale) / scale;
  },
  toFixed: (self, call) => self.toFixed(Math.min(100, Math.max(0, Math.trunc(number(call.values()[0] ?? 0, 'toFixed'))))),
  isEmpty: () => false,
};

const DATE: Record<string, Method<DateValue>> = {
  date: (self) => dateValue(self.dt.startOf('day'), false),
  format: (self, call) => formatMoment(self.dt, text(call.values()[0])),
  time: (self) => self.dt.toFormat('HH:mm:ss'),
  relative: (self, call) => self.dt.toRelative({ base: DateTime.fromJSDate(call.runtime.context.now, { zone: call.runtime.timeZone }) }) ?? '',
  isEmpty: () => false,
};

const FILE: Record<string, Method<Extract<Value, { kind: 'file' }>>> = {
  asLink: (self, call) => {
    const display = call.values()[0];
    return { kind: 'link', target: self.note.path.replace(/\.md$/i, ''), ...(display ? { display: text(display) } : {}), from: self.note.path };
  },
  hasLink: (self, call) => {
    const other = call.values()[0] ?? null;
    const path = kindOf(other, 'file') ? other.note.path : kindOf(other, 'link') || typeof other === 'string' ? linkedPath(other, self.note.path, call.runtime) : undefined;
    return path !== undefined && self.note.links.includes(path);
  },
  hasProperty: (self, call) => Object.keys(self.note.properties).some((key) => key.toLowerCase() === text(call.values()[0]).toLowerCase()),
  hasTag: (self, call) => call.values().some((tag) => hasTag(self.note, text(tag))),
  inFolder: (self, call) => inFolder(self.note, text(call.values()[0])),
  isEmpty: () => false,
};

/** The shared note's path a link (or a path written as text) resolves to. */
function linkedPath(value: Value, from: string, runtime: Runtime): string | undefined {
  const link = kindOf(value, 'link') ? value : { kind: 'link' as const, target: text(value).replace(/^\[\[|\]\]$/g, ''), from };
  return runtime.resolve(link)?.path;
}

const LINK: Record<string, Method<Extract<Value, { kind: 'link' }>>> = {
  asFile: (self, call) => {
    const note = call.runtime.resolve(self);
    return note ? { kind: 'file', note } : null;
  },
  linksTo: (self, call) => {
    const note = call.runtime.resolve(self);
    const other = call.values()[0] ?? null;
    const path = kindOf(other, 'file') ? other.note.path : linkedPath(other, self.from, call.runtime);
    return Boolean(note && path !== undefined && note.links.includes(path));
  },
  isEmpty: () => false,
};

const OBJECT: Record<string, Method<Extract<Value, { kind: 'object' }>>> = {
  isEmpty: (self) => Object.keys(self.entries).length === 0,
  keys: (self) => Object.keys(self.entries),
  values: (self) => Object.values(self.entries),
};

const REGEXP: Record<string, Method<RegExp>> = {
  matches: (self, call) => {
    const regex = safeRegex(self);
    regex.lastIndex = 0;
    return regex.test(bounded(text(call.values()[0])));
  },
};

/** The methods of a value's type, and the value they take as `self`. */
function methodsOf(self: Value): [Record<string, Method<never>>, Value] | undefined {
  if (typeof self === 'string') return [STRING, self];
  if (typeof self === 'number') return [NUMBER, self];
  if (Array.isArray(self)) return [LIST, self];
  if (self instanceof RegExp) return [REGEXP, self];
  if (kindOf(self, 'date')) return [DATE, self];
  if (kindOf(self, 'file')) return [FILE, self];
  if (kindOf(self, 'link')) return [LINK, self];
  if (kindOf(self, 'object')) return [OBJECT, self];
  return undefined;
}

export function callMethod(self: Value, name: string, args: Node[], scope: Scope, runtime: Runtime, recurse: Recurse): Value {
  let evaluated: Value[] | undefined;
  const call: Call = { args, scope, runtime, recurse, values: () => (evaluated ??= args.map((arg) => recurse(arg))) };
  if (Object.hasOwn(ANY, name)) return ANY[name]!(self, call);
  if (self === null) return name === 'isEmpty' ? true : null;
  const own = methodsOf(self);
  if (own && Object.hasOwn(own[0], name)) return (own[0][name] as Method<Value>)(own[1], call);
  // A date a note wrote as text still has the text's methods (`created.contains("2024")`), and a
  // link its target's (`file.embeds[0].containsAny("jpg", "png")`, as kepano's Everything.base asks).
  if (kindOf(self, 'date') && self.text !== undefined && Object.hasOwn(STRING, name)) return STRING[name]!(self.text, call);
  if (kindOf(self, 'link') && Object.hasOwn(STRING, name)) return STRING[name]!(self.target, call);
  if (name === 'isEmpty') return isEmptyValue(self);
  throw new EvalError(`${typeName(self)}.${name}() is not a method the garden can evaluate`);
}

/** Every method name of every type, to tell a name no type has before any row is evaluated. */
export const METHOD_NAMES: ReadonlySet<string> = new Set([ANY, STRING, NUMBER, DATE, LIST, FILE, LINK, OBJECT, REGEXP].flatMap((table) => Object.keys(table)));
