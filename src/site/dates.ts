import { site } from './config.ts';
import { dayFormatter } from '../integration/search-body.ts';

export { tendedOn as tended } from '../garden/public.ts';

/** "18 June 2025", in the garden's time zone; one formatter serves every date of the build. */
export const formatDay = dayFormatter(site.timeZone);

const DAY = 86_400_000;

/** How long after planting a note was tended, in words: "the same day", "3 days later", "2 years later". */
export function tendedAfter(created: string, updated: string): string {
  const days = Math.round((Date.parse(updated) - Date.parse(created)) / DAY);
  if (days <= 0) return 'the same day';
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} later`;
  if (days < 60) return count(days, 'day');
  if (days < 730) return count(Math.round(days / 30.44), 'month');
  return count(Math.round(days / 365.25), 'year');
}
