import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGarden, summary } from '../garden/index.ts';
import { siteUrls } from '../garden/urls.ts';
import { putFiles } from './put-files.ts';
import { copyVendoredFiles } from './vendored.ts';
import { writeRedirectPages } from './redirect-pages.ts';
import { closeSearch, indexForSearch } from './search-index.ts';
import { recordOutput } from './reuse-pages.ts';
import { configOf, type GardenRun, type HookOptions } from './run.ts';

/**
 * `astro:build:done`: what Astro's pages do not write, written into the build: the used attachments,
 * KaTeX's and Mermaid's files (vendored.ts), redirect pages and the search index; then the record
 * the next build trusts.
 */
export async function writeOutput(run: GardenRun, { dir, logger }: HookOptions<'astro:build:done'>): Promise<void> {
  const config = configOf(run);
  try {
    const garden = await loadGarden(config);
    const out = fileURLToPath(dir);
    await putFiles(garden.attachments.map((attachment) => ({ from: attachment.source, to: path.join(out, 'attachments', attachment.fileName) })));
    await copyVendoredFiles(garden, out);
    const redirects = await writeRedirectPages(garden.redirects, siteUrls(config.siteUrl, config.base), config.title, out);
    for (const line of redirects.kept) logger.warn(line);
    if (garden.redirects.length) logger.info(`redirects: ${redirects.written} ${redirects.written === 1 ? 'page' : 'pages'} sending old addresses and aliases on to their notes`);
    try {
      const index = await indexForSearch(run, garden);
      await index.bundle.writeTo(path.join(out, 'pagefind'));
      logger.info(index.indexed ? `search index: ${index.pages} indexed by Pagefind in ${index.seconds.toFixed(1)} s` : `search index: ${index.pages}, none changed since the last build`);
    } finally {
      await closeSearch();
    }
    logger.info(summary(garden));
    // The build completed: the next one may trust Astro's cache, and these pages' files.
    await recordOutput(config.cacheDir, run.outDir, run.pagesInFolders ? (run.pages ?? []) : []);
  } finally {
    // The last build's output, deleted beside this build: gone before it ends, even a failed one.
    await run.lastOutput?.remove();
  }
}
