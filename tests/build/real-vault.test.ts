import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Root } from 'hast';
import { buildSite, listFiles, type BuiltSite } from '../helpers/build.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';
import { canariesOf, SHARED_VAULTS, sharedCopyOf } from '../helpers/shared-vault.ts';

/*
 * A real vault nobody here wrote, built as a gardener would build it: kepano/kepano-obsidian
 * (../shared/vaults/), every note shared but three kept private with canaries. What it says must
 * reach its pages: each title shown once and as words, every link of the site landing on a page
 * and a heading or block there, no note losing text on the way, and nothing of the private notes
 * anywhere in the output.
 */
const PRIVATE = ['References/Kyoto.md', 'Notes/Product usage analysis.md', 'Daily/2023-09-30.md'];
const SITE = 'https://garden.test';

let site: BuiltSite;
const pages = new Map<string, Root>();

beforeAll(async () => {
  const vault = await sharedCopyOf('kepano-obsidian', PRIVATE);
  site = await buildSite(vault, { GARDEN_SITE_URL: SITE });
  for (const file of await listFiles(site.outDir)) {
    if (file.endsWith('.html')) pages.set(path.relative(site.outDir, file), fromHtml(await fs.readFile(file, 'utf8')));
  }
});

/** The note pages: those with a note's article. */
const notePages = () => [...pages].filter(([, tree]) => select('article.note', tree));

const ids = new WeakMap<Root, Set<string>>();
/** The element ids a page has. */
function idsOf(tree: Root): Set<string> {
  let found = ids.get(tree);
  if (!found) ids.set(tree, (found = new Set(selectAll('[id]', tree).map((e) => String(e.properties.id)))));
  return found;
}

/** Syntax a title must never show. */
const RAW = /\[\[|\]\]|\*\*|`|!\[|(?:^|\s)#{1,6}\s/;

describe('a real vault: kepano-obsidian', () => {
  it('builds, publishing its shared notes', () => {
    expect(site.code, site.output).toBe(0);
    expect(notePages().length).toBeGreaterThan(30);
  });

  it('shows every title once, as words', () => {
    for (const [file, tree] of notePages()) {
      const title = toString(select('.note-header h1', tree)!).trim();
      expect(title, file).not.toBe('');
      expect(title, file).not.toMatch(RAW);
      expect(toString(select('title', tree)!), file).not.toMatch(RAW);
      // The body does not repeat it as its own first-level heading.
      const repeated = selectAll('.note-body h1', tree).filter((h) => toString(h).trim() === title);
      expect(repeated.map((h) => toString(h)), file).toEqual([]);
    }
  });

  it('lands every link of the site on a page, and every #fragment on a heading or block there', () => {
    const broken: string[] = [];
    for (const [file, tree] of pages) {
      for (const a of selectAll('a[href]', tree)) {
        const href = String(a.properties.href);
        const url = new URL(href, `${SITE}/${file.replace(/index\.html$/, '')}`);
        if (url.origin !== SITE) continue;
        const target = decodeURIComponent(url.pathname).replace(/^\//, '');
        const targetFile = target === '' || target.endsWith('/') ? `${target}index.html` : target;
        const page = targetFile.endsWith('.html') ? pages.get(targetFile) : undefined;
        if (!page && !targetFile.endsWith('.html')) continue; // a feed, an attachment: checked below
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (!page) broken.push(`${file}: ${href} (no page)`);
        else if (fragment && !idsOf(page).has(fragment)) broken.push(`${file}: ${href} (no #${fragment} there)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('copies every attachment a page shows', async () => {
    const files = new Set((await listFiles(site.outDir)).map((f) => path.relative(site.outDir, f)));
    const missing = [...pages].flatMap(([file, tree]) =>
      selectAll('img[src], a.attachment[href]', tree)
        .map((e) => String(e.properties.src ?? e.properties.href))
        .filter((src) => src.startsWith('/attachments/') && !files.has(decodeURIComponent(src.slice(1))))
        .map((src) => `${file}: ${src}`),
    );
    expect(missing).toEqual([]);
  });

  it('loses no text of any note on the way to its page', () => {
    const lost = site.output.split('\n').filter((line) => /loses words|never refers to|more cells than their header/.test(line));
    expect(lost).toEqual([]);
  });

  it('leaves nothing of its private notes in any file of the output or the cache, search index included', async () => {
    const canaries = PRIVATE.flatMap((_, i) => Object.values(canariesOf(i)));
    // Each as written and in every form Pagefind's index stores it (tests/helpers/canaries.ts).
    const found = await scanForCanaries([site.outDir, site.cacheDir, ...SHARED_BUILD_FOLDERS], canaries);
    expect(found).toEqual([]);
    // The private notes' own words are not published, nor their file names.
    const names = PRIVATE.map((p) => path.basename(p, '.md').toLowerCase());
    expect([...pages.keys()].filter((file) => names.some((name) => file.toLowerCase().includes(name.replace(/ /g, '-'))))).toEqual([]);
  });
});

/** The rows of a page's first view with this caption: each row's cells as text. */
function viewRows(page: string, caption: string): string[][] {
  const tree = pages.get(page);
  expect(tree, page).toBeDefined();
  const figure = selectAll('figure.view', tree!).find((f) => toString(select('figcaption', f) ?? f).trim() === caption);
  expect(figure, `${page}: a view captioned ${caption}`).toBeDefined();
  return selectAll('tbody tr:not(.view-group):not(.view-summary)', figure!).map((tr) => selectAll('td', tr).map((td) => toString(td).trim()));
}

/*
 * Its Categories/ notes are each one embedded base (Templates/Bases/*.base). Rows worked out by hand
 * from the vault's properties: the notes whose `categories` names the category, less the templates
 * the base filters out by name, less the private notes.
 */
describe('a real vault organised with Bases: kepano-obsidian', () => {
  it('draws every category page\'s base, none left as an empty page or an unavailable view', async () => {
    // A note's slug is its file name: Categories/Board games.md is /board-games/.
    const names = (await fs.readdir(path.join(SHARED_VAULTS, 'kepano-obsidian/Categories'))).filter((name) => name.endsWith('.md'));
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      const file = `${name.slice(0, -3).toLowerCase().replaceAll(' ', '-')}/index.html`;
      const tree = pages.get(file);
      expect(tree, file).toBeDefined();
      expect(selectAll('figure.view', tree!).length, file).toBeGreaterThan(0);
      expect(select('.view-unavailable', tree!), file).toBeUndefined();
    }
  });

  it('shows Books as Obsidian does: its two books by name, the template filtered out, the base\'s column names', () => {
    const rows = viewRows('books/index.html', 'Books');
    expect(rows.map((row) => row[0])).toEqual(['Out of Control', 'The Machine Stops']);
    // Name, Author, length, Year, rating, topics, last: Kevin Kelly, no length, 1992, rated 7, Emergence.
    expect(rows[0]!.slice(1, 6)).toEqual(['Kevin Kelly', '', '1992', '7', 'Emergence']);
    expect(rows[1]!.slice(1, 6)).toEqual(['E. M. Forster', '', '1909', '7', 'Humanism']);
    const tree = pages.get('books/index.html')!;
    expect(selectAll('figure.view th', tree).map((th) => toString(th).trim()).slice(0, 4)).toEqual(['Name', 'Author', 'length', 'Year']);
    expect(toString(tree)).not.toContain('Book Template');
  });

  it('shows People by name, templates filtered out, and Places without its private note', () => {
    expect(viewRows('people/index.html', 'All people').map((row) => row[0])).toEqual(['Kevin Kelly', 'Paul Chambers', 'Steph Ango']);
    const places = viewRows('places/index.html', 'Places').map((row) => row[0]);
    expect(places).toContain('Fushimi Inari');
    expect(places).not.toContain('Kyoto');
    expect(places.filter((name) => /Template/.test(name!))).toEqual([]);
  });

  it('reports the map views it shows as lists, naming the base', () => {
    expect(site.output).toMatch(/Map\.base.*map/);
  });
});
