import { DateTime } from 'luxon';
import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { quoted } from './text.ts';

/*
 * Dates as gardeners write them. Luxon parses ISO 8601 and explicit formats in a named zone; the
 * formats below are the ones the contract lists plus their common variants.
 */
const FORMATS = [
  'yyyy-MM-dd EEE h:mm a',
  'yyyy-MM-dd EEE H:mm',
  'yyyy-MM-dd EEE',
  'yyyy-MM-dd h:mm a',
  'yyyy-MM-dd H:mm',
  'yyyy-MM-dd H:mm:ss',
  'yyyy/MM/dd',
  'yyyy/MM/dd H:mm',
  'MMMM d, yyyy',
  'MMMM d yyyy',
  'MMM d, yyyy',
  'MMM d yyyy',
  'd MMMM yyyy',
  'd MMM yyyy',
  'EEEE, MMMM d, yyyy',
  'MMMM d, yyyy h:mm a',
  'd MMMM yyyy H:mm',
];

/** Parses a frontmatter date into an ISO 8601 instant, or undefined when it cannot be read. */
export function parseDate(value: unknown, zone: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone }).toISO() ?? undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // Lowercase meridiems ("9:48pm") and doubled spaces are common in hand-written dates.
  const text = String(value)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(\d)\s*([ap])\.?m\.?\b/gi, (_m, digit: string, half: string) => `${digit} ${half.toUpperCase()}M`);
  const options = { zone, setZone: true, locale: 'en-US' };
  let parsed = DateTime.fromISO(text, options);
  if (!parsed.isValid) parsed = DateTime.fromSQL(text, options);
  for (const format of FORMATS) {
    if (parsed.isValid) break;
    parsed = DateTime.fromFormat(text, format, options);
  }
  if (!parsed.isValid || parsed.year < 1000 || parsed.year > 9999) return undefined;
  return parsed.toISO({ suppressMilliseconds: true }) ?? undefined;
}

export interface NoteDates {
  /** When the note was planted: `created`, else `date`. */
  created?: string;
  /** When it was last tended. */
  updated?: string;
  /** Fields written but not readable as dates. */
  unreadable: string[];
}

/** A note's dates from its frontmatter, in the garden's time zone. */
export function readDates(data: Frontmatter, zone: string): NoteDates {
  const read: Partial<Record<'created' | 'updated' | 'date', string>> = {};
  const unreadable: string[] = [];
  for (const name of ['created', 'updated', 'date'] as const) {
    const value = publishedField(data, name);
    read[name] = parseDate(value, zone);
    if (value !== undefined && value !== null && value !== '' && !read[name]) {
      unreadable.push(`${name} ${quoted(value)} is not a date we can read; it is ignored`);
    }
  }
  return { created: read.created ?? read.date, updated: read.updated, unreadable };
}
