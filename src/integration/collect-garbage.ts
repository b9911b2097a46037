import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Collects the process's garbage once, now. A build's memory peaks while Vite bundles the pages,
 * right after the garden was read and synced into Astro's store: by then the heap holds ~500 MB of
 * garbage from reading (on the bench's 10,000 notes), which V8 collects only after growing the
 * heap further, and the process does not give those pages back. Collected before Vite starts, the
 * space is reused instead (the README's "Measured" has the peaks with and without it).
 *
 * Node offers `gc()` only to a process started with `--expose-gc`, which `astro build` is not.
 * As jest-leak-detector does, the flag is set just long enough to fetch `gc` from a fresh context.
 * A runtime where that does nothing (Node's docs allow it) builds as before: this only saves memory.
 */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return void exposed();
  let gc: unknown;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc === 'function') gc();
}
