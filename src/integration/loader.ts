import type { Loader } from 'astro/loaders';
import config from 'virtual:garden/config';
import { core } from './core.ts';

type Kind = 'notes' | 'tags' | 'moods' | 'states';

/*
 * Hands the garden to Astro's content layer. Only what the core published reaches the data store:
 * private notes were dropped before this runs, so they can never be in `.astro/` or a prerender
 * chunk. The store holds each note's data, not its HTML nor the words around its backlinks: Astro
 * bundles the whole store into its prerender build, which for a large garden doubled the build's
 * memory (the backlink contexts alone added ~0.45 GB on 8,000 notes). Pages take those from the
 * core's garden of this build (`noteExtras`), rendered once; Astro's own Markdown processor is
 * never involved.
 */
export function gardenLoader(kind: Kind): Loader {
  return {
    name: `digital-garden-${kind}`,
    load: async ({ store, generateDigest, parseData, watcher }) => {
      const { loadGarden } = await core();
      const sync = async () => {
        const garden = await loadGarden(config);
        const entries: { id: string; data: Record<string, unknown>; digest?: string }[] = [];
        if (kind === 'notes') {
          garden.notes.forEach((note, rank) => {
            const { html, ...rest } = note;
            const data = { ...rest, rank, backlinks: rest.backlinks.map(({ slug, title }) => ({ slug, title })) };
            entries.push({ id: note.slug, data, digest: generateDigest(html + JSON.stringify(data)) });
          });
        } else if (kind === 'tags') {
          for (const tag of garden.tags.values()) entries.push({ id: tag.key, data: { ...tag } });
        } else if (kind === 'moods') {
          for (const mood of garden.moods) entries.push({ id: mood.slug, data: { ...mood } });
        } else {
          for (const [state, notes] of Object.entries(garden.states)) entries.push({ id: state, data: { state, notes } });
        }
        store.clear();
        for (const entry of entries) store.set({ ...entry, data: await parseData({ id: entry.id, data: entry.data }) });
      };
      await sync();
      // The integration forgets the garden when a vault file changes (chokidar calls its 'change'
      // listener before this 'all' one); the first collection to sync reads the vault again, the
      // others get that same garden.
      watcher?.on('all', async (_event, file) => {
        if (file.startsWith(config.contentDir)) await sync();
      });
    },
  };
}
