import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import type { Garden, Problem } from '../garden/types.ts';
import { loadGarden, invalidateGarden, problemLines, emptyGardenFailure, type GardenConfig } from '../garden/index.ts';
import { siteUrls, type SiteUrls } from '../garden/urls.ts';
import { searchIndex, memoryStore, closeSearch, type SearchFiles } from './search-index.ts';
import { redirectPage } from './redirect-pages.ts';
import { settledChanges } from './settled-changes.ts';

/*
 * `npm run dev` behaving like the built site. The vault is watched: a change makes the core read
 * the garden again (the content loader then hands Astro the new one), prints the problems of the
 * changed notes and those the change caused elsewhere, and rebuilds the search index from the new
 * garden. The dev server serves what a build would write besides Astro's pages, from the garden of
 * the moment: attachments of shared notes, Pagefind's bundle (indexed from the garden model as the
 * build's is, and kept in memory) and redirect pages. A private note is in none of them.
 */

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/*
 * The vault is read again once it has been quiet this long: changes arriving together (an editor's
 * save is often several events) are read as one, and a save is not left read half written. Vite's
 * watcher (chokidar) drops a file's further 'change' events for 50 ms after one: a save that
 * truncates, then writes, can give a single event between the two. Read at that event, 7 saves in
 * 200 gave a stale note with no later event to correct it; read 100 ms after it, none did. (A
 * write that pauses longer is read half done, then again at its next event.)
 */
const SETTLE_MS = 100;

export function setUpDevServer(server: ViteDevServer, config: GardenConfig, logger: AstroIntegrationLogger): void {
  const garden = new DevGarden(config, logger);
  const changes = settledChanges(
    SETTLE_MS,
    // The content loader follows the garden (loader.ts): it reads the vault again now too.
    (files) => {
      if (files.length) invalidateGarden();
    },
    (files) => garden.refresh(files).catch((error: unknown) => logger.error(`the garden could not be read again: ${(error as Error).message}`)),
  );
  watchVault(server, config.contentDir, (file) => changes.change(file));
  server.httpServer?.once('close', () => {
    changes.stop();
    void closeSearch();
  });
  const refuseVault = vaultGuard(config.contentDir, server.config.root);
  server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname: string;
    try {
      // The address as asked, base path included: Astro's dev server strips the base from req.url
      // before this runs, and every URL here is made with it (urls.ts).
      const asked = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
      pathname = decodeURIComponent(new URL(asked, 'http://dev').pathname);
    } catch {
      return next();
    }
    garden
      .serve(pathname, res, () => changes.followed())
      .then((served) => served || refuseVault(pathname, req.url ?? '/', res).then((refused) => refused || next()))
      .catch((error: unknown) => {
        logger.error(`${pathname}: ${(error as Error).message}`);
        res.statusCode = 500;
        res.end();
      });
  });
}

/** Every change to a file of the vault, by its vault path. */
function watchVault(server: ViteDevServer, contentDir: string, changed: (file: string) => void): void {
  const inVault = (file: string) => file === contentDir || file.startsWith(contentDir + path.sep);
  server.watcher.add(contentDir);
  const onChange = (file: string) => {
    if (inVault(file)) changed(path.relative(contentDir, file).split(path.sep).join('/'));
  };
  for (const event of ['change', 'add', 'unlink', 'addDir', 'unlinkDir']) server.watcher.on(event, onChange);
}

/** The garden of the moment, and what a build would write besides Astro's pages, served from it. */
class DevGarden {
  private shown: Garden | undefined;
  private search: SearchFiles = new Map();
  private readonly lastIndex = memoryStore();
  private readonly urls: SiteUrls;
  private readonly config: GardenConfig;
  private readonly logger: AstroIntegrationLogger;

  constructor(config: GardenConfig, logger: AstroIntegrationLogger) {
    this.config = config;
    this.logger = logger;
    this.urls = siteUrls(config.siteUrl, config.base);
  }

  /** Reads the garden of the moment; reports what changed in it; indexes it for search. */
  async refresh(files: string[]): Promise<void> {
    const garden = await loadGarden(this.config);
    if (garden === this.shown) return;
    const before = this.shown;
    this.shown = garden;
    if (before) this.report(before, garden, files);
    const index = await searchIndex(garden, this.config, this.lastIndex);
    this.search = index.bundle;
    if (index.indexed) this.logger.info(`search index: ${index.pages} indexed by Pagefind in ${index.seconds.toFixed(1)} s`);
  }

  /** The problems of the changed notes, and those the change caused elsewhere. */
  private report(before: Garden, garden: Garden, files: string[]): void {
    this.logger.info(`${files.join(', ') || 'the vault'} changed: ${garden.notes.length} notes published, read in ${garden.seconds.total.toFixed(1)} s`);
    const known = new Set(before.problems.map(problemKey));
    const touched = new Set(files);
    const lines = problemLines({ ...garden, problems: garden.problems.filter((p) => touched.has(p.file) || !known.has(problemKey(p))) });
    for (const line of lines) this.logger.warn(line);
    const failure = emptyGardenFailure(garden, this.config);
    if (failure) this.logger.warn(`a build would fail: ${failure}`);
  }

  /** Answers with the search index, an attachment or a redirect page; false when the address is none of them. */
  async serve(pathname: string, res: ServerResponse, refreshed: () => Promise<void>): Promise<boolean> {
    const bundle = decodeURI(this.urls.pagefind());
    if (pathname.startsWith(bundle)) {
      // Requests for the index wait for the refresh a change asked for, so they never get a stale one.
      await refreshed();
      const file = this.search.get(pathname.slice(bundle.length));
      res.setHeader('cache-control', 'no-store');
      if (file) res.setHeader('content-type', TYPES[path.extname(pathname)] ?? 'application/octet-stream');
      else res.statusCode = 404;
      res.end(file);
      return true;
    }
    const garden = await loadGarden(this.config);
    const attachment = garden.attachments.find((a) => decodeURI(a.url) === pathname);
    if (attachment) {
      res.end(await fs.readFile(attachment.source));
      return true;
    }
    const wanted = pathname.endsWith('/') || /\.html?$/i.test(pathname) ? pathname : `${pathname}/`;
    const redirect = garden.redirects.find((r) => decodeURI(this.urls.redirect(r.from)) === wanted);
    if (!redirect) return false;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(redirectPage(redirect, this.urls, this.config.title));
    return true;
  }
}

/**
 * Vite serves any file of the project to the dev server's visitors (`/content/Secret.md`,
 * `/content/Secret.md?raw`, `/@fs/…/content/Secret.md`), and the vault usually lives in the
 * project: every address that would name a file in the vault is answered 404 before Vite sees it,
 * however it is spelt (the base path or not, `..`, another case, a symbolic link into the vault,
 * a path in the query, as Astro's image endpoint takes one).
 * The garden's own pages, attachments and search index are served above, from the garden.
 */
function vaultGuard(contentDir: string, root: string) {
  const canonical = (file: string) => fs.realpath(file).then((real) => real.toLowerCase(), () => file.toLowerCase());
  const vault = canonical(contentDir);
  // A project kept inside its own vault: refusing the whole vault would refuse the site's own
  // files, so only notes are refused there.
  const projectInVault = Promise.all([vault, canonical(root)]).then(([v, r]) => r === v || r.startsWith(v + path.sep));
  /** The file an address would name, when it names one (a folder, or nothing, has nothing to leak). */
  const fileAt = async (candidate: string) => {
    try {
      const real = await fs.realpath(candidate);
      return (await fs.stat(real)).isFile() ? real.toLowerCase() : undefined;
    } catch {
      return undefined;
    }
  };
  return async (pathname: string, stripped: string, res: ServerResponse): Promise<boolean> => {
    let strippedPath = stripped;
    try {
      strippedPath = decodeURIComponent(new URL(stripped, 'http://dev').pathname);
    } catch {
      // Kept as it came.
    }
    // Astro's image endpoint reads the file its `href` names (`/_image?href=/@fs/…/photo.png`).
    const named: string[] = [];
    try {
      for (const value of new URL(stripped, 'http://dev').searchParams.values()) if (value.startsWith('/')) named.push(value.split('?')[0]!);
    } catch {
      // No query to read.
    }
    const candidates = new Set<string>();
    for (const asked of [pathname, strippedPath, ...named]) {
      const bare = asked.replace(/^\/@(fs|id)\//, '/');
      candidates.add(path.join(root, bare));
      if (bare !== asked) candidates.add(path.resolve(bare));
    }
    const inside = (await vault) + path.sep;
    for (const candidate of candidates) {
      const file = await fileAt(candidate);
      if (file?.startsWith(inside) && (!(await projectInVault) || file.endsWith('.md'))) {
        res.statusCode = 404;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Not found');
        return true;
      }
    }
    return false;
  };
}

const problemKey = (p: Problem) => `${p.file}\0${p.severity}\0${p.message}`;
