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

const WEEKDAY = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?(?=\s|$)\s*/i;

/**
 * A date whose written weekday is not its day (`2025-06-14 Wed 9:48pm`: the 14th was a Saturday)
 * is read without the weekday: the date is what the gardener wrote, the weekday a slip. The
 * returned message says so; undefined when the weekday is not the reason the date was unreadable.
 */
export function parseDateIgnoringWeekday(value: unknown, zone: string): { iso: string; message: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const weekday = WEEKDAY.exec(value);
  if (!weekday) return undefined;
  const iso = parseDate(value.replace(WEEKDAY, ''), zone);
  if (!iso) return undefined;
  const day = DateTime.fromISO(iso, { setZone: true, locale: 'en-US' });
  const written = DateTime.fromFormat(weekday[1]!, 'EEE', { locale: 'en-US' });
  const writtenName = written.isValid ? written.toFormat('EEEE') : weekday[1]!;
  return { iso, message: `"${value}": ${day.toFormat('d MMMM yyyy')} is a ${day.toFormat('EEEE')}, not a ${writtenName}; the date is kept, the weekday ignored` };
}

export interface NoteDates {
  /** When the note was planted: `created`, else `date`. */
  created?: string;
  /** When it was last tended. */
  updated?: string;
  /** Fields written but not readable as dates. */
  unreadable: string[];
  /** Fields read, but not quite as written (a weekday that is not the date's). */
  warnings: string[];
}

/** A note's dates from its frontmatter, in the garden's time zone. */
export function readDates(data: Frontmatter, zone: string): NoteDates {
  const read: Partial<Record<'created' | 'updated' | 'date', string>> = {};
  const unreadable: string[] = [];
  const warnings: string[] = [];
  for (const name of ['created', 'updated', 'date'] as const) {
    const value = publishedField(data, name);
    read[name] = parseDate(value, zone);
    if (value === undefined || value === null || value === '' || read[name]) continue;
    const slip = parseDateIgnoringWeekday(value, zone);
    if (slip) {
      read[name] = slip.iso;
      warnings.push(`${name} ${slip.message}`);
    } else {
      unreadable.push(`${name} ${quoted(value)} is not a date we can read; it is ignored`);
    }
  }
  return { created: read.created ?? read.date, updated: read.updated, unreadable, warnings };
}
