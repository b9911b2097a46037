import config from 'virtual:garden/config';
import { coreUrl } from 'virtual:garden/core';
import type { Garden } from '../garden/types.ts';

/*
 * The garden core, imported at run time through a specifier Vite does not follow. Astro bundles
 * content.config.ts and the pages into its prerender build; the core (unified, parse5,
 * highlight.js…) has no business there, and Node runs its TypeScript directly. The integration
 * says where it is, since the bundled pages no longer sit beside it.
 */
export type Core = typeof import('../garden/index.ts');

export const core = (): Promise<Core> => import(/* @vite-ignore */ coreUrl);

/**
 * The garden of this build: the one the integration read before Astro loaded any content, for the
 * configuration the integration handed over. Only the dev server, after a vault file changed,
 * reads it again.
 */
export async function currentGarden(): Promise<Garden> {
  return (await core()).loadGarden(config);
}
