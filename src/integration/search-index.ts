import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Garden } from '../garden/types.ts';
import { configOf, type GardenRun } from './run.ts';
import { noteAddress } from '../garden/urls.ts';
import { fileStamp, removeAbandonedCopies, temporaryCopyOf } from '../garden/cache-files.ts';
import { putFiles } from './put-files.ts';
import { installedVersion } from '../garden/version.ts';
import { baseSearchDocument, searchDocument } from './search-body.ts';
import { dayFormatter } from '../garden/public.ts';

/*
 * The search index, written with Pagefind's Node API from the garden model: each note's search
 * document (integration/search-body.ts: its body and facets) under the URL of its page. The build and the
 * dev server index the same documents, so search in `npm run dev` finds what the built site finds,
 * and the build needs no written page: it indexes while Astro renders the pages (index.ts).
 *
 * Pagefind cannot update an index, so it is written whole whenever a note's document changed, and
 * taken as it was when none did (the build's cache folder, or memory in dev). Crawling the written
 * pages, an index in parts (Pagefind's multisite) and documents written to a folder for Pagefind to
 * crawl were measured and dropped: slower, heavier queries, or every note's text in a temporary
 * folder (docs/performance.md, "Measured and not adopted").
 *
 * Chinese and Japanese are written without spaces, and Pagefind segments them only on pages in
 * those languages, while a garden's pages are in its own language: the core segments such words
 * with Intl.Segmenter and the search document gives them to the index in a hidden paragraph.
 *
 * Any error fails the build. A garden with no shared note (allowed by `allowEmpty`) gets an index
 * with nothing in it.
 */

/** Pagefind's bundle: file path under `pagefind/` → bytes. */
export type SearchFiles = Map<string, Uint8Array>;

/** Where the last bundle is kept between indexings, under the key of what it indexed, and in what form (`Kept`) it is handed back. */
export interface BundleStore<Kept> {
  get(key: string): Promise<Kept | undefined>;
  set(key: string, files: SearchFiles): Promise<Kept>;
}

/** A bundle kept in the build's cache folder, to be put into the built site. */
export interface KeptBundle {
  writeTo(folder: string): Promise<void>;
}

interface Document {
  url: string;
  content: string;
}

/**
 * The garden's documents, each made when asked for rather than all kept through the indexing, which
 * spans a cold build's memory peak; only those waiting for Pagefind (IN_FLIGHT) are held. Figures:
 * docs/performance.md, History ¹¹.
 */
interface Documents {
  count: number;
  at(i: number): Document;
}

/** The index's key: Pagefind's version and every document. */
async function bundleKey(documents: Documents): Promise<string> {
  const hash = createHash('sha256').update(await installedVersion('pagefind'));
  for (let i = 0; i < documents.count; i++) {
    const d = documents.at(i);
    hash.update('\0').update(d.url).update('\0').update(d.content);
  }
  return hash.digest('hex');
}

/** How many documents wait for Pagefind at most. */
const IN_FLIGHT = 2000;

async function indexDocuments(documents: Documents): Promise<SearchFiles> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Each document sent waits in memory (as JSON, then base64) until Pagefind's process reads it:
    // all at once, they swell the build's memory peak; a few at a time, Pagefind waits for Astro's
    // busy main thread. IN_FLIGHT is between (docs/performance.md, History ⁹).
    let next = 0;
    let stopped = false;
    const feed = async () => {
      try {
        for (let i = next++; i < documents.count && !stopped; i = next++) {
          const document = documents.at(i);
          const added = await index.addHTMLFile(document);
          if (added.errors.length) throw new Error(`Pagefind could not index ${document.url}: ${added.errors.join('; ')}`);
        }
      } catch (error) {
        stopped = true;
        throw error;
      }
    };
    // Every feeder has stopped before the index is deleted, however the first one failed.
    const fed = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, documents.count) }, feed));
    const failure = fed.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const { files, errors: failed } = await index.getFiles();
    if (failed.length) throw new Error(`Pagefind could not make its index: ${failed.join('; ')}`);
    return new Map(files.map((f) => [f.path.replace(/\\/g, '/'), f.content]));
  } finally {
    await index.deleteIndex();
  }
}

/**
 * Pagefind's bundle for this garden: the stored one if no note's document changed since it was
 * made, else a new one, stored. Says what it holds ("3 notes and 1 base page") and whether Pagefind had to run.
 */
export async function searchIndex<Kept>(garden: Garden, { locale, timeZone }: { locale: string; timeZone: string }, store: BundleStore<Kept>) {
  const started = performance.now();
  const formatDay = dayFormatter(locale, timeZone);
  // One index, in the garden's language as its pages name it (`locale`), so that the search page
  // finds every note: Pagefind splits its index by a page's language, and searches the one its page names.
  // Under the site root, percent-encoded, as Pagefind writes a crawled page's URL; the search page adds the base path.
  const { notes, basePages } = garden;
  const documents: Documents = {
    count: notes.length + basePages.length,
    at(i) {
      const note = notes[i];
      if (note) return { url: encodeURI(noteAddress(note.slug)), content: searchDocument(note, note.html, garden.tags, formatDay, locale) };
      const page = basePages[i - notes.length]!;
      return { url: encodeURI(noteAddress(page.slug)), content: baseSearchDocument(page, locale) };
    },
  };
  const key = await bundleKey(documents);
  const kept = await store.get(key);
  const bundle = kept ?? (await store.set(key, await indexDocuments(documents)));
  const pages = `${notes.length} notes${basePages.length ? ` and ${basePages.length} base page${basePages.length === 1 ? '' : 's'}` : ''}`;
  return { bundle, pages, indexed: !kept, seconds: (performance.now() - started) / 1000 };
}

/** The last bundle kept in memory, for the dev server. */
export function memoryStore(): BundleStore<SearchFiles> {
  let kept: { key: string; files: SearchFiles } | undefined;
  return {
    get: async (key) => (kept?.key === key ? kept.files : undefined),
    set: async (key, files) => (kept = { key, files }).files,
  };
}

/*
 * The last bundle kept in the build's cache folder, its key beside its files. It is replaced whole
 * (written aside, then renamed over the old one), so a note that turned private leaves no trace in
 * the cache once the index is written again.
 *
 * The built site gets the kept files as hard links: a rebuild puts ~8,000 files of a 10,000-note
 * garden's bundle into `dist/` without writing them again (3.9 s of writing on the bench's rebuilds,
 * against 0.2 s for links). A link shares its file with the cache, so a tool that rewrote a built
 * file in place would change the kept one too: each kept file's stamp (`fileStamp`) is noted beside
 * it, and a bundle whose files no longer match is not used.
 */
export function folderStore(dir: string): BundleStore<KeptBundle> {
  const kept = (names: string[]): KeptBundle => ({
    async writeTo(folder) {
      await fs.rm(folder, { recursive: true, force: true });
      await putFiles(names.map((name, i) => ({ from: path.join(dir, 'files', String(i)), to: path.join(folder, name) })), linkOrCopy);
    },
  });
  return {
    async get(key) {
      try {
        if ((await fs.readFile(path.join(dir, 'key'), 'utf8')) !== key) {
          // Out of date, perhaps holding a note private now: gone before indexing, even if the build then fails.
          await fs.rm(dir, { recursive: true, force: true });
          return undefined;
        }
        const files = JSON.parse(await fs.readFile(path.join(dir, 'files.json'), 'utf8')) as [string, string][];
        const now = await Promise.all(files.map((_, i) => fileStamp(path.join(dir, 'files', String(i)))));
        if (files.some(([, stamp], i) => now[i] !== stamp)) {
          await fs.rm(dir, { recursive: true, force: true });
          return undefined;
        }
        return kept(files.map(([name]) => name));
      } catch {
        return undefined;
      }
    },
    async set(key, files) {
      await removeAbandonedCopies(dir);
      const temp = temporaryCopyOf(dir);
      await fs.rm(temp, { recursive: true, force: true });
      await fs.mkdir(path.join(temp, 'files'), { recursive: true });
      const names = [...files.keys()];
      await Promise.all(names.map((name, i) => fs.writeFile(path.join(temp, 'files', String(i)), files.get(name)!)));
      const written = await Promise.all(names.map((_, i) => fileStamp(path.join(temp, 'files', String(i)))));
      await fs.writeFile(path.join(temp, 'files.json'), JSON.stringify(names.map((name, i) => [name, written[i]])));
      // The key last: a bundle whose writing was cut short has none, so it is never used.
      await fs.writeFile(path.join(temp, 'key'), key);
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rename(temp, dir);
      return kept(names);
    },
  };
}

/** A hard link where the file system allows one (not across devices, nor on some mounted ones), else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch {
    await fs.copyFile(from, to);
  }
}

export const closeSearch = (): Promise<unknown> => pagefind.close();

/** The build's search index, started once per run: Pagefind indexes in a process of its own while Astro renders the pages. */
export function indexForSearch(run: GardenRun, garden: Garden) {
  const config = configOf(run);
  return (run.search ??= searchIndex(garden, config, folderStore(path.join(config.cacheDir, 'search'))));
}
