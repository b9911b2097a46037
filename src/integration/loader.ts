import type { Loader } from 'astro/loaders';
import config from 'virtual:garden/config';
import { core, markSynced, type Kind } from './core.ts';

/** What each collection of the store holds: nothing but which entries there are, and a digest of each. */
export type StoredEntry = Record<string, never>;

/*
 * Hands Astro's content layer which notes, bases' pages, tags and moods the garden has, each with a digest of what
 * its page shows, and nothing else: pages take their routes from the store and everything they
 * show from the core's garden of this build (site/garden.ts), so the store is never a second copy
 * of a note that could disagree with the first. Only what the core published gets here: private
 * notes were dropped before this runs. The digests are what the dev server follows: a changed note
 * changes its entry, and Astro reloads the pages. (A store that held the notes was written by Astro
 * as one JSON string into a module of its prerender build, bundled and parsed again: every byte of
 * it paid for several times.)
 */
export function gardenLoader(kind: Kind): Loader {
  return {
    name: `digital-garden-${kind}`,
    load: async ({ store, generateDigest, parseData, watcher, logger }) => {
      const { loadGarden, followGarden } = await core();
      const write = async () => {
        const garden = await loadGarden(config);
        const entries: { id: string; digest: string }[] = [];
        if (kind === 'notes') for (const note of garden.notes) entries.push({ id: note.slug, digest: generateDigest(note.html + JSON.stringify({ ...note, html: '' })) });
        else if (kind === 'bases') for (const page of garden.basePages) entries.push({ id: page.slug, digest: generateDigest(page.html + page.title) });
        else if (kind === 'tags') for (const tag of garden.tags.values()) entries.push({ id: tag.key, digest: generateDigest(JSON.stringify(tag)) });
        else for (const mood of garden.moods) entries.push({ id: mood.slug, digest: generateDigest(JSON.stringify(mood)) });
        const parsed = [];
        for (const entry of entries) parsed.push({ ...entry, data: await parseData({ id: entry.id, data: {} }) });
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
