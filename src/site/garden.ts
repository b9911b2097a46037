import { getCollection, type CollectionEntry } from 'astro:content';
import { syncedGarden, type Kind } from '../integration/core.ts';
import { byGrowthState, localGraph, type LocalGraph } from '../garden/public.ts';
import type { BasePage, GardenNote, GrowthEvent, GrowthState, TagNode, Mood, NoteSlug } from '../garden/types.ts';

/*
 * What pages read: the core's garden of this build, indexed once. Astro's content store holds only
 * which notes, tags and moods there are (integration/loader.ts): pages take their routes from it,
 * and everything they show from the garden, the one copy of it.
 */

type Indexed = {
  /** Newest tended first: the core's order. */
  notes: GardenNote[];
  bySlug: Map<string, GardenNote>;
  /** The bases' pages (a `.base` a shared note links or embeds), by slug. */
  basePages: Map<string, BasePage>;
  /** A note's place in that order. */
  rank: Map<string, number>;
  /** The notes of each growth state, newest tended first. */
  byState: Record<GrowthState, GardenNote[]>;
  tags: Map<string, TagNode>;
  /** Sorted by name. */
  moods: Mood[];
  /** Whether any note links another: the garden has a map worth a section. */
  linked: boolean;
  /** Notes that changed growth state, newest first (none without a git history). */
  grown: GrowthEvent[];
};
const indexes = new WeakMap<object, Indexed>();

/** The garden, indexed once per garden (the dev server reads a new garden when the vault changes). */
export async function garden(): Promise<Indexed> {
  const current = await syncedGarden();
  let indexed = indexes.get(current);
  if (indexed) return indexed;
  const bySlug = new Map(current.notes.map((n) => [n.slug, n]));
  const byState = byGrowthState<GardenNote[]>(() => []);
  for (const state of Object.keys(byState) as GrowthState[]) byState[state] = current.states[state].map((slug) => bySlug.get(slug)!);
  indexed = {
    notes: current.notes,
    bySlug,
    basePages: new Map(current.basePages.map((page) => [page.slug, page])),
    rank: new Map(current.notes.map((n, i) => [n.slug, i])),
    byState,
    tags: current.tags,
    moods: [...current.moods].sort((a, b) => a.name.localeCompare(b.name)),
    linked: current.notes.some((note) => note.outgoing.length > 0),
    grown: current.grown,
  };
  indexes.set(current, indexed);
  return indexed;
}

/** A shared note by its id in the content store (its slug), which a route took as its parameter. */
export async function noteBySlug(slug: string): Promise<GardenNote> {
  const found = (await garden()).bySlug.get(slug);
  if (found === undefined) throw new Error(`note /${slug}/ is in the content store but not in the garden`);
  return found;
}

/**
 * The shared note a page was routed for, or undefined when the garden no longer has it: in dev,
 * Astro routes for a moment after a vault change by the paths it listed before (a note just
 * un-shared or deleted), and that page is missing, not broken.
 */
export async function routedNote(slug: string): Promise<GardenNote | undefined> {
  return (await garden()).bySlug.get(slug);
}

/** The same for a base's page. */
export async function routedBasePage(slug: string): Promise<BasePage | undefined> {
  return (await garden()).basePages.get(slug);
}

/** A base's page by its id in the content store (its slug). */
export async function basePageBySlug(slug: string): Promise<BasePage> {
  const found = (await garden()).basePages.get(slug);
  if (found === undefined) throw new Error(`base page /${slug}/ is in the content store but not in the garden`);
  return found;
}

const localGraphs = new WeakMap<object, Map<string, LocalGraph | undefined>>();

/**
 * A note's local graph, laid out once per garden for its page's key and its page: the key keeps it
 * (`keep`), the page takes it, so the graphs of pages not rendered again are all that stay.
 */
export async function localGraphOf(slug: NoteSlug, { keep }: { keep: boolean }): Promise<LocalGraph | undefined> {
  const current = await syncedGarden();
  let graphs = localGraphs.get(current);
  if (!graphs) localGraphs.set(current, (graphs = new Map()));
  let graph = graphs.get(slug);
  if (!graphs.has(slug)) {
    const { bySlug, rank } = await garden();
    graph = localGraph(bySlug.get(slug)!, (other) => bySlug.get(other), (other) => rank.get(other) ?? Infinity);
  }
  if (keep) graphs.set(slug, graph);
  else graphs.delete(slug);
  return graph;
}

/**
 * A collection's entries: the routes of its pages. Astro warns on every call for a collection with
 * no entry ("does not exist or is empty"), which a garden without moods or tags (or an allowed
 * empty one) has on every request in dev: an empty one is not asked for.
 */
export async function entries<K extends Kind>(kind: K): Promise<CollectionEntry<K>[]> {
  const current = await syncedGarden();
  const ids = {
    notes: () => current.notes.map((note) => note.slug as string),
    bases: () => current.basePages.map((page) => page.slug as string),
    tags: () => [...current.tags.keys()],
    moods: () => current.moods.map((mood) => mood.slug),
  }[kind]();
  if (!ids.length) return [];
  // In dev, Astro's store can still answer with the entries it held before a vault change for a
  // moment after its loader wrote the new ones: the garden decides, so a note just un-shared or
  // deleted is a 404 at once, never a page asked for a note the garden no longer has.
  const known = new Set(ids);
  return (await getCollection(kind)).filter((entry) => known.has(entry.id));
}
