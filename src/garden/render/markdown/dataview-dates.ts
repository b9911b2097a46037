import { DateTime } from 'luxon';

/*
 * Dates as Dataview's defaults show them ("MMMM dd, yyyy", with the time of day when it has one),
 * in a query's result (assemble/views/dataview/) and in an inline field's value on the page.
 */
const DATE_FORMAT = 'MMMM dd, yyyy';
const DATE_TIME_FORMAT = 'h:mm a - MMMM dd, yyyy';

/** A date as Dataview's defaults show it: without a time of day when it has none. */
export const dateText = (date: DateTime): string =>
  date.toFormat(date.hour === 0 && date.minute === 0 && date.second === 0 ? DATE_FORMAT : DATE_TIME_FORMAT, { locale: 'en-US' });

/** An ISO date as Dataview writes one in a field (`2026-01-10`, `2026-01-10T14:30`, an offset after it). */
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** An inline field's value that is a date, as Dataview's reading view shows it; undefined for any other. */
export function inlineDateText(value: string): string | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  // The time of day as written: an offset is kept, not turned into the build machine's zone.
  const date = DateTime.fromISO(value, { setZone: true });
  return date.isValid ? dateText(date) : undefined;
}
