import { DateTime, type DurationLikeObject } from 'luxon';
import { dateOfText, hasTimeOfDay, wikilinkOf } from '../cells.ts';
import type { ViewNote } from '../types.ts';

/*
 * The values a Bases expression works with, as Obsidian's type system names them (help.obsidian.md,
 * "Bases syntax", Types). Tagged objects rather than classes, so that a value is plain data; a file
 * value only ever wraps a ViewNote the view was given, so nothing else can be reached through it.
 */

/** A date, or a date and time; `text` is how a note wrote it, shown as written. */
export interface DateValue {
  kind: 'date';
  dt: DateTime;
  hasTime: boolean;
  text?: string;
}

/** A duration: calendar parts when written (`"1M"`), or the span between two dates. */
export interface DurationValue {
  kind: 'duration';
  ms: number;
  parts: DurationLikeObject;
  span?: { from: DateTime; to: DateTime };
}

/** A link as written (`[[Books]]`, `link("Books")`), from the note that wrote it. */
export interface LinkValue {
  kind: 'link';
  target: string;
  display?: string;
  from: string;
}

export interface FileValue {
  kind: 'file';
  note: ViewNote;
}

/** What `image()`, `icon()` and `html()` return: drawn by Obsidian, described by the garden. */
export type MarkupValue = { kind: 'image'; text: string } | { kind: 'icon'; text: string } | { kind: 'html'; text: string };

export interface ObjectValue {
  kind: 'object';
  entries: Record<string, Value>;
}

/** `note` and `formula` as values: their members are a row's properties and formulas. */
export type RowScopeValue = { kind: 'note'; note: ViewNote } | { kind: 'formula'; note: ViewNote };

export type Value =
  | null
  | boolean
  | number
  | string
  | RegExp
  | Value[]
  | DateValue
  | DurationValue
  | LinkValue
  | FileValue
  | MarkupValue
  | ObjectValue
  | RowScopeValue;

export type Tagged = Exclude<Value, null | boolean | number | string | RegExp | Value[]>;

export const isTagged = (value: Value): value is Tagged => value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp);

export function kindOf<K extends Tagged['kind']>(value: Value, kind: K): value is Extract<Tagged, { kind: K }> {
  return isTagged(value) && value.kind === kind;
}

/** The type name `isType()` and error messages use. */
export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof RegExp) return 'regexp';
  if (isTagged(value)) return value.kind === 'note' || value.kind === 'formula' ? 'object' : value.kind;
  return typeof value;
}

export const dateValue = (dt: DateTime, hasTime: boolean, text?: string): DateValue => ({ kind: 'date', dt, hasTime, ...(text === undefined ? {} : { text }) });

/** A YAML date (a JS Date): date-only at UTC midnight is a day in the garden's zone, as Obsidian reads it. */
export function dateOfJs(date: Date, timeZone: string): DateValue | null {
  if (Number.isNaN(date.getTime())) return null;
  const utc = DateTime.fromJSDate(date, { zone: 'utc' });
  if (utc.hour === 0 && utc.minute === 0 && utc.second === 0 && utc.millisecond === 0) {
    return dateValue(DateTime.fromObject({ year: utc.year, month: utc.month, day: utc.day }, { zone: timeZone }), false);
  }
  return dateValue(DateTime.fromJSDate(date, { zone: timeZone }), true);
}

/** A date written as text (`2024-03-01`), or undefined. */
export function dateOfWords(text: string, timeZone: string): DateValue | undefined {
  const dt = dateOfText(text, timeZone);
  return dt ? dateValue(dt, hasTimeOfDay(text), text) : undefined;
}

/**
 * A frontmatter value as Bases reads it: a wikilink is a link, a date written as text is a date
 * (shown as written), a list and a mapping are read item by item. Depth is bounded (YAML aliases).
 */
export function fromYaml(raw: unknown, from: string, timeZone: string, depth = 0): Value {
  if (raw === null || raw === undefined || depth > 50) return null;
  if (typeof raw === 'string') {
    const wikilink = wikilinkOf(raw);
    if (wikilink) return { kind: 'link', target: wikilink.target, ...(wikilink.display ? { display: wikilink.display } : {}), from };
    return dateOfWords(raw, timeZone) ?? raw;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return dateOfJs(raw, timeZone);
  if (Array.isArray(raw)) return raw.map((item) => fromYaml(item, from, timeZone, depth + 1));
  if (typeof raw === 'object') {
    // fromEntries makes every key its own property, `__proto__` too.
    return { kind: 'object', entries: Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, fromYaml(item, from, timeZone, depth + 1)])) };
  }
  return null;
}

/** A number, or text that is one (`"6.00"`, as `toFixed()` gives), for comparisons and summaries. */
export function numericOf(value: Value): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Truthiness as `if()` and filters read it: empty text, zero, an empty list and null are false. */
export function isTruthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (kindOf(value, 'duration')) return value.ms !== 0;
  return true;
}

/** Whether a value counts as empty (summaries' Empty/Filled, `isEmpty()`). */
export function isEmptyValue(value: Value): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (kindOf(value, 'object')) return Object.keys(value.entries).length === 0;
  return false;
}

const DATE_FORMAT = 'yyyy-MM-dd';
const DATE_TIME_FORMAT = 'yyyy-MM-dd HH:mm';

/** A date's text in a view: as the note wrote it, else ISO `YYYY-MM-DD` (with ` HH:mm` when it has a time). */
export const dateText = (date: DateValue): string => date.text ?? date.dt.toFormat(date.hasTime ? DATE_TIME_FORMAT : DATE_FORMAT);

/** `toString()`: the words of a value. */
export function stringOf(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Number.parseFloat(value.toPrecision(12)));
  if (typeof value === 'boolean' || value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return value.map(stringOf).join(', ');
  switch (value.kind) {
    case 'date':
      return value.text ?? value.dt.toFormat(value.hasTime ? 'yyyy-MM-dd HH:mm:ss' : DATE_FORMAT);
    case 'duration':
      return String(value.ms);
    case 'link':
      return value.display ?? value.target;
    case 'file':
      return value.note.path.split('/').pop()!.replace(/\.md$/i, '');
    case 'object':
      return `{${Object.entries(value.entries).map(([key, item]) => `${key}: ${stringOf(item)}`).join(', ')}}`;
    case 'note':
    case 'formula':
      return '';
    default:
      return value.text;
  }
}
