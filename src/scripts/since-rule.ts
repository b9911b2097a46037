/*
 * "Since your last visit", the rule without the page: what a visit is, and which notes a new one
 * marks. A note's dates are days, so comparing them with the clock cannot tell whether a note
 * tended "today" was tended before or after this morning's visit. Instead each visit keeps a
 * snapshot of every note as it was seen, and the next visit marks the notes that differ from it.
 */

/** A note as recent.json publishes it. */
export interface RecentNote {
  slug: string;
  title: string;
  planted?: string;
  tended?: string;
}

export type MarkKind = 'new' | 'tended';
export interface Mark {
  slug: string;
  title: string;
  kind: MarkKind;
}

/** What the browser keeps between page views: when the last one was, the notes as seen, the visit's marks. */
export interface VisitRecord {
  last: number;
  seen: string;
  marks: Mark[];
}

/** A visit ends after 30 minutes without a page view, as web analytics count visits. */
export const VISIT_GAP = 30 * 60_000;

// A note's fingerprint: its slug's hash in SLUG_CHARS characters, then its dates' in DATE_CHARS.
// 7 characters a note keeps 10,000 notes in 70 KB of storage. A collision only costs one mark.
const SLUG_CHARS = 5;
const DATE_CHARS = 2;
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a over UTF-16 code units: short, stable and good enough to tell notes apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The low `chars` × 6 bits of a hash, in URL-safe base-64 digits. */
function digits(value: number, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) out += DIGITS[(value >>> (6 * i)) & 63];
  return out;
}

export const fingerprint = (note: RecentNote): string =>
  digits(hash(note.slug), SLUG_CHARS) + digits(hash(`${note.planted ?? ''}\0${note.tended ?? ''}`), DATE_CHARS);

/** Every note's fingerprint, sorted and joined: the snapshot a visit stores. */
export const snapshotOf = (notes: RecentNote[]): string => notes.map(fingerprint).sort().join('');

/** A snapshot read back as slug hash → dates hash. */
function readSnapshot(seen: string): Map<string, string> {
  const width = SLUG_CHARS + DATE_CHARS;
  const notes = new Map<string, string>();
  for (let i = 0; i + width <= seen.length; i += width) notes.set(seen.slice(i, i + SLUG_CHARS), seen.slice(i + SLUG_CHARS, i + width));
  return notes;
}

/** The notes that differ from a snapshot: new when it had no such note, tended when its dates changed. */
export function changesSince(seen: string, notes: RecentNote[]): Mark[] {
  const before = readSnapshot(seen);
  const marks: Mark[] = [];
  for (const note of notes) {
    const print = fingerprint(note);
    const was = before.get(print.slice(0, SLUG_CHARS));
    if (was === undefined) marks.push({ slug: note.slug, title: note.title, kind: 'new' });
    else if (was !== print.slice(SLUG_CHARS)) marks.push({ slug: note.slug, title: note.title, kind: 'tended' });
  }
  return marks;
}

/** Whether a page view at `now` starts a new visit (also the first ever, and after a clock set back). */
export const startsVisit = (record: VisitRecord | undefined, now: number): boolean =>
  record === undefined || now - record.last > VISIT_GAP || now < record.last;

/** The record a new visit starts: the first marks nothing, a later one the notes changed since the last snapshot. */
export const startVisit = (record: VisitRecord | undefined, notes: RecentNote[], now: number): VisitRecord => ({
  last: now,
  seen: snapshotOf(notes),
  marks: record ? changesSince(record.seen, notes) : [],
});

/** A page view within the visit: the marks stay. */
export const continueVisit = (record: VisitRecord, now: number): VisitRecord => ({ ...record, last: now });

/** What storage held, if it is a record this script wrote; anything else is as if nothing were kept. */
export function readRecord(text: string | null): VisitRecord | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<VisitRecord>;
    const valid = typeof value.last === 'number' && typeof value.seen === 'string' && Array.isArray(value.marks);
    return valid ? (value as VisitRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The storage key: one record per garden, so two gardens on one host do not mix. */
export const storageKey = (base: string): string => `garden-visits:${base}`;
