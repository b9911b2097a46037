import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, PathWithRoute } from 'astro';
import { searchIndex, folderStore, closeSearch, type KeptBundle } from './search-index.ts';
import { writeRedirectPages } from './redirect-pages.ts';
import { emptyOutput, type LastOutput } from './empty-output.ts';
import { forgetAstroCachedPages, recordOutput, reusingPrerenderer, takeOutputRecord } from './reuse-pages.ts';
import { setUpDevServer } from './dev.ts';
import { copyVendoredFiles, serveVendoredFilesInDev } from './vendored.ts';
import { putFiles } from './put-files.ts';
import { collectGarbage, collectGarbageBeforePages } from './collect-garbage.ts';
import { virtualModules } from './virtual-config.ts';
import { siteUrls } from '../garden/urls.ts';
import {
  loadGarden, endIdleRenderWorkers, resolveConfig, summary, timing, problemLines, strictFailure, emptyGardenFailure, sampleSettingWarnings,
  type Garden, type GardenConfig, type GardenSettings,
} from '../garden/index.ts';

/**
 * The garden's Astro integration: resolves the gardener's settings once and hands them to the
 * site (Astro's `site` and `base`, and the `virtual:garden/config` module the loader and pages
 * read), reads the vault once before Astro loads content, reports what it found, refuses to build
 * an empty garden, runs the dev server like the site (dev.ts), and writes into the build what
 * Astro's pages do not: the used attachments, redirect pages, the search index, and the KaTeX and
 * Mermaid files pages use (vendored.ts).
 */
const reported = new WeakSet<object>();

export default function garden(settings: GardenSettings): AstroIntegration {
  let config: GardenConfig;
  let building = false;
  let serving = false;
  let search: ReturnType<typeof searchIndex<KeptBundle>> | undefined;
  let outDir = '';
  let astroCacheDir = '';
  /** Whether pages are written where reuse-pages.ts looks for them (`build.format: 'directory'`, this site's). */
  let pagesInFolders = false;
  /** The last build's output, deleted while this one builds once the pages it reuses are moved back. */
  let lastOutput: LastOutput | undefined;
  /** The pages Astro listed for this build, with their keys: recorded for the next build once this one completes. */
  let pages: PathWithRoute[] | undefined;
  /** The build's search index, started once: Pagefind runs in a process of its own, so it indexes while Astro renders the pages. */
  const indexForSearch = (garden: Garden) => (search ??= searchIndex(garden, config.timeZone, folderStore(path.join(config.cacheDir!, 'search'))));
  return {
    name: 'digital-garden',
    hooks: {
      'astro:config:setup': ({ config: astro, command, updateConfig, addWatchFile }) => {
        building = command === 'build';
        serving = command === 'dev';
        // A new build (a second one in the same process) indexes its own garden.
        search = undefined;
        // Rendered notes are kept beside Astro's own cache, so a rebuild renders only changed notes.
        astroCacheDir = fileURLToPath(astro.cacheDir);
        config = { ...resolveConfig(settings), cacheDir: fileURLToPath(new URL('garden/', astro.cacheDir)) };
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
        addWatchFile(path.resolve('garden.config.ts'));
      },
      'astro:config:done': async ({ config: astro, logger }) => {
        outDir = fileURLToPath(astro.outDir);
        pagesInFolders = astro.build.format === 'directory';
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
        if (!building) return;
        // Awaited once the pages are written; a build that fails before then must not also report this.
        indexForSearch(garden).catch(() => {});
        // A build reads its garden once: the render workers' memory is better left to Vite's bundling.
        await endIdleRenderWorkers();
      },
      'astro:server:setup': ({ server, logger }) => {
        // `astro build`, `sync` and `check` start a Vite server of their own to sync content: only
        // `astro dev` gets the dev server's search index and vault watching.
        if (!serving) return;
        setUpDevServer(server, config, logger);
        serveVendoredFilesInDev(server, siteUrls(config.siteUrl, config.base));
      },
      'astro:build:start': async ({ setPrerenderer, logger }) => {
        // A peak comes next, as Vite bundles the pages (collect-garbage.ts).
        collectGarbage();
        // Taken before anything is written: a build that stops halfway leaves no record to trust.
        const lastBuild = await takeOutputRecord(config.cacheDir!, outDir);
        if (!lastBuild.completed) await forgetAstroCachedPages(astroCacheDir);
        const last = (lastOutput = await emptyOutput(outDir, config.cacheDir!));
        pages = undefined;
        setPrerenderer(
          reusingPrerenderer(pagesInFolders ? lastBuild.pages : new Map(), last.folder, outDir, (listed, movedBack) => {
            pages = listed;
            // What was not moved back is deleted while Astro renders.
            void last.remove();
            if (movedBack) logger.info(`${movedBack} unchanged ${movedBack === 1 ? 'page' : 'pages'} kept from the last build`);
          }),
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        try {
          const garden = await loadGarden(config);
          const out = fileURLToPath(dir);
          await putFiles(garden.attachments.map((attachment) => ({ from: attachment.source, to: path.join(out, 'attachments', attachment.fileName) })));
          await copyVendoredFiles(garden, out);
          const redirects = await writeRedirectPages(garden.redirects, siteUrls(config.siteUrl, config.base), config.title, out);
          for (const line of redirects.kept) logger.warn(line);
          if (garden.redirects.length) logger.info(`redirects: ${redirects.written} ${redirects.written === 1 ? "page" : "pages"} sending old addresses and aliases on to their notes`);
          try {
            const index = await indexForSearch(garden);
            await index.bundle.writeTo(path.join(out, 'pagefind'));
            logger.info(index.indexed ? `search index: ${index.pages} notes indexed by Pagefind in ${index.seconds.toFixed(1)} s` : `search index: ${index.pages} notes, none changed since the last build`);
          } finally {
            await closeSearch();
          }
          logger.info(summary(garden));
          // The build completed: the next one may trust Astro's cache, and these pages' files.
          await recordOutput(config.cacheDir!, outDir, pagesInFolders ? (pages ?? []) : []);
        } finally {
          // The last build's output, deleted beside this build: gone before it ends, even a failed one.
          await lastOutput?.remove();
        }
      },
    },
  };
}
