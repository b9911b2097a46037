import fs from 'node:fs/promises';
import path from 'node:path';
import type { AstroPrerenderer, PathWithRoute } from 'astro';
import { putFiles } from './put-files.ts';
import { fileStamp } from '../garden/cache-files.ts';
import { collectGarbage, LARGE_HEAP } from './collect-garbage.ts';
import { emptyOutput } from './empty-output.ts';
import { configOf, type GardenRun, type HookOptions } from './run.ts';

/*
 * A rebuild reuses every page whose key is unchanged (site/page-keys.ts), and Astro 7.3 copies
 * each such page from its cache into the output folder unless the file is there already, one after
 * another (seconds of a rebuild: docs/performance.md). The last build's output holds the same pages, moved aside into the cache folder
 * when this build started (empty-output.ts). So, once Astro has listed the pages it will build and
 * before it renders any, each page whose key is the one it had in the last build is moved back
 * from there, and Astro finds it in place (it renders over it if its own check fails: the page's
 * code, Astro's configuration or the lock file changed).
 *
 * Fail closed. Only a page this build lists is moved back, so a note turned private, a tag no
 * shared note has any more, leave nothing. A page moved back whose key is unchanged shows what the
 * key covers, as Astro's own copy would, provided it is the very file the last build wrote: the
 * output folder may have been changed since (a `git checkout` in it, a build with another cache
 * folder, a deploy step editing pages), so each page's file is recorded by device, inode, size and
 * modification time, which a move keeps and any rewrite changes. And the record is trusted only
 * when the build that wrote it completed: it is written when a build completes, and taken (read
 * and deleted) when the next one starts, before anything is written. A build that stops between
 * leaves no record, so the build after it moves nothing back.
 *
 * Nor does it take pages from Astro's cache then. Astro 7.3 writes a page's copy into its cache as
 * it renders the page, but the keys of its copies only once every page is written: after a build
 * that stopped halfway, a page whose key went back to the recorded one (a note shared, then
 * private again) would be restored as the stopped build rendered it, naming the note. So its record
 * is deleted (`incremental-build.json` in its cache folder), and every page is rendered again.
 *
 * Pages are looked for where Astro writes them with `build.format: 'directory'` (pageFile); the
 * integration reuses none with another format.
 */

const RECORD = 'last-output.json';
/** Where Astro 7.3 keeps the keys of the pages it cached (`astro/dist/core/build/incremental.js`). */
const ASTRO_RECORD = 'incremental-build.json';

/** A page of the last completed build: its key, and which file it wrote it to (`fileStamp`). */
interface RecordedPage {
  key: string;
  stamp: string;
}

/** Each keyed page of the last completed build into `outDir`, by pathname. */
export type OutputRecord = Map<string, RecordedPage>;

/** What the last build left: whether it completed, and the pages it wrote into this output folder. */
export interface LastBuild {
  completed: boolean;
  pages: OutputRecord;
}

interface RecordFile {
  outDir: string;
  /** Pathname, key, file stamp. */
  pages: [string, string, string][];
}

/** The record the last build left if it completed, deleted so that only one build takes it; no pages if there are none to trust in `outDir`. */
export async function takeOutputRecord(cacheDir: string, outDir: string): Promise<LastBuild> {
  const none: LastBuild = { completed: false, pages: new Map() };
  const file = path.join(cacheDir, RECORD);
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return none;
  try {
    await fs.rm(file);
  } catch {
    // A record that stays would be trusted again after this build stopped halfway.
    return none;
  }
  let record: RecordFile;
  try {
    record = JSON.parse(text) as RecordFile;
  } catch {
    return none;
  }
  const valid = Array.isArray(record.pages) && record.pages.every((page) => Array.isArray(page) && page.length === 3 && page.every((part) => typeof part === 'string'));
  if (!valid) return none;
  if (record.outDir !== outDir) return { completed: true, pages: new Map() };
  return { completed: true, pages: new Map(record.pages.map(([pathname, key, stamp]) => [pathname, { key, stamp }])) };
}

/** Makes Astro render every page again rather than trust the copies in its cache (`astroCacheDir`). */
export async function forgetAstroCachedPages(astroCacheDir: string): Promise<void> {
  await fs.rm(path.join(astroCacheDir, ASTRO_RECORD), { force: true });
}

/** Records the keyed pages of a build that completed, and the files it left them in, for the next one. */
export async function recordOutput(cacheDir: string, outDir: string, pages: readonly PathWithRoute[]): Promise<void> {
  const recorded = await Promise.all(
    keyedPages(pages).map(async ({ pathname, cacheKey, file }): Promise<[string, string, string] | undefined> => {
      const stamp = await fileStamp(path.join(outDir, file));
      return stamp === undefined ? undefined : [pathname, cacheKey, stamp];
    }),
  );
  const record: RecordFile = { outDir, pages: recorded.filter((page) => page !== undefined) };
  await fs.mkdir(cacheDir, { recursive: true });
  await fs.writeFile(path.join(cacheDir, RECORD), JSON.stringify(record));
}

/**
 * The file Astro writes a page to with `build.format: 'directory'`: `/notes/a/` → `notes/a/index.html`.
 * (Astro writes `/404` and `/500` to `404.html` and `500.html`; those pages have no key here.)
 */
export function pageFile(pathname: string): string {
  return path.join(...pathname.split('/').filter(Boolean), 'index.html');
}

/** A page that has a key, and its file (`pageFile`). */
interface KeyedPage {
  pathname: string;
  cacheKey: string;
  file: string;
}

/** The pages that have a key, each file once: a file two routes claim (`/a` and `/a/`, as Astro sees them) is left to Astro. */
function keyedPages(pages: readonly PathWithRoute[]): KeyedPage[] {
  const withFiles = pages.map(({ pathname, cacheKey }) => ({ pathname, cacheKey, file: pageFile(pathname) }));
  const count = new Map<string, number>();
  for (const { file } of withFiles) count.set(file, (count.get(file) ?? 0) + 1);
  return withFiles.filter((page): page is KeyedPage => page.cacheKey !== undefined && count.get(page.file) === 1);
}

/**
 * Moves back from the last output each page this build lists with the key it had there, if its
 * file is the one the last build left. Any other is left to Astro, which copies it from its cache.
 */
export async function moveBackReusedPages(pages: readonly PathWithRoute[], record: OutputRecord, lastOutput: string, outDir: string): Promise<number> {
  const candidates = keyedPages(pages).filter(({ pathname, cacheKey }) => record.get(pathname)?.key === cacheKey);
  const unchanged = await Promise.all(candidates.map(async ({ pathname, file }) => (await fileStamp(path.join(lastOutput, file))) === record.get(pathname)!.stamp));
  const reused = candidates.filter((_, i) => unchanged[i]);
  let moved = 0;
  const moveBack = (from: string, to: string) =>
    fs.rename(from, to).then(
      () => void moved++,
      () => {},
    );
  await putFiles(
    reused.map(({ file }) => ({ from: path.join(lastOutput, file), to: path.join(outDir, file) })),
    moveBack,
  );
  return moved;
}

/**
 * Astro's own prerenderer, with the reused pages moved back once it has listed the pages and
 * before it renders them. `pagesListed` gets the list, and what was moved back.
 */
export function reusingPrerenderer(
  record: OutputRecord,
  lastOutput: string | undefined,
  outDir: string,
  pagesListed: (pages: PathWithRoute[], movedBack: number) => void,
): (astro: AstroPrerenderer) => AstroPrerenderer {
  return (astro) => ({
    ...astro,
    name: 'digital-garden:reuse-pages',
    getStaticPaths: async () => {
      const pages = await astro.getStaticPaths();
      const movedBack = lastOutput && record.size ? await moveBackReusedPages(pages, record, lastOutput, outDir) : 0;
      pagesListed(pages, movedBack);
      return pages;
    },
  });
}

/**
 * `astro:build:start`: the last build's record taken before anything is written (a build that
 * stops halfway leaves none to trust), the output emptied, and Astro's prerenderer wrapped so that
 * each unchanged page is moved back from the last output once Astro has listed the pages.
 */
export async function startBuild(run: GardenRun, { setPrerenderer, logger }: HookOptions<'astro:build:start'>): Promise<void> {
  const config = configOf(run);
  // A peak comes next, as Vite bundles the pages (collect-garbage.ts).
  collectGarbage(LARGE_HEAP);
  const lastBuild = await takeOutputRecord(config.cacheDir, run.outDir);
  if (!lastBuild.completed) await forgetAstroCachedPages(run.astroCacheDir);
  const last = (run.lastOutput = await emptyOutput(run.outDir, config.cacheDir));
  run.pages = undefined;
  setPrerenderer(
    reusingPrerenderer(run.pagesInFolders ? lastBuild.pages : new Map(), last.folder, run.outDir, (listed, movedBack) => {
      run.pages = listed;
      // What was not moved back is deleted while Astro renders.
      void last.remove();
      if (movedBack) logger.info(`${movedBack} unchanged ${movedBack === 1 ? 'page' : 'pages'} kept from the last build`);
    }),
  );
}
