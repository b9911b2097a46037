import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectGarbageBeforePages } from './collect-garbage.ts';
import { virtualModules } from './virtual-config.ts';
import { resolveConfig } from '../garden/index.ts';
import type { GardenRun, HookOptions } from './run.ts';

/**
 * `astro:config:setup`: the gardener's settings resolved once and handed to the site: Astro's `site`
 * and `base`, and the `virtual:garden/config` module the loader and pages read.
 */
export function setUpConfig(run: GardenRun, { config: astro, command, updateConfig, addWatchFile }: HookOptions<'astro:config:setup'>): void {
  run.building = command === 'build';
  run.serving = command === 'dev';
  // A new build (a second one in the same process) indexes its own garden.
  run.search = undefined;
  // Rendered notes are kept beside Astro's own cache, so a rebuild renders only changed notes.
  run.astroCacheDir = fileURLToPath(astro.cacheDir);
  // The settings' paths are the project's, wherever the command was run from.
  const root = fileURLToPath(astro.root);
  const config = (run.config = { ...resolveConfig(run.settings, process.env, root), cacheDir: fileURLToPath(new URL('garden/', astro.cacheDir)) });
  // The output folder is emptied by emptyOutput (empty-output.ts), not by Astro.
  updateConfig({
    site: config.siteUrl,
    base: config.base,
    vite: {
      build: { emptyOutDir: false },
      plugins: [
        virtualModules(config, new URL('../garden/index.ts', import.meta.url).href),
        // A peak comes again a few seconds into generating the pages (collect-garbage.ts).
        collectGarbageBeforePages(),
      ],
    },
  });
  addWatchFile(path.join(root, 'garden.config.ts'));
}
