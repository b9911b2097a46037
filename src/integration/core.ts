import type { Garden } from '../garden/types.ts';
import { GARDEN_CACHE } from '../garden/cache-keys.ts';

/*
 * The garden core, imported at run time through a specifier Vite does not follow. Astro bundles
 * content.config.ts and the pages into its prerender build; the core (unified, parse5,
 * highlight.js…) has no business there, and Node runs its TypeScript directly.
 */
const CORE = new URL('../garden/index.ts', import.meta.url).href;

export type Core = typeof import('../garden/index.ts');

export const core = (): Promise<Core> => import(/* @vite-ignore */ CORE);

/**
 * The garden of this build: the one the integration read before Astro loaded any content. Only the
 * dev server, after a vault file changed, reads it again (its pages run from source, where the
 * core can be imported).
 */
export async function currentGarden(): Promise<Garden> {
  const cached = (globalThis as { [GARDEN_CACHE]?: { garden: Promise<Garden> } })[GARDEN_CACHE];
  if (cached) return cached.garden;
  const { loadGarden, rememberedConfig, resolveConfig } = await core();
  return loadGarden(rememberedConfig() ?? resolveConfig());
}
