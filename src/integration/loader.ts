import type { Loader } from 'astro/loaders';
import config from 'virtual:garden/config';
import { core, markSynced, type Kind } from './core.ts';
import { GROWTH_STATES, type GardenNote, type GrowthState, type Mood, type TagNode } from '../garden/types.ts';

/** A note as the store holds it: the core's note without its HTML and links, with its place in the garden's order. */
export type StoredNote = Omit<GardenNote, 'html' | 'backlinks' | 'related' | 'outgoing'> & {
  /** The note's place in the garden's one order, newest tended first. */
  rank: number;
};

/** What each collection of the store holds, as the core made it (content.config.ts types the collections with these). */
export interface StoredGarden {
  notes: StoredNote;
  tags: TagNode;
  moods: Mood;
  states: { state: GrowthState; notes: string[] };
}

/*
 * Hands the garden to Astro's content layer. Only what the core published reaches the data store:
 * private notes were dropped before this runs, so they can never be in `.astro/` or a prerender
 * chunk. The store holds what lists and a note's header show of it, not its HTML nor its links
 * (backlinks, related notes, outgoing links): Astro writes the whole store as one JSON string
 * into a module of its prerender build, which Vite bundles and the build parses again, so every
 * byte of it is paid for several times (the backlink contexts alone once added ~0.45 GB on 8,000
 * notes; the links were 60% of the rest). Pages take those from the core's garden of this build
 * (`noteExtras`, `links` in site/garden.ts), rendered once; Astro's own Markdown processor is
 * never involved.
 */
export function gardenLoader(kind: Kind): Loader {
  return {
    name: `digital-garden-${kind}`,
    load: async ({ store, generateDigest, parseData, watcher, logger }) => {
      const { loadGarden, followGarden } = await core();
      const write = async () => {
        const garden = await loadGarden(config);
        const entries: { id: string; data: StoredGarden[Kind]; digest?: string }[] = [];
        if (kind === 'notes') {
          garden.notes.forEach((note, rank) => {
            const { html, backlinks: _backlinks, related: _related, outgoing: _outgoing, ...rest } = note;
            const data: StoredNote = { ...rest, rank };
            entries.push({ id: note.slug, data, digest: generateDigest(html + JSON.stringify(data)) });
          });
        } else if (kind === 'tags') {
          for (const tag of garden.tags.values()) entries.push({ id: tag.key, data: { ...tag } });
        } else if (kind === 'moods') {
          for (const mood of garden.moods) entries.push({ id: mood.slug, data: { ...mood } });
        } else {
          for (const state of GROWTH_STATES) entries.push({ id: state, data: { state, notes: garden.states[state] } });
        }
        const parsed = [];
        for (const entry of entries) parsed.push({ ...entry, data: await parseData({ id: entry.id, data: entry.data as Record<string, unknown> }) });
        // A newer garden was asked for meanwhile (the vault changed again): its own sync writes it.
        if ((await loadGarden(config)) !== garden) return;
        store.clear();
        for (const entry of parsed) store.set(entry);
        markSynced(kind, garden);
      };
      // One sync at a time, in the order the changes came, so an older garden never overwrites a newer one.
      let queue = write();
      const sync = () => (queue = queue.then(write).catch((error: unknown) => logger.error(`the garden could not be read again: ${(error as Error).message}`)));
      await queue;
      // In dev, the integration forgets the garden once a change to the vault has settled (dev.ts);
      // the first collection to sync reads the vault again, the others get that same garden.
      if (watcher) followGarden(`loader:${kind}`, () => void sync());
    },
  };
}
