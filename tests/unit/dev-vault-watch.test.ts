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
