import type { GardenNote } from '../types.ts';

/**
 * Each note's backlinks: the shared notes linking to it, with the words around the link, in the
 * garden's order: `notes` are newest tended first, so each list is built in that order.
 * `contexts` holds each note's link contexts by the slug linked to.
 */
export function addBacklinks(notes: GardenNote[], contexts: Map<string, Record<string, string>>): void {
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  for (const note of notes) {
    const around = contexts.get(note.slug) ?? {};
    for (const target of note.outgoing) {
      const context = around[target];
      bySlug.get(target)?.backlinks.push({ slug: note.slug, title: note.title, ...(context ? { context } : {}) });
    }
  }
}
