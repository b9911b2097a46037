import type { Loader } from 'astro/loaders';

/*
 * The core is imported when the loader runs, through a specifier Vite does not follow: Astro
 * bundles content.config.ts into the prerender build, and the core (unified, parse5,
 * highlight.js…) has nothing to do there. Node runs the core's TypeScript directly.
 */
const CORE = new URL('../garden/index.ts', import.meta.url).href;
const core = (): Promise<typeof import('../garden/index.ts')> => import(/* @vite-ignore */ CORE);

type Kind = 'notes' | 'tags' | 'moods';

/*
 * Hands the garden to Astro's content layer. Only what the core published reaches the data store:
 * private notes were dropped before this runs, so they can never be in `.astro/` or a prerender
 * chunk. Notes arrive rendered; Astro's own Markdown processor is not involved.
 */
export function gardenLoader(kind: Kind): Loader {
  return {
    name: `digital-garden-${kind}`,
    load: async ({ store, generateDigest, watcher }) => {
      const { loadGarden, invalidateGarden, rememberedConfig, resolveConfig } = await core();
      const config = rememberedConfig() ?? resolveConfig();
      const sync = async () => {
        const garden = await loadGarden(config);
        store.clear();
        if (kind === 'notes') {
          for (const note of garden.notes) {
            const { html, headings, ...data } = note;
            store.set({ id: note.slug, data, digest: generateDigest(html + JSON.stringify(data)), rendered: { html, metadata: { headings } } });
          }
        } else if (kind === 'tags') {
          for (const tag of garden.tags.values()) store.set({ id: tag.key, data: { ...tag } });
        } else {
          for (const mood of garden.moods) store.set({ id: mood.slug, data: { ...mood } });
        }
      };
      await sync();
      watcher?.on('all', async (_event, file) => {
        if (!file.startsWith(config.contentDir)) return;
        invalidateGarden();
        await sync();
      });
    },
  };
}
