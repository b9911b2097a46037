import { words } from './config.ts';

export { tendedOn as tended } from '../garden/public.ts';

/** "18 June 2025", in the garden's language and time zone; one formatter serves every date of the build. */
export const formatDay = words.day;

const DAY = 86_400_000;

/** How long after planting a note was tended, in words: "the same day", "3 days later", "2 years later". */
export function tendedAfter(created: string, updated: string): string {
  const days = Math.round((Date.parse(updated) - Date.parse(created)) / DAY);
  if (days <= 0) return words.note.sameDay;
  if (days < 60) return words.plural(words.note.daysLater, days);
  if (days < 730) return words.plural(words.note.monthsLater, Math.round(days / 30.44));
  return words.plural(words.note.yearsLater, Math.round(days / 365.25));
}
