import { describe, expect, it } from 'vitest';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';
import { endIdleRenderWorkers } from '../../src/garden/render/render-notes.ts';
import { collectGarbage, collectGarbageBeforePages, LARGE_HEAP } from '../../src/integration/collect-garbage.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * What a build does to keep its peak memory down once the garden is read (the peak itself is
 * measured by `npm run bench`, not here).
 */
describe("a build's memory", () => {
  it('ends the idle render workers when asked, instead of keeping them for the next garden', async () => {
    const vault = await makeVault({ 'a.md': shared('Alpha links [[b]].'), 'b.md': shared('Beta') });
    await buildGarden(resolveConfig({ contentDir: vault }, {}));
    // The garden rendered on at least one worker, now idle; asked again, none is left.
    expect(await endIdleRenderWorkers()).toBeGreaterThan(0);
    expect(await endIdleRenderWorkers()).toBe(0);
    // A later garden starts workers of its own.
    const again = await buildGarden(resolveConfig({ contentDir: vault }, {}));
    expect(again.notes.find((note) => note.slug === 'a')!.html).toContain('href');
  });

  it('collects garbage on demand, in a process started without --expose-gc', async () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let garbage: object | undefined = { payload: new Array(1000).fill('unreachable') };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it("leaves a heap smaller than a build's threshold alone, and collects one at or above it", () => {
    const heap = process.memoryUsage().heapUsed;
    expect(collectGarbage(heap + 2 ** 30)).toBe(false);
    expect(collectGarbage(0)).toBe(true);
    // A small garden's build holds about 110 MB: below the threshold the build collects at.
    expect(LARGE_HEAP).toBeGreaterThan(110 * 2 ** 20);
  });

  it('gives the freed heap back, not only frees it', async () => {
    collectGarbage();
    const before = process.memoryUsage().heapTotal;
    let garbage: object[] | undefined = Array.from({ length: 2_000_000 }, (_, i) => ({ i, label: `note ${i}` }));
    const grown = process.memoryUsage().heapTotal - before;
    expect(grown).toBeGreaterThan(100 * 2 ** 20);
    expect(garbage.length).toBe(2_000_000);
    garbage = undefined;
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    // A plain collection frees the objects but keeps much of the heap they grew (about 40% here).
    expect(process.memoryUsage().heapTotal - before).toBeLessThan(grown / 5);
  });

  it('is a build-only Vite hook of the post buildApp order that collects garbage', async () => {
    // Collecting whatever the heap holds, as a large garden's build does (LARGE_HEAP).
    const plugin = collectGarbageBeforePages(0);
    // Only in builds, and in Vite's `post` buildApp order, which Vite and Astro run after Astro's
    // builder has built every environment and before Astro's own post hook generates the pages.
    expect(plugin.apply).toBe('build');
    const hook = plugin.buildApp as unknown as { order: string; handler: () => Promise<void> };
    expect(hook.order).toBe('post');
    let garbage: object | undefined = { payload: new Array(1000).fill('unreachable') };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await hook.handler();
    expect(ref.deref()).toBeUndefined();
  });
});
