import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Garden } from '../garden/types.ts';
import { dayFormatter, searchDocument } from '../site/search-body.ts';

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
 *
 * A garden with no shared note (allowed by `allowEmpty`) has no page with a marked body, and then
 * Pagefind indexes every page whole: its index is written with nothing in it instead.
 */
export async function writeSearchIndex(outDir: string, garden: Garden): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    if (garden.notes.length > 0) {
      const added = await index.addDirectory({ path: outDir });
      if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    }
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

/** Pagefind's bundle held in memory: file path under `pagefind/` → bytes. */
export type SearchBundle = Map<string, Uint8Array>;

/**
 * The dev server's index, made from the garden model since no page is written in dev: each
 * note's search document (the markup its page gives Pagefind) under the URL the build's crawl
 * gives its page, so results link to the dev server's pages as they do to the built ones. The
 * Pagefind service is left running for the next change; `closeSearch` stops it.
 */
export async function searchBundle(garden: Garden, timeZone: string): Promise<{ files: SearchBundle; pages: number; seconds: number }> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const formatDay = dayFormatter(timeZone);
    await Promise.all(
      garden.notes.map(async (note) => {
        // As the build's crawl writes it: under the site root (the search page adds the base path), percent-encoded.
        const added = await index.addHTMLFile({ url: encodeURI(`/${note.slug}/`), content: searchDocument(note, note.html, garden.tags, formatDay) });
        if (added.errors.length) throw new Error(`Pagefind could not index ${note.path}: ${added.errors.join('; ')}`);
      }),
    );
    const { files, errors: failed } = await index.getFiles();
    if (failed.length) throw new Error(`Pagefind could not make its index: ${failed.join('; ')}`);
    return { files: new Map(files.map((f) => [f.path.replace(/\\/g, '/'), f.content])), pages: garden.notes.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await index.deleteIndex();
  }
}

export const closeSearch = (): Promise<unknown> => pagefind.close();
