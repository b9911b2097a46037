import type { AstroIntegration } from 'astro';
import { setUpDevServer } from './dev.ts';
import { serveVendoredFilesInDev } from './vendored.ts';
import { siteUrls } from '../garden/urls.ts';
import type { GardenSettings } from '../garden/index.ts';
import { configOf, newRun } from './run.ts';
import { setUpConfig } from './setup-config.ts';
import { readGarden } from './read-garden.ts';
import { startBuild } from './reuse-pages.ts';
import { writeOutput } from './write-output.ts';

/**
 * The garden's Astro integration, one module a step: the settings resolved once and handed to the
 * site (setup-config.ts); the vault read before Astro loads content, reported, and an empty garden
 * refused (read-garden.ts); the dev server run like the site (dev.ts); unchanged pages kept from the
 * last build (reuse-pages.ts); and what Astro's pages do not write, written into the build
 * (write-output.ts: attachments, KaTeX's and Mermaid's files, redirect pages, the search index).
 */
export default function garden(settings: GardenSettings): AstroIntegration {
  const run = newRun(settings);
  return {
    name: 'digital-garden',
    hooks: {
      'astro:config:setup': (options) => setUpConfig(run, options),
      'astro:config:done': (options) => readGarden(run, options),
      'astro:server:setup': ({ server, logger }) => {
        // `astro build`, `sync` and `check` start a Vite server of their own to sync content: only
        // `astro dev` gets the dev server's search index and vault watching.
        if (!run.serving) return;
        const config = configOf(run);
        setUpDevServer(server, config, logger);
        serveVendoredFilesInDev(server, siteUrls(config.siteUrl, config.base));
      },
      'astro:build:start': (options) => startBuild(run, options),
      'astro:build:done': (options) => writeOutput(run, options),
    },
  };
}
