import type { GardenNote, NoteSlug, TagNode } from '../types.ts';

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
  // Where each note stands in a broad tag's list, found once per tag rather than searched for each
  // of its notes: a tag on thousands of notes made that search quadratic (docs/performance.md, History ⁸).
  const positions = new Map<string, Map<string, number>>();
  const positionIn = (tagKey: string, members: string[]) => {
    let at = positions.get(tagKey);
    if (!at) positions.set(tagKey, (at = new Map(members.map((slug, i) => [slug, i]))));
    return at;
  };
  for (const note of notes) {
    const score = new Map<NoteSlug, number>();
    for (const tagKey of note.tags) {
      const members = tags.get(tagKey)?.notes ?? [];
      let candidates = members;
      if (members.length > BROAD) {
        const at = positionIn(tagKey, members).get(note.slug) ?? -1;
        candidates = members.slice(Math.max(0, at - BROAD / 2), at + BROAD / 2);
      }
      for (const other of candidates) if (other !== note.slug) score.set(other, (score.get(other) ?? 0) + 1);
    }
    const before = (a: [NoteSlug, number], b: [NoteSlug, number]) => a[1] > b[1] || (a[1] === b[1] && order.get(a[0])! < order.get(b[0])!);
    note.related = firstOf(score, 5, before).map(([slug]) => ({ slug, title: bySlug.get(slug)!.title }));
  }
}

/** The first `count` of `items` in the order `before` gives, without sorting them all: a note weighs ~100 candidates to keep five. */
function firstOf<T>(items: Iterable<T>, count: number, before: (a: T, b: T) => boolean): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count) {
      if (!before(item, kept[count - 1]!)) continue;
      kept.pop();
    }
    let at = kept.length;
    while (at > 0 && before(item, kept[at - 1]!)) at--;
    kept.splice(at, 0, item);
  }
  return kept;
}
