import { DateTime, Duration } from 'luxon';
import { dateText } from '../../../render/markdown/dataview-dates.ts';

/*
 * Dataview's values as its engine holds them: null, booleans, numbers, strings, luxon dates and
 * durations, links, lists, objects and lambdas. Comparison, truthiness and text follow Dataview's
 * own rules (`Values.compareValue`, `isTruthy`, `toString`), so that sorting, `=` and `string()`
 * give what Obsidian shows.
 */

/** A link a note wrote (or a query made), remembered with the note it was written in, to resolve it from there. */
export class Link {
  /** The target as written (`Books`, `Notes/Coffee.md`), or a shared note's vault path. */
  readonly path: string;
  /** The vault path of the note the link was written in; links are resolved from there. */
  readonly from: string;
  readonly display: string | undefined;
  readonly subpath: string | undefined;
  readonly embed: boolean;

  constructor(path: string, from: string, display?: string, subpath?: string, embed = false) {
    this.path = path;
    this.from = from;
    this.display = display;
    this.subpath = subpath;
    this.embed = embed;
  }

  withDisplay(display: string | undefined): Link {
    return new Link(this.path, this.from, display, this.subpath, this.embed);
  }

  withFrom(from: string): Link {
    return new Link(this.path, from, this.display, this.subpath, this.embed);
  }

  get type(): 'file' | 'header' | 'block' {
    return this.subpath === undefined ? 'file' : this.subpath.startsWith('^') ? 'block' : 'header';
  }

  /** `[[Books|my books]]`: how `string()` and `+` show a link, as Dataview does. */
  markdown(): string {
    const target = this.path + (this.subpath ? `#${this.subpath}` : '');
    return `${this.embed ? '!' : ''}[[${target}${this.display ? `|${this.display}` : ''}]]`;
  }
}

/** A `(x) => …` lambda, with the row it was written against. */
export class Lambda {
  readonly call: (...args: Value[]) => Value;
  constructor(call: (...args: Value[]) => Value) {
    this.call = call;
  }
}

export type DataObject = { [key: string]: Value };
export type Value = null | boolean | number | string | DateTime | Duration | Link | Lambda | Value[] | DataObject;
export type ValueType = 'null' | 'boolean' | 'number' | 'string' | 'date' | 'duration' | 'link' | 'function' | 'array' | 'object';

export function typeOf(value: Value | undefined): ValueType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  if (value instanceof DateTime) return 'date';
  if (value instanceof Duration) return 'duration';
  if (value instanceof Link) return 'link';
  if (value instanceof Lambda) return 'function';
  return 'object';
}

export const isObject = (value: Value): value is DataObject => typeOf(value) === 'object';

/** A key of an object, own keys only: a field named `constructor` is not Object's. */
export const fieldOf = (object: DataObject, key: string): Value => (Object.hasOwn(object, key) ? (object[key] ?? null) : null);

export function isTruthy(value: Value): boolean {
  switch (typeOf(value)) {
    case 'number':
      return value !== 0;
    case 'string':
      return (value as string).length > 0;
    case 'boolean':
      return value as boolean;
    case 'link':
      return !!(value as Link).path;
    case 'date':
      return (value as DateTime).toMillis() !== 0;
    case 'duration':
      return (value as Duration).as('seconds') !== 0;
    case 'object':
      return Object.keys(value as DataObject).length > 0;
    case 'array':
      return (value as Value[]).length > 0;
    case 'function':
      return true;
    case 'null':
      return false;
  }
}

/** A duration as Dataview shows it: normalized, zero units dropped, in words ("3 days, 4 hours"). */
export function durationText(duration: Duration): string {
  const units = Object.entries(duration.shiftToAll().normalize().toObject()).filter(([, amount]) => amount !== 0);
  return Duration.fromObject(Object.fromEntries(units)).toHuman();
}

export { dateText };

/** Dataview's `Values.toString`: what `string()`, `join()` and `"a" + b` make of a value. */
export function toText(value: Value, nested = false): string {
  switch (typeOf(value)) {
    case 'null':
      return '-';
    case 'string':
      return value as string;
    case 'number':
    case 'boolean':
      return String(value);
    case 'link':
      return (value as Link).markdown();
    case 'function':
      return '<function>';
    case 'array': {
      const inner = (value as Value[]).map((item) => toText(item, true)).join(', ');
      return nested ? `[${inner}]` : inner;
    }
    case 'object':
      return `{ ${Object.entries(value as DataObject)
        .map(([key, item]) => `${key}: ${toText(item, true)}`)
        .join(', ')} }`;
    case 'date':
      return dateText(value as DateTime);
    case 'duration':
      return durationText(value as Duration);
  }
}

/** Dataview's total order over values: null first, then by type name, then within a type. */
export function compareValues(a: Value, b: Value, normalize: (link: Link) => string): number {
  const left = typeOf(a);
  const right = typeOf(b);
  if (left === 'null' || right === 'null') return left === right ? 0 : left === 'null' ? -1 : 1;
  if (left !== right) return left.localeCompare(right);
  if (a === b) return 0;
  switch (left) {
    case 'string':
      return (a as string).localeCompare(b as string);
    case 'number':
      return Math.sign((a as number) - (b as number)) || 0;
    case 'boolean':
      return a ? 1 : -1;
    case 'link':
      return compareLinks(a as Link, b as Link, normalize);
    case 'date':
      return Math.sign((a as DateTime).toMillis() - (b as DateTime).toMillis());
    case 'duration':
      return Math.sign((a as Duration).toMillis() - (b as Duration).toMillis());
    case 'array':
      return compareLists(a as Value[], b as Value[], normalize);
    case 'object':
      return compareObjects(a as DataObject, b as DataObject, normalize);
    default:
      return 0;
  }
}

function compareLinks(a: Link, b: Link, normalize: (link: Link) => string): number {
  const byPath = normalize(a).localeCompare(normalize(b));
  if (byPath !== 0) return byPath;
  if (a.subpath === b.subpath) return 0;
  if (a.subpath === undefined) return -1;
  if (b.subpath === undefined) return 1;
  return a.subpath.localeCompare(b.subpath);
}

function compareLists(a: Value[], b: Value[], normalize: (link: Link) => string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i]!, b[i]!, normalize);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareObjects(a: DataObject, b: DataObject, normalize: (link: Link) => string): number {
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  const byKeys = compareLists(keysA, keysB, normalize);
  if (byKeys !== 0) return byKeys;
  for (const key of keysA) {
    const order = compareValues(fieldOf(a, key), fieldOf(b, key), normalize);
    if (order !== 0) return order;
  }
  return 0;
}
