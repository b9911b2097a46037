import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { escapeHtml, type Garden, type GardenNote, type TagNode } from '../garden/index.ts';

/*
 * The search index, built with Pagefind's Node API from the garden model rather than by crawling
 * the written pages: Pagefind reads each note's body alone, never navigation or lists, and no page
 * template decides what is searchable. Growth state, tags (a nested tag also under its ancestors)
 * and mood are filters; title, state and tended date are metadata; the tended date is a sort.
 * Any error fails the build.
 *
 * (Starting it while Astro renders pages was tried: on two cores the two only slowed each other.)
 */

/** The document Pagefind reads for one note: its body, and its facets as Pagefind attributes. */
export function searchDocument(note: GardenNote, tags: Map<string, TagNode>): string {
  const tended = note.updated ?? note.created;
  const ancestors = note.tags.flatMap((key) => key.split('/').map((_, i, all) => all.slice(0, i + 1).join('/')));
  const facets: [string, string][] = [
    ['state', note.state],
    ...(note.mood ? [['mood', note.mood.name] as [string, string]] : []),
    ...[...new Set(ancestors)].map((key): [string, string] => ['tag', tags.get(key)?.path ?? key]),
  ];
  const meta: [string, string][] = [['title', note.title], ['state', note.state], ...(tended ? [['date', tended.slice(0, 10)] as [string, string]] : [])];
  const attribute = (name: string, pairs: [string, string][]) => pairs.map(([key, value]) => `<span ${name}="${escapeHtml(`${key}:${value}`)}"></span>`).join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>',
    '<main data-pagefind-body>',
    attribute('data-pagefind-filter', facets),
    attribute('data-pagefind-meta', meta),
    `<span data-pagefind-sort="date:${escapeHtml((tended ?? '0000-00-00').slice(0, 10))}"></span>`,
    note.html,
    // Chinese and Japanese words, segmented by the core: Pagefind segments them only on pages in those languages.
    note.searchTerms ? `<p>${escapeHtml(note.searchTerms)}</p>` : '',
    '</main></body></html>',
  ].join('');
}

/** Indexes the garden's notes and writes the bundle to `<outDir>/pagefind/`. */
export async function writeSearchIndex(garden: Garden, outDir: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // In batches, so the documents waiting for Pagefind never pile up in memory.
    for (let i = 0; i < garden.notes.length; i += 100) {
      const batch = garden.notes.slice(i, i + 100);
      const added = await Promise.all(batch.map((note) => index.addHTMLFile({ url: `/${note.slug}/`, content: searchDocument(note, garden.tags) })));
      const failed = added.flatMap((result) => result.errors);
      if (failed.length) throw new Error(`Pagefind could not index a note: ${failed.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    const entry = JSON.parse(await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    return { pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}
