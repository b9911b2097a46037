import type { GardenNote, TagNode } from '../types.ts';

/** How many notes of a broad tag, nearest in tended order, a note is compared with. */
const BROAD = 50;

/**
 * Related notes: the five sharing the most tags, newest tended first among equals. A broad tag
 * contributes only its notes nearest in tended order, so the cost stays linear in garden size.
 * `notes` are newest tended first.
 */
export function addRelated(notes: GardenNote[], tags: Map<string, TagNode>): void {
  const order = new Map(notes.map((n, i) => [n.slug, i]));
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  for (const note of notes) {
    const score = new Map<string, number>();
    for (const tagKey of note.tags) {
      const members = tags.get(tagKey)?.notes ?? [];
      let candidates = members;
      if (members.length > BROAD) {
        const at = members.indexOf(note.slug);
        candidates = members.slice(Math.max(0, at - BROAD / 2), at + BROAD / 2);
      }
      for (const other of candidates) if (other !== note.slug) score.set(other, (score.get(other) ?? 0) + 1);
    }
    note.related = [...score]
      .sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!)
      .slice(0, 5)
      .map(([slug]) => ({ slug, title: bySlug.get(slug)!.title }));
  }
}
