import { createHash } from 'node:crypto';
import config from 'virtual:garden/config';
import { core } from '../integration/core.ts';
import { garden, localGraphOf } from './garden.ts';
import type { BasePage, GardenNote, TagNode } from '../garden/types.ts';

/*
 * Keys for Astro's incremental build (experimental.incrementalBuild): a page whose key and whose
 * module graph (Astro hashes that itself) are unchanged since the last build is copied from it
 * rather than rendered. A key is a hash of everything the page shows, gathered from the same data
 * the page renders, plus the core's version (its sources and packages, which run outside Astro's
 * module graph) and the garden's configuration. What a page does not show stays out: a note's
 * rank moves whenever a newer note is added, but the page shows only its neighbours.
 */
let prefix: Promise<string> | undefined;
const base = () =>
  (prefix ??= (async () => {
    const { cacheDir: _cacheDir, ...settings } = config as typeof config & { cacheDir?: string };
    // Every page's header and footer offer only the sections the garden has (Base.astro).
    const { tags, moods, linked } = await garden();
    const sections = [tags.size > 0, moods.length > 0, linked];
    return `${await (await core()).coreVersion()}\0${JSON.stringify(settings)}\0${JSON.stringify(sections)}`;
  })());

/** `texts` are hashed as they are: a note's HTML, escaped into JSON, cost more than the hash. */
async function key(kind: string, shown: unknown, ...texts: string[]): Promise<string> {
  const hash = createHash('sha256').update(await base()).update('\0').update(kind).update('\0').update(JSON.stringify(shown));
  for (const text of texts) hash.update('\0').update(text);
  return hash.digest('base64url');
}

/** What a note list (NoteList.astro) shows of a note. */
const listed = (n: GardenNote) => [n.slug, n.title, n.state, n.created, n.updated, n.excerpt, n.description];

/** A tag and, below it, every narrower tag, as TagTree.astro shows them. */
function tree(keys: string[], tags: Map<string, TagNode>): unknown {
  return keys.map((k) => {
    const t = tags.get(k)!;
    return [t.label, t.urlPath, t.notes.length, tree(t.children, tags)];
  });
}

export async function notePageKey(note: GardenNote): Promise<string> {
  const { notes, tags, rank: ranks } = await garden();
  // Its outgoing links show only through its graph; its HTML is hashed as it is.
  const { html, backlinks, related, outgoing: _outgoing, ...shown } = note;
  const rank = ranks.get(note.slug)!;
  const neighbour = (n: GardenNote | undefined) => n && [n.slug, n.title];
  const tagPaths: string[][] = [];
  for (const k of note.tags) {
    const chain: string[] = [];
    for (let tag = tags.get(k); tag; tag = tag.parent ? tags.get(tag.parent) : undefined) chain.push(tag.path);
    tagPaths.push(chain);
  }
  const graph = await localGraphOf(note.slug, { keep: true });
  return key('note', [shown, backlinks, related, neighbour(notes[rank - 1]), neighbour(notes[rank + 1]), tagPaths, graph], html);
}

/** A base's page shows its title and its views, which are drawn again every build. */
export const basePageKey = (page: BasePage): Promise<string> => key('base', [page.slug, page.title], page.html);

export async function tagPageKey(tag: TagNode): Promise<string> {
  const { bySlug, tags } = await garden();
  const trail: string[][] = [];
  for (let parent = tag.parent; parent; parent = tags.get(parent)?.parent) trail.unshift([tags.get(parent)!.label, tags.get(parent)!.urlPath]);
  const notes = tag.notes.map((slug) => bySlug.get(slug)).filter((n) => n !== undefined).map(listed);
  return key('tag', [tag.path, tag.label, trail, tree(tag.children, tags), notes]);
}

export async function moodPageKey(mood: { name: string; slug: string; notes: string[] }): Promise<string> {
  const { bySlug } = await garden();
  return key('mood', [mood.name, mood.slug, mood.notes.map((slug) => bySlug.get(slug)).filter((n) => n !== undefined).map(listed)]);
}

export async function statePageKey(state: string): Promise<string> {
  const { byState, grown } = await garden();
  const counts = Object.fromEntries(Object.entries(byState).map(([s, list]) => [s, list.length]));
  return key('state', [state, counts, grown.length > 0, byState[state as keyof typeof byState].map(listed)]);
}
