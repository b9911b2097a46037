import type { ViewNote } from '../types.ts';
import { dateOfWords, isTagged, kindOf, numericOf, stringOf, type DateValue, type LinkValue, type Value } from './values.ts';

/*
 * Equality and order of Bases values. A link equals another link or a file when both resolve to
 * the same shared note; a link that resolves to nothing (a private or missing note) equals only a
 * link with the same written target (help.obsidian.md, "Bases syntax", Files and links). A date
 * written as text compares as a date with a date.
 */

export interface Comparing {
  /** The shared note a link resolves to, or undefined (private, missing, not a note). */
  resolve(link: LinkValue): ViewNote | undefined;
  timeZone: string;
}

const normalTarget = (target: string) => target.trim().replace(/\.md$/i, '').toLowerCase();

/** What a link or file stands for: a shared note's path, or the words of an unresolved target. */
function identityOf(value: Value, comparing: Comparing): string | undefined {
  if (kindOf(value, 'file')) return `note:${value.note.path}`;
  if (kindOf(value, 'link')) {
    const note = comparing.resolve(value);
    return note ? `note:${note.path}` : `words:${normalTarget(value.target)}`;
  }
  return undefined;
}

/** A value as a date when it is one, or is text that reads as one. */
function asDate(value: Value, comparing: Comparing): DateValue | undefined {
  if (kindOf(value, 'date')) return value;
  return typeof value === 'string' ? dateOfWords(value, comparing.timeZone) : undefined;
}

const numeric = (value: Value): number | undefined => (typeof value === 'number' ? value : kindOf(value, 'duration') ? value.ms : undefined);

function equalLinks(a: Value, b: Value, comparing: Comparing): boolean | undefined {
  const linked = kindOf(a, 'link') || kindOf(a, 'file') || kindOf(b, 'link') || kindOf(b, 'file');
  if (!linked) return undefined;
  const wordsOf = (value: Value) => (typeof value === 'string' ? `words:${normalTarget(value)}` : identityOf(value, comparing));
  const [left, right] = [wordsOf(a), wordsOf(b)];
  if (left === undefined || right === undefined) return false;
  if (left === right) return true;
  // Text compared with a link that resolves: the text read as a link from the same note.
  const text = typeof a === 'string' ? a : typeof b === 'string' ? b : undefined;
  const link = kindOf(a, 'link') ? a : kindOf(b, 'link') ? b : undefined;
  if (text !== undefined && link) return identityOf({ kind: 'link', target: text, from: link.from }, comparing) === identityOf(link, comparing);
  return false;
}

export function valuesEqual(a: Value, b: Value, comparing: Comparing): boolean {
  if (a === null || b === null) return a === b;
  const links = equalLinks(a, b, comparing);
  if (links !== undefined) return links;
  const [dateA, dateB] = [asDate(a, comparing), asDate(b, comparing)];
  if ((kindOf(a, 'date') || kindOf(b, 'date')) && dateA && dateB) return dateA.dt.toMillis() === dateB.dt.toMillis();
  const [numberA, numberB] = [numeric(a), numeric(b)];
  if (numberA !== undefined && numberB !== undefined) return numberA === numberB;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]!, comparing));
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (kindOf(a, 'object') && kindOf(b, 'object')) {
    const keys = Object.keys(a.entries);
    return keys.length === Object.keys(b.entries).length && keys.every((key) => key in b.entries && valuesEqual(a.entries[key]!, b.entries[key]!, comparing));
  }
  if (isTagged(a) || isTagged(b)) return isTagged(a) && isTagged(b) && a.kind === b.kind && stringOf(a) === stringOf(b);
  return a === b;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Which kinds sort before which when a column mixes them. */
const RANK = ['number', 'duration', 'date', 'boolean', 'string', 'link', 'file', 'list'];
const rankOf = (value: Value) => {
  const kind = Array.isArray(value) ? 'list' : isTagged(value) ? value.kind : typeof value;
  const rank = RANK.indexOf(kind);
  return rank < 0 ? RANK.length : rank;
};

/**
 * The order of two values: negative, zero or positive, or undefined when they cannot be ordered
 * (`>` and `<` are then false). Numbers by value, dates by instant, text in natural order.
 */
export function compareValues(a: Value, b: Value, comparing: Comparing): number | undefined {
  if (a === null || b === null) return undefined;
  const [numberA, numberB] = [numeric(a), numeric(b)];
  if (numberA !== undefined && numberB !== undefined) return numberA - numberB;
  // A number compared with text that is a number (`formula.ppu > 5` where ppu is `toFixed(2)`).
  if (typeof a === 'number' || typeof b === 'number') {
    const [left, right] = [numericOf(a), numericOf(b)];
    if (left !== undefined && right !== undefined) return left - right;
  }
  if (kindOf(a, 'date') || kindOf(b, 'date')) {
    const [dateA, dateB] = [asDate(a, comparing), asDate(b, comparing)];
    if (dateA && dateB) return dateA.dt.toMillis() - dateB.dt.toMillis();
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  const textual = (value: Value) => typeof value === 'string' || kindOf(value, 'link') || kindOf(value, 'file');
  if (textual(a) && textual(b)) return collator.compare(stringOf(a), stringOf(b));
  return undefined;
}

/** The order a sort puts values in (direction 1 ascending, -1 descending): as compareValues, then by kind; empty values last either way. */
export function sortOrder(a: Value, b: Value, comparing: Comparing, direction: 1 | -1 = 1): number {
  const emptyA = a === null || a === '' || (Array.isArray(a) && !a.length);
  const emptyB = b === null || b === '' || (Array.isArray(b) && !b.length);
  if (emptyA || emptyB) return Number(emptyA) - Number(emptyB);
  const first = (value: Value) => (Array.isArray(value) ? value[0]! : value);
  const compared = compareValues(first(a), first(b), comparing);
  if (compared !== undefined && !Number.isNaN(compared)) return direction * compared;
  return direction * (rankOf(a) - rankOf(b) || collator.compare(stringOf(a), stringOf(b)));
}
