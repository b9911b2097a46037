import type { GardenNote } from '../types.ts';

/**
 * Breadcrumbs from `up`: each note's chain of parents, nearest last, stopping at a cycle or after
 * ten steps. `parentOf` resolves a note's `up` to a shared note, or undefined.
 */
export function addBreadcrumbs(notes: GardenNote[], parentOf: (note: GardenNote) => GardenNote | undefined): void {
  for (const note of notes) {
    const trail: GardenNote[] = [];
    for (let parent = parentOf(note); parent && parent !== note && !trail.includes(parent) && trail.length < 10; parent = parentOf(parent)) {
      trail.unshift(parent);
    }
    note.up = trail.map((p) => ({ slug: p.slug, title: p.title }));
  }
}
