import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { resolveConfig } from '../../src/garden/config/config.ts';
import { followGarden, loadGarden } from '../../src/garden/load.ts';
import { setUpDevServer } from '../../src/integration/dev.ts';
import { closeSearch } from '../../src/integration/search-index.ts';
import { settledChanges } from '../../src/integration/settled-changes.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * Vite's watcher drops a file's 'change' events for 50 ms after one, so a save that empties a
 * file and then writes it can be reported once, between the two. The dev server must read the
 * vault only once it has been quiet, never at the event.
 */
describe('the dev server, when a vault file changes', () => {
  afterAll(() => closeSearch());

  it('reads the vault again once changes have settled, not at the first event, and tells the garden\'s followers', async () => {
    const vault = await makeVault({ 'Moss.md': shared('Moss carpets the stones.') });
    const config = resolveConfig({ contentDir: vault }, {});
    const watcher = Object.assign(new EventEmitter(), { add: () => {} });
    const quiet = () => {};
    const logger = { info: quiet, warn: quiet, error: quiet } as unknown as AstroIntegrationLogger;
    const server = { watcher, middlewares: { use: quiet }, config: { root: path.dirname(vault) } } as unknown as ViteDevServer;
    const before = await loadGarden(config);
    setUpDevServer(server, config, logger);
    let followed = 0;
    followGarden('test', () => followed++);

    const file = path.join(vault, 'Moss.md');
    await fs.truncate(file);
    watcher.emit('change', file);
    // Written within the watcher's 50 ms: no event of its own.
    await fs.writeFile(file, shared('Moss carpets the stones; sporophytes rise from it.'));
    expect(await loadGarden(config)).toBe(before);
    expect(followed).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(followed).toBe(1);
    const after = await loadGarden(config);
    expect(after.notes.map((note) => note.html).join('')).toContain('sporophytes');
  });
});

describe('vault changes', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('are each settled after the quiet time, also while an earlier one is still being followed', async () => {
    const settled: string[][] = [];
    const followed: string[][] = [];
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const changes = settledChanges(40, (files) => settled.push(files), async (files) => {
      followed.push(files);
      // The first follow (of the garden as the server starts) takes long, as indexing a large garden does.
      if (followed.length === 1) await busy;
    });
    await pause(10);
    changes.change('y.md');
    await pause(60);
    // y settled; its follow waits behind the first. z changes while it waits.
    changes.change('z.md');
    await pause(60);
    expect(settled).toEqual([[], ['y.md'], ['z.md']]);
    release();
    await changes.followed();
    expect(followed).toEqual([[], ['y.md'], ['z.md']]);
    changes.stop();
  });

  it('arriving together are settled once', async () => {
    const settled: string[][] = [];
    const changes = settledChanges(40, (files) => settled.push(files), async () => {});
    await pause(10);
    changes.change('a.md');
    await pause(10);
    changes.change('b.md');
    changes.change('a.md');
    await pause(80);
    expect(settled).toEqual([[], ['a.md', 'b.md']]);
    changes.stop();
  });
});
