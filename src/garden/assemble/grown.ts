import type { GardenNote, GrowthEvent } from '../types.ts';

/** How many changes the recently grown page and its feed show. */
export const GROWN_LIMIT = 200;

/** Every change of growth state in the garden, newest first: a note's first step is its planting, not a change. */
export function recentlyGrown(notes: GardenNote[]): GrowthEvent[] {
  const events = notes.flatMap((note) => (note.growth?.steps ?? []).slice(1).map((step, i) => ({ slug: note.slug, step: i + 1, state: step.state, date: step.date })));
  return events.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
