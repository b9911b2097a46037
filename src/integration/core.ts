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

/** The collections of Astro's content store: the routes of note, base, tag and mood pages. */
export type Kind = 'notes' | 'bases' | 'tags' | 'moods';
const KINDS: Kind[] = ['notes', 'bases', 'tags', 'moods'];

/*
 * Which garden each collection of Astro's content store holds, and who waits for a collection to
 * catch up, kept process-wide like the garden itself (the loader and the pages are separate module
 * graphs of one process).
 */
const SYNCED = Symbol.for('digital-garden.synced');
type WithSynced = typeof globalThis & { [SYNCED]?: { kinds: Map<Kind, Garden>; waiting: Set<() => void> } };
const synced = () => ((globalThis as WithSynced)[SYNCED] ??= { kinds: new Map(), waiting: new Set() });

/** The loader has written this garden into a collection: whoever waits looks again. */
export function markSynced(kind: Kind, garden: Garden): void {
  const { kinds, waiting } = synced();
  kinds.set(kind, garden);
  for (const wake of waiting) wake();
  waiting.clear();
}

/** How long a page waits for a loader that does not catch up (it failed). */
const SYNC_WAIT_MS = 3000;

/**
 * The current garden, once every collection holds it. In dev a page can be asked for between a
 * vault change and the loader writing the new garden into the store: read then, a page would mix
 * the old store with the new garden (a deleted note still listed, its page missing). A build
 * syncs before any page, so this returns at once there; otherwise it waits for the loader to say
 * it wrote a collection, three seconds at most.
 */
export async function syncedGarden(): Promise<Garden> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  for (;;) {
    const garden = await currentGarden();
    const left = deadline - Date.now();
    if (KINDS.every((kind) => synced().kinds.get(kind) === garden) || left <= 0) return garden;
    await new Promise<void>((resolve) => {
      synced().waiting.add(resolve);
      setTimeout(resolve, left).unref();
    });
  }
}
