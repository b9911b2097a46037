import { DateTime, Duration, type DurationLikeObject } from 'luxon';
import { dateValue, type DateValue, type DurationValue } from './values.ts';

/*
 * Dates and durations as Bases writes them (help.obsidian.md, "Bases syntax", Date arithmetic):
 * `date + "1M"`, `now() - "1 week"`, `date("2025-01-01 12:00:00")`, `format("YYYY-MM-DD")` with
 * Moment.js tokens. Luxon does the calendar; this module only translates Obsidian's words to it.
 */

type Unit = keyof DurationLikeObject;

const UNITS: Record<string, Unit> = {
  y: 'years', yr: 'years', yrs: 'years', year: 'years', years: 'years',
  month: 'months', months: 'months',
  d: 'days', day: 'days', days: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  h: 'hours', hr: 'hours', hrs: 'hours', hour: 'hours', hours: 'hours',
  min: 'minutes', mins: 'minutes', minute: 'minutes', minutes: 'minutes',
  s: 'seconds', sec: 'seconds', secs: 'seconds', second: 'seconds', seconds: 'seconds',
  ms: 'milliseconds', millisecond: 'milliseconds', milliseconds: 'milliseconds',
};

/** `M` is a month and `m` a minute; other units are read in any case. */
const unitOf = (word: string): Unit | undefined => (word === 'M' ? 'months' : word === 'm' ? 'minutes' : UNITS[word.toLowerCase()]);

export function durationOfParts(parts: DurationLikeObject): DurationValue {
  return { kind: 'duration', ms: Duration.fromObject(parts).as('milliseconds'), parts };
}

/** A duration string (`"1d"`, `"1 week"`, `"2h 30m"`), or undefined when it is not one. */
export function parseDuration(text: string): DurationValue | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 200) return undefined;
  const parts: DurationLikeObject = {};
  let rest = trimmed;
  const pair = /^([+-]?\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*,?\s*/;
  while (rest) {
    const match = pair.exec(rest);
    const unit = match && unitOf(match[2]!);
    if (!match || !unit) return undefined;
    parts[unit] = (parts[unit] ?? 0) + Number(match[1]);
    rest = rest.slice(match[0].length);
  }
  return durationOfParts(parts);
}

/** The span between two dates: milliseconds, and calendar fields (`.years`) measured on the calendar. */
export function durationBetween(to: DateTime, from: DateTime): DurationValue {
  const ms = to.toMillis() - from.toMillis();
  return { kind: 'duration', ms, parts: { milliseconds: ms }, span: { from, to } };
}

const DURATION_FIELDS: Record<string, Unit> = {
  years: 'years', months: 'months', weeks: 'weeks', days: 'days', hours: 'hours', minutes: 'minutes', seconds: 'seconds', milliseconds: 'milliseconds',
};

/** A duration's field (`(now() - birthday).years`): the whole span in that unit, fractional. */
export function durationField(duration: DurationValue, name: string): number | undefined {
  const unit = Object.hasOwn(DURATION_FIELDS, name) ? DURATION_FIELDS[name] : undefined;
  if (!unit) return undefined;
  if (duration.span) return duration.span.to.diff(duration.span.from, unit).as(unit);
  return Duration.fromObject(duration.parts).as(unit);
}

export function addDuration(date: DateValue, duration: DurationValue, sign: 1 | -1): DateValue {
  const parts: DurationLikeObject = {};
  for (const [unit, amount] of Object.entries(duration.parts)) parts[unit as Unit] = sign * (amount as number);
  const dt = duration.span ? date.dt.plus({ milliseconds: sign * duration.ms }) : date.dt.plus(parts);
  const timeChanged = !duration.span && ['hours', 'minutes', 'seconds', 'milliseconds'].some((unit) => parts[unit as Unit]);
  return dateValue(dt, date.hasTime || timeChanged || Boolean(duration.span));
}

export const scaleDuration = (duration: DurationValue, factor: number): DurationValue =>
  duration.span ? { kind: 'duration', ms: duration.ms * factor, parts: { milliseconds: duration.ms * factor } } : durationOfParts(Object.fromEntries(Object.entries(duration.parts).map(([unit, amount]) => [unit, (amount as number) * factor])));

/** `date()`: a date from the text Obsidian accepts (`YYYY-MM-DD HH:mm:ss`, ISO 8601), read in the garden's zone. */
export function parseDate(text: string, timeZone: string): DateValue | undefined {
  const trimmed = text.trim();
  const iso = DateTime.fromISO(trimmed.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2'), { zone: timeZone, setZone: true });
  if (!iso.isValid) return undefined;
  return dateValue(iso, /\d[T ]\d{2}:\d{2}/.test(trimmed));
}

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Moment.js tokens (which Obsidian's `format()` takes) as luxon reads them, or a function of the date. */
const MOMENT: Record<string, (dt: DateTime) => string> = {
  YYYY: (dt) => pad(dt.year, 4), YY: (dt) => pad(dt.year % 100), Q: (dt) => String(dt.quarter),
  MMMM: (dt) => dt.toFormat('LLLL'), MMM: (dt) => dt.toFormat('LLL'), MM: (dt) => pad(dt.month), Mo: (dt) => ordinal(dt.month), M: (dt) => String(dt.month),
  DDDD: (dt) => pad(dt.ordinal, 3), DDD: (dt) => String(dt.ordinal), DD: (dt) => pad(dt.day), Do: (dt) => ordinal(dt.day), D: (dt) => String(dt.day),
  dddd: (dt) => dt.toFormat('cccc'), ddd: (dt) => dt.toFormat('ccc'), dd: (dt) => dt.toFormat('ccc').slice(0, 2), d: (dt) => String(dt.weekday % 7), E: (dt) => String(dt.weekday),
  HH: (dt) => pad(dt.hour), H: (dt) => String(dt.hour), hh: (dt) => pad(dt.hour % 12 || 12), h: (dt) => String(dt.hour % 12 || 12),
  mm: (dt) => pad(dt.minute), m: (dt) => String(dt.minute), ss: (dt) => pad(dt.second), s: (dt) => String(dt.second),
  SSS: (dt) => pad(dt.millisecond, 3), A: (dt) => (dt.hour < 12 ? 'AM' : 'PM'), a: (dt) => (dt.hour < 12 ? 'am' : 'pm'),
  ZZ: (dt) => dt.toFormat('ZZZ'), Z: (dt) => dt.toFormat('ZZ'), X: (dt) => String(Math.floor(dt.toSeconds())), x: (dt) => String(dt.toMillis()),
  WW: (dt) => pad(dt.weekNumber), W: (dt) => String(dt.weekNumber), GGGG: (dt) => pad(dt.weekYear, 4),
};

const MOMENT_TOKEN = /\[([^\]]*)\]|YYYY|YY|GGGG|MMMM|MMM|MM|Mo|M|DDDD|DDD|DD|Do|D|dddd|ddd|dd|d|E|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x|Q|WW|W/g;

/** `date.format("YYYY-MM-DD")`, with Moment.js tokens; `[text]` is literal. */
export const formatMoment = (dt: DateTime, format: string): string =>
  format.slice(0, 500).replace(MOMENT_TOKEN, (token, literal: string | undefined) => (literal !== undefined ? literal : MOMENT[token]!(dt)));
