import { getCollection } from 'astro:content';
import settings from '../../garden.config.ts';
import { resolveConfig } from '../garden/config.ts';
import type { GardenNote, TagNode, Mood, GrowthState } from '../garden/types.ts';

/** What pages read: the content collections, fetched once per build and indexed. */

export const site = resolveConfig(settings);

export type NoteData = Omit<GardenNote, 'html' | 'headings'>;

let cache: Promise<{ notes: NoteData[]; bySlug: Map<string, NoteData>; tags: Map<string, TagNode>; moods: Mood[] }> | undefined;

export function garden() {
  cache ??= (async () => {
    const [notes, tags, moods] = await Promise.all([getCollection('notes'), getCollection('tags'), getCollection('moods')]);
    const list = notes.map((n) => n.data as unknown as NoteData);
    const order = new Map(list.map((n, i) => [n.slug, i]));
    list.sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
    return {
      notes: list,
      bySlug: new Map(list.map((n) => [n.slug, n])),
      tags: new Map(tags.map((t) => [t.id, t.data as unknown as TagNode])),
      moods: moods.map((m) => m.data as unknown as Mood).sort((a, b) => a.name.localeCompare(b.name)),
    };
  })();
  return cache;
}

export const STATES: { id: GrowthState; label: string; icon: string; explain: string }[] = [
  { id: 'seed', label: 'Seed', icon: '🌱', explain: 'A rough idea, just planted: incomplete and likely to change.' },
  { id: 'bud', label: 'Bud', icon: '🌿', explain: 'Growing: worked on and taking shape, but not finished.' },
  { id: 'evergreen', label: 'Evergreen', icon: '🌳', explain: 'Mature and tended: as finished as a note in a garden gets.' },
];

export const stateInfo = (id: GrowthState) => STATES.find((s) => s.id === id)!;

export function tended(note: NoteData): string | undefined {
  return note.updated ?? note.created;
}

// Building an Intl.DateTimeFormat is costly; one serves every date of the build.
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: site.timeZone });
export const formatDay = (iso: string) => dayFormat.format(new Date(iso));
