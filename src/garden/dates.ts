import { DateTime } from 'luxon';

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
