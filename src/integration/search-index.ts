import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

/*
 * The search index, written with Pagefind's Node API once the pages are. Pagefind reads only the
 * elements marked `data-pagefind-body` (note bodies; the note page also carries the facets there),
 * so navigation, lists and other chrome never reach the index. Any error fails the build.
 *
 * Two other ways were measured on a 10,000-note garden and dropped: handing Pagefind each note's
 * HTML from the garden model (addHTMLFile) was slower than letting it crawl the written pages, and
 * starting it while Astro renders pages only made the two compete for the same two cores.
 *
 * Chinese and Japanese are written without spaces, and Pagefind segments them only on pages in
 * those languages, while a garden's pages are in its own language: the core segments such words
 * with Intl.Segmenter and the note page gives them to the index in a hidden paragraph.
 */
export async function writeSearchIndex(outDir: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    // Pagefind reads every page but indexes only those with a body marked: count those.
    const entry = JSON.parse(await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    return { pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}
