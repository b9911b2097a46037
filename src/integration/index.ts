import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from './search-index.ts';
import { writeRedirectPages } from './redirect-pages.ts';
import { setUpDevServer } from './dev.ts';
import { virtualModules } from './virtual-config.ts';
import { siteUrls } from '../garden/urls.ts';
import {
  loadGarden, resolveConfig, summary, timing, problemLines, strictFailure, emptyGardenFailure, sampleSettingWarnings,
  type GardenConfig, type GardenSettings,
} from '../garden/index.ts';

/**
 * The garden's Astro integration: resolves the gardener's settings once and hands them to the
 * site (Astro's `site` and `base`, and the `virtual:garden/config` module the loader and pages
 * read), reads the vault once before Astro loads content, reports what it found, refuses to build
 * an empty garden, runs the dev server like the site (dev.ts), and writes into the build what
 * Astro's pages do not: the used attachments, redirect pages and the search index.
 */
const reported = new WeakSet<object>();

export default function garden(settings: GardenSettings): AstroIntegration {
  let config: GardenConfig;
  let building = false;
  return {
    name: 'digital-garden',
    hooks: {
      'astro:config:setup': ({ config: astro, command, updateConfig, addWatchFile }) => {
        building = command === 'build';
        // Rendered notes are kept beside Astro's own cache, so a rebuild renders only changed notes.
        config = { ...resolveConfig(settings), cacheDir: fileURLToPath(new URL('garden/', astro.cacheDir)) };
        updateConfig({ site: config.siteUrl, base: config.base, vite: { plugins: [virtualModules(config, new URL('../garden/index.ts', import.meta.url).href)] } });
        addWatchFile(path.resolve('garden.config.ts'));
      },
      'astro:config:done': async ({ logger }) => {
        const garden = await loadGarden(config);
        // Astro may run this hook more than once per build; each garden is reported once.
        const first = !reported.has(garden);
        reported.add(garden);
        if (first) {
          for (const line of problemLines(garden)) logger.warn(line);
          if (building) for (const line of sampleSettingWarnings(config)) logger.warn(line);
          logger.info(timing(garden));
        }
        // An empty garden is a mistake to deploy; the dev server says so and keeps watching.
        const empty = emptyGardenFailure(garden, config);
        if (empty && building) {
          // One line that says it all: thrown, Astro would add a line about an unhandled error in
          // this hook and a stack trace. Nothing has been written yet.
          logger.error(empty);
          process.exit(1);
        }
        if (empty && first) logger.warn(`a build would fail: ${empty}`);
        const failure = strictFailure(garden, config.strict);
        if (failure) throw new Error(failure);
      },
      'astro:server:setup': ({ server, logger }) => setUpDevServer(server, config, logger),
      'astro:build:done': async ({ dir, logger }) => {
        const garden = await loadGarden(config);
        const out = fileURLToPath(dir);
        await Promise.all(
          garden.attachments.map(async (attachment) => {
            const target = path.join(out, 'attachments', attachment.fileName);
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.copyFile(attachment.source, target);
          }),
        );
        const redirects = await writeRedirectPages(garden.redirects, siteUrls(config.siteUrl, config.base), config.title, out);
        for (const line of redirects.kept) logger.warn(line);
        if (garden.redirects.length) logger.info(`redirects: ${redirects.written} ${redirects.written === 1 ? "page" : "pages"} sending old addresses and aliases on to their notes`);
        const search = await writeSearchIndex(out, garden);
        logger.info(`search index: ${search.pages} notes indexed by Pagefind in ${search.seconds.toFixed(1)} s`);
        logger.info(summary(garden));
      },
    },
  };
}
