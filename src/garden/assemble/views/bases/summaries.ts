import { Duration } from 'luxon';
import { valuesEqual } from './compare.ts';
import { dateOfWords, isEmptyValue, kindOf, numericOf, type DateValue, type Value } from './values.ts';
import type { Runtime } from './runtime.ts';

/*
 * Bases' default summary formulas (help.obsidian.md, "Bases syntax", Summaries), over the values of
 * one column for the rows the view shows: only shared notes are rows, so only they are counted.
 */

const numbersOf = (values: Value[]) => values.flatMap((value) => numericOf(value) ?? []);

function datesOf(values: Value[], runtime: Runtime): DateValue[] {
  return values.flatMap((value) => (kindOf(value, 'date') ? [value] : typeof value === 'string' ? (dateOfWords(value, runtime.timeZone) ?? []) : []));
}

const sum = (numbers: number[]) => numbers.reduce((total, n) => total + n, 0);
const mean = (numbers: number[]) => sum(numbers) / numbers.length;

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The population standard deviation (every row is the whole population of the view). */
function stddev(numbers: number[]): number {
  const average = mean(numbers);
  return Math.sqrt(mean(numbers.map((n) => (n - average) ** 2)));
}

const least = (numbers: number[]) => numbers.reduce((best, n) => Math.min(best, n), Infinity);
const most = (numbers: number[]) => numbers.reduce((best, n) => Math.max(best, n), -Infinity);

const ofNumbers = (compute: (numbers: number[]) => number) => (values: Value[]) => {
  const numbers = numbersOf(values);
  return numbers.length ? compute(numbers) : null;
};

const earliest = (dates: DateValue[], sign: 1 | -1): Value => dates.reduce<DateValue | null>((best, date) => (!best || sign * (date.dt.toMillis() - best.dt.toMillis()) < 0 ? date : best), null);

/** Range of dates: the span from the earliest to the latest, in days (or hours when under a day). */
function dateRange(dates: DateValue[]): Value {
  if (!dates.length) return null;
  const times = dates.map((date) => date.dt.toMillis());
  const span = Duration.fromMillis(most(times) - least(times));
  const days = span.as('days');
  return days >= 1 ? `${Math.round(days)} ${Math.round(days) === 1 ? 'day' : 'days'}` : `${Math.round(span.as('hours'))} hours`;
}

function countUnique(values: Value[], runtime: Runtime): number {
  const kept: Value[] = [];
  for (const value of values) {
    runtime.tick(kept.length + 1);
    if (!isEmptyValue(value) && !kept.some((one) => valuesEqual(one, value, runtime))) kept.push(value);
  }
  return kept.length;
}

const DEFAULTS: Record<string, (values: Value[], runtime: Runtime) => Value> = {
  Average: ofNumbers(mean),
  Min: ofNumbers(least),
  Max: ofNumbers(most),
  Sum: ofNumbers(sum),
  Range: (values, runtime) => {
    const numbers = numbersOf(values);
    return numbers.length ? most(numbers) - least(numbers) : dateRange(datesOf(values, runtime));
  },
  Median: ofNumbers(median),
  Stddev: ofNumbers(stddev),
  Earliest: (values, runtime) => earliest(datesOf(values, runtime), 1),
  Latest: (values, runtime) => earliest(datesOf(values, runtime), -1),
  Checked: (values) => values.filter((value) => value === true).length,
  Unchecked: (values) => values.filter((value) => value === false).length,
  Empty: (values) => values.filter(isEmptyValue).length,
  Filled: (values) => values.filter((value) => !isEmptyValue(value)).length,
  Unique: countUnique,
};

export const isDefaultSummary = (name: string) => Object.hasOwn(DEFAULTS, name);

/** A default summary of a column's values. */
export const defaultSummary = (name: string, values: Value[], runtime: Runtime): Value => DEFAULTS[name]!(values, runtime);
