import { getCollection } from 'astro:content';
import { currentGarden } from '../integration/core.ts';
import { newestTendedFirst } from '../garden/order.ts';
import settings from '../../garden.config.ts';
import { mutedColor, resolveConfig } from '../garden/config.ts';
import type { Backlink, GardenNote, NoteRef, TagNode, Mood, GrowthState } from '../garden/types.ts';

/** What pages read: the content collections, fetched once per build and indexed. */

export const site = resolveConfig(settings);

/** The gardener's colours as the custom properties garden.css is written in. */
export const themeColors = (() => {
  const pair = (c: { light: string; dark: string }) => `light-dark(${c.light}, ${c.dark})`;
  const { paper, ink, accent } = site.colors;
  return `:root{--paper:${pair(paper)};--ink:${pair(ink)};--accent:${pair(accent)};--muted:${pair(mutedColor(site.colors))}}`;
})();

/** A note as the content store holds it: no HTML, and backlinks without their context. */
export type NoteData = Omit<GardenNote, 'html' | 'backlinks'> & { backlinks: NoteRef[] };

/** What a note page takes from the core's garden of this build rather than from the store. */
export interface NoteExtras {
  html: string;
  backlinks: Backlink[];
}

const extrasOf = new WeakMap<object, Map<string, NoteExtras>>();

/** A note's sanitized HTML and its backlinks with the words around each link. */
export async function noteExtras(slug: string): Promise<NoteExtras> {
  const current = await currentGarden();
  let bySlug = extrasOf.get(current);
  if (!bySlug) extrasOf.set(current, (bySlug = new Map(current.notes.map((n) => [n.slug, { html: n.html, backlinks: n.backlinks }]))));
  const found = bySlug.get(slug);
  if (found === undefined) throw new Error(`note /${slug}/ is in the content store but not in the garden`);
  return found;
}

type Indexed = {
  /** Newest tended first. */
  notes: NoteData[];
  bySlug: Map<string, NoteData>;
  /** A note's place in `notes`. */
  rank: Map<string, number>;
  /** The notes of each growth state, newest tended first. */
  byState: Record<GrowthState, NoteData[]>;
  tags: Map<string, TagNode>;
  moods: Mood[];
};
const indexes = new WeakMap<object, Promise<Indexed>>();

/** The collections, indexed once per garden (the dev server reads a new garden when the vault changes). */
export async function garden(): Promise<Indexed> {
  const current = await currentGarden();
  const cached = indexes.get(current);
  if (cached) return cached;
  const indexed = (async () => {
    const [notes, tags, moods] = await Promise.all([getCollection('notes'), getCollection('tags'), getCollection('moods')]);
    const list = notes.map((n) => n.data as unknown as NoteData).sort(newestTendedFirst);
    return {
      notes: list,
      bySlug: new Map(list.map((n) => [n.slug, n])),
      rank: new Map(list.map((n, i) => [n.slug, i])),
      byState: Object.fromEntries(STATES.map((s) => [s.id, list.filter((n) => n.state === s.id)])) as Record<GrowthState, NoteData[]>,
      tags: new Map(tags.map((t) => [t.id, t.data as unknown as TagNode])),
      moods: moods.map((m) => m.data as unknown as Mood).sort((a, b) => a.name.localeCompare(b.name)),
    };
  })();
  indexes.set(current, indexed);
  return indexed;
}

/** The growth states: a word, a one-line explanation for tooltips, and a longer one for the state's page. */
export const STATES: { id: GrowthState; label: string; explain: string; about: string }[] = [
  {
    id: 'seed',
    label: 'Seed',
    explain: 'A rough idea, just planted: incomplete and likely to change.',
    about: 'A seed is an idea just put in the ground: a question, a quotation, a first rough thought. It may be thin, half-argued or wrong, and it is here so that it can grow.',
  },
  {
    id: 'bud',
    label: 'Bud',
    explain: 'Growing: worked on and taking shape, but not finished.',
    about: 'A bud is a note being worked on. It has a shape and some links to other notes, but the thinking in it is still moving: expect it to change between visits.',
  },
  {
    id: 'evergreen',
    label: 'Evergreen',
    explain: 'Mature and tended: as finished as a note in a garden gets.',
    about: 'An evergreen has been reworked, linked and returned to until it stands on its own. It is still tended, not frozen, but it is the part of the garden most worth reading first.',
  },
];

export const stateInfo = (id: GrowthState) => STATES.find((s) => s.id === id)!;

export { tendedOn as tended } from '../garden/order.ts';

// Building an Intl.DateTimeFormat is costly; one serves every date of the build.
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: site.timeZone });
export const formatDay = (iso: string) => dayFormat.format(new Date(iso));

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
