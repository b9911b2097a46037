import v8 from 'node:v8';
import vm from 'node:vm';
import type { Plugin } from 'vite';

/**
 * Collects the process's garbage once, now, if the heap holds at least `above` bytes; whether it
 * did. A build's memory peaks twice, each time just before V8 would have collected on its own:
 * while Vite bundles the pages, which starts right after the garden was read and synced into
 * Astro's store (the heap then holds ~500 MB of garbage from reading the bench's 10,000 notes), and
 * a few seconds into generating the pages, the heap having grown from the garbage bundling left. V8
 * collects only after growing the heap further, and the process does not give those pages back.
 * Collected before bundling and again right after it, the space is reused instead and both peaks
 * are lower.
 *
 * The collection is the one V8 makes when memory runs out (the `last-resort` flavour of its gc
 * extension): it also compacts the heap and gives the freed pages back, where a plain `gc()` keeps
 * them; it takes a few tenths of a second longer. Figures: docs/performance.md, History ¹⁰ and ¹².
 *
 * Node offers `gc()` only to a process started with `--expose-gc`, which `astro build` is not.
 * As jest-leak-detector does, the flag is set just long enough to fetch `gc` from a fresh context.
 * A runtime where that does nothing (Node's docs allow it) builds as before: this only saves memory.
 */
export function collectGarbage(above = 0): boolean {
  if (process.memoryUsage().heapUsed < above) return false;
  const gc = exposedGc() ?? fetchedGc();
  gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return gc !== undefined;
}

/**
 * The heap a build's collections wait for: a small garden's build holds ~110 MB, mostly the code
 * Astro and Vite loaded, and collecting it lowers no peak but takes half a second of the build.
 */
export const LARGE_HEAP = 256 * 2 ** 20;

/** V8's gc extension, with the options this module passes. */
type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

function exposedGc(): Gc | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  return typeof exposed === 'function' ? (exposed as Gc) : undefined;
}

function fetchedGc(): Gc | undefined {
  let gc: unknown;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return typeof gc === 'function' ? (gc as Gc) : undefined;
}

/**
 * A Vite plugin that collects the garbage of bundling before Astro generates the pages. Vite runs
 * Astro 7's builder, which bundles every environment, just before the first `post` `buildApp`
 * hook, and Astro generates the pages in a `post` hook of its own, placed after the integrations'
 * plugins: ours runs between the two.
 */
export function collectGarbageBeforePages(above = LARGE_HEAP): Plugin {
  return {
    name: 'digital-garden:collect-garbage-before-pages',
    apply: 'build',
    buildApp: { order: 'post', handler: async () => void collectGarbage(above) },
  };
}
