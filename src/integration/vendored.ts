import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ViteDevServer } from 'vite';
import type { Garden } from '../garden/types.ts';
import type { SiteUrls } from '../garden/urls.ts';
import { KATEX_FOLDER } from './math.ts';
import { MERMAID_FOLDER } from './mermaid.ts';
import { putFiles } from './put-files.ts';

/*
 * Browser files the site takes from npm packages as their authors publish them, rather than through
 * Vite: KaTeX's stylesheet and fonts (integration/math.ts) and Mermaid's browser build (integration/mermaid.ts).
 * The build copies them only into a site with a page that uses them; the dev server serves them
 * from the package.
 */
interface Vendored {
  /** Under the site root, as the pages link it. */
  folder: string;
  /** The files, relative to `folder` and to the package's `dist/`. */
  files(): Promise<string[]>;
  dist: string;
  needed(garden: Garden): boolean;
}

const distOf = (name: string) => path.join(path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), 'dist');
const listed = async (dist: string, folder: string, extension: string) =>
  (await fs.readdir(path.join(dist, folder))).filter((name) => name.endsWith(extension)).map((name) => `${folder}/${name}`);

const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

const VENDORED: Vendored[] = [
  {
    folder: KATEX_FOLDER,
    dist: distOf('katex'),
    // Every browser the site supports reads woff2, the first source the stylesheet names.
    files: once(async () => ['katex.min.css', ...(await listed(distOf('katex'), 'fonts', '.woff2'))]),
    needed: (garden) => garden.notes.some((note) => note.hasMath),
  },
  {
    folder: MERMAID_FOLDER,
    dist: distOf('mermaid'),
    // The entry and the chunks it imports, without their source maps.
    files: once(async () => ['mermaid.esm.min.mjs', ...(await listed(distOf('mermaid'), 'chunks/mermaid.esm.min', '.mjs'))]),
    needed: (garden) => garden.notes.some((note) => note.hasDiagram),
  },
];

/** Copies into the built site the vendored files its pages use. */
export async function copyVendoredFiles(garden: Garden, out: string): Promise<void> {
  for (const vendored of VENDORED.filter((v) => v.needed(garden))) {
    await putFiles((await vendored.files()).map((file) => ({ from: path.join(vendored.dist, file), to: path.join(out, vendored.folder, file) })));
  }
}

const TYPES: Record<string, string> = { '.css': 'text/css', '.woff2': 'font/woff2', '.mjs': 'text/javascript' };

/** The dev server serves the vendored files from their packages, at the addresses the build copies them to (under the base path). */
export function serveVendoredFilesInDev(server: ViteDevServer, urls: SiteUrls): void {
  server.middlewares.use(async (req, res, next) => {
    // The address as asked: Astro's dev server strips the base path from req.url before this runs.
    // Compared as written, percent-encoding and all, as the pages link them.
    const asked = ((req as typeof req & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!;
    for (const vendored of VENDORED) {
      const folder = urls.asset(`${vendored.folder}/`);
      const file = asked.startsWith(folder) ? asked.slice(folder.length) : undefined;
      if (!file || !(await vendored.files()).includes(file)) continue;
      res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
      res.end(await fs.readFile(path.join(vendored.dist, file)));
      return;
    }
    next();
  });
}
