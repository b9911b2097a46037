import type { GardenNote, Mood } from '../types.ts';
import { SpellingGroups } from '../normalize/text.ts';

/**
 * Moods across shared notes, each spelled the way most of its notes spell it (ties to the first in
 * vault order), listing its notes in the garden's order, sorted by name.
 */
export function gatherMoods(inVaultOrder: GardenNote[], newestFirst: GardenNote[]): Mood[] {
  const spellings = new SpellingGroups();
  for (const note of inVaultOrder) if (note.mood) spellings.add(note.mood.name, note.mood.slug);
  const moods = new Map<string, Mood>();
  for (const note of newestFirst) {
    if (!note.mood) continue;
    note.mood = { name: spellings.spelling(note.mood.slug), slug: note.mood.slug };
    const mood = moods.get(note.mood.slug) ?? { ...note.mood, notes: [] };
    mood.notes.push(note.slug);
    moods.set(mood.slug, mood);
  }
  return [...moods.values()].sort((a, b) => a.name.localeCompare(b.name));
}
