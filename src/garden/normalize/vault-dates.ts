import { DateTime } from 'luxon';
import type { Frontmatter } from '../collect/frontmatter.ts';
import type { VaultTimes } from '../collect/file-dates.ts';
import type { DateSource, DateSources } from '../types.ts';
import { readDates } from './dates.ts';

/** Where dates may come from, in the gardener's order, and what the vault knows beyond frontmatter. */
export interface DateRule {
  order: DateSource[];
  times: VaultTimes;
}

export interface ChosenDates {
  created?: string;
  updated?: string;
  sources: DateSources;
  /** Frontmatter dates written but not readable (reported whatever the order). */
  unreadable: string[];
  /** Frontmatter dates read with a doubt (a weekday that is not the date's). */
  warnings: string[];
}

const FIELDS = ['created', 'updated'] as const;
type Field = (typeof FIELDS)[number];

/** A time from git or the file system as an ISO instant in the garden's time zone. */
function instant(ms: number | undefined, zone: string): string | undefined {
  return ms === undefined ? undefined : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? undefined;
}

/**
 * A note's `created` and `updated`, each taken from the first source in the `dates` order that
 * knows it (as Quartz does): a note that writes only `created` takes `updated` from git or its file.
 */
export function chooseDates(path: string, data: Frontmatter, zone: string, rule: DateRule): ChosenDates {
  const written = readDates(data, zone);
  const key = path.normalize('NFC');
  // Only the chosen value is converted: 10,000 notes would otherwise pay for four conversions each.
  const offer = (source: DateSource, field: Field) =>
    source === 'frontmatter' ? written[field] : instant(rule.times[source]?.get(key)?.[field], zone);
  const chosen: ChosenDates = { sources: {}, unreadable: written.unreadable, warnings: written.warnings };
  for (const field of FIELDS) {
    for (const source of rule.order) {
      const value = offer(source, field);
      if (value === undefined) continue;
      chosen[field] = value;
      chosen.sources[field] = source;
      break;
    }
  }
  return chosen;
}
