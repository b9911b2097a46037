import { getCollection, type CollectionEntry } from 'astro:content';
import { syncedGarden, type Kind } from '../integration/core.ts';
import { byGrowthState, localGraph, type GraphNote, type LocalGraph } from '../garden/public.ts';
import type { Backlink, GrowthState, NoteRef, TagNode, Mood } from '../garden/types.ts';

/**
 * What pages read: the content collections, fetched once per build and indexed; and what the store
 * does not hold (integration/loader.ts), from the core's garden of the same build.
 */

/** A note as the content store holds it: no HTML, and no links. */
export type NoteData = CollectionEntry<'notes'>['data'];

/** What a note page takes from the core's garden of this build rather than from the store. */
export interface NoteExtras {
  html: string;
  /** With the words around each link. */
  backlinks: Backlink[];
  related: NoteRef[];
}

/** A note's sanitized HTML, its backlinks with the words around each link, and its related notes. */
export async function noteExtras(slug: string): Promise<NoteExtras> {
  const found = (await links()).bySlug.get(slug);
  if (found === undefined) throw new Error(`note /${slug}/ is in the content store but not in the garden`);
  return found;
}

/** Every note's links, as the link graphs read them. */
export interface Links {
  /** Newest tended first, like `garden().notes`. */
  notes: GraphNote[];
  /** The core's notes, which hold what a page takes besides the store (NoteExtras) and their links. */
  bySlug: Map<string, GraphNote & NoteExtras>;
}

const linksOf = new WeakMap<object, Links>();

/** The garden's notes by slug, from the core's garden of this build: one index for extras and links. */
export async function links(): Promise<Links> {
  const current = await syncedGarden();
  let found = linksOf.get(current);
  if (!found) linksOf.set(current, (found = { notes: current.notes, bySlug: new Map(current.notes.map((n) => [n.slug, n])) }));
  return found;
}

const localGraphs = new WeakMap<object, Map<string, LocalGraph | undefined>>();

/**
 * A note's local graph, laid out once per garden for its page's key and its page: the key keeps it
 * (`keep`), the page takes it, so the graphs of pages not rendered again are all that stay.
 */
export async function localGraphOf(slug: string, { keep }: { keep: boolean }): Promise<LocalGraph | undefined> {
  const current = await syncedGarden();
  let graphs = localGraphs.get(current);
  if (!graphs) localGraphs.set(current, (graphs = new Map()));
  let graph = graphs.get(slug);
  if (!graphs.has(slug)) {
    const [linked, { bySlug }] = await Promise.all([links(), garden()]);
    graph = localGraph(linked.bySlug.get(slug)!, (other) => linked.bySlug.get(other), (other) => bySlug.get(other)?.rank ?? Infinity);
  }
  if (keep) graphs.set(slug, graph);
  else graphs.delete(slug);
  return graph;
}


/**
 * A collection's entries. Astro warns on every call for a collection with no entry ("does not
 * exist or is empty"), which a garden without moods or tags (or an allowed empty one) has on
 * every request in dev: an empty one is not asked for.
 */
export async function entries<K extends Kind>(kind: K): Promise<CollectionEntry<K>[]> {
  const current = await syncedGarden();
  const count = { notes: current.notes.length, tags: current.tags.size, moods: current.moods.length, states: 1 }[kind];
  return count > 0 ? getCollection(kind) : [];
}

type Indexed = {
  /** Newest tended first: the core's order. */
  notes: NoteData[];
  bySlug: Map<string, NoteData>;
  /** The notes of each growth state, newest tended first. */
  byState: Record<GrowthState, NoteData[]>;
  tags: Map<string, TagNode>;
  /** Sorted by name. */
  moods: Mood[];
};
const indexes = new WeakMap<object, Promise<Indexed>>();

/** The collections, indexed once per garden (the dev server reads a new garden when the vault changes). */
export async function garden(): Promise<Indexed> {
  const current = await syncedGarden();
  const cached = indexes.get(current);
  if (cached) return cached;
  const indexed = (async () => {
    const [notes, tags, moods, states] = await Promise.all([entries('notes'), entries('tags'), entries('moods'), entries('states')]);
    const list: NoteData[] = new Array(notes.length);
    for (const { data } of notes) list[data.rank] = data;
    const bySlug = new Map(list.map((n) => [n.slug, n]));
    const byState = byGrowthState<NoteData[]>(() => []);
    for (const { data } of states) byState[data.state] = data.notes.map((slug) => bySlug.get(slug)!);
    return {
      notes: list,
      bySlug,
      byState,
      tags: new Map(tags.map((t) => [t.id, t.data])),
      moods: moods.map((m) => m.data).sort((a, b) => a.name.localeCompare(b.name)),
    };
  })();
  indexes.set(current, indexed);
  return indexed;
}
