import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { escapeHtml, type Garden, type GardenNote, type TagNode } from '../garden/index.ts';

/*
 * The search index, built with Pagefind's Node API from the garden model rather than by crawling
 * the written pages: indexing starts as soon as the garden is read and runs in Pagefind's own
 * process, beside Astro's page rendering, instead of after it. Only note bodies are indexed, with
 * growth state, tags (a nested tag also under its ancestors) and mood as filters, title, state and
 * tended date as metadata, and the tended date as a sort. Any error fails the build.
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

export class SearchIndex {
  private readonly started = performance.now();
  private readonly indexed: Promise<pagefind.PagefindIndex>;

  private constructor(garden: Garden) {
    this.indexed = (async () => {
      const { index, errors } = await pagefind.createIndex({});
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      // In batches, so the notes waiting for Pagefind never pile up in memory.
      for (let i = 0; i < garden.notes.length; i += 100) {
        const batch = garden.notes.slice(i, i + 100);
        const added = await Promise.all(batch.map((note) => index.addHTMLFile({ url: `/${note.slug}/`, content: searchDocument(note, garden.tags) })));
        const failed = added.flatMap((result) => result.errors);
        if (failed.length) throw new Error(`Pagefind could not index a note: ${failed.join('; ')}`);
      }
      return index;
    })();
    // Reported when written; until then an early failure must not go unhandled.
    this.indexed.catch(() => undefined);
  }

  /** Starts indexing the garden's notes in the background. */
  static start(garden: Garden): SearchIndex {
    return new SearchIndex(garden);
  }

  /** Waits for the notes to be indexed and writes the bundle to `<outDir>/pagefind/`. */
  async write(outDir: string): Promise<{ pages: number; seconds: number }> {
    try {
      const index = await this.indexed;
      const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
      const entry = JSON.parse(await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
      const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
      return { pages, seconds: (performance.now() - this.started) / 1000 };
    } finally {
      await pagefind.close();
    }
  }
}
