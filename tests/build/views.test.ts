import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, listFiles, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';
import { makeVault, shared } from '../helpers/vault.ts';
import { siteFiles } from '../helpers/site-files.ts';
import { VIEW_CANARIES, VIEWS_VAULT } from '../helpers/views-vault.ts';

/*
 * The vault's views, built: a private note that matches a base's filter, a Dataview `FROM #tag`
 * and a `GROUP BY`, and a folder a summary or list runs over, leaves none of its words, its name,
 * its values or its count in any file of the output, the cache or Astro's folders, Pagefind's
 * compressed index included. (What the views show is checked in tests/unit/views-wiring.test.ts.)
 */
let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite(await makeVault(VIEWS_VAULT));
});

describe('views of the vault, built', () => {
  it('builds, showing the views on their note’s page and telling the gardener what it did not run', async () => {
    expect(site.code, site.output).toBe(0);
    const html = await pageHtml(site, 'library');
    expect(html).toContain('All books');
    expect(html).toMatch(/Rated <span class="view-inline">4<\/span> stars/);
    expect(site.output).toMatch(/Library\.md.*dataviewjs block/);
  });

  it('leaves nothing of a private note a view matched in any file, search index included', async () => {
    const found = await scanForCanaries([site.outDir, site.cacheDir, ...SHARED_BUILD_FOLDERS], VIEW_CANARIES);
    expect(found).toEqual([]);
  });

  it('indexes a view for search as any text of its page: a column name only the view writes is in the index', async () => {
    const found = await scanForCanaries([path.join(site.outDir, 'pagefind')], ['zqviewscore']);
    expect(found).toContainEqual(expect.stringMatching(/fragment/));
  });

  it('publishes no .base file, but a page of each base a shared note names, in the sitemap and the search index, and none of one only a private note names', async () => {
    const files = await listFiles(site.outDir);
    expect(files.filter((file) => file.endsWith('.base'))).toEqual([]);
    const page = await pageHtml(site, 'books-base');
    expect(page).toMatch(/<h1[^>]*>Books<\/h1>/);
    expect(page).toContain('id="view-shown-where"');
    expect(files.filter((file) => /unnamed-base|zqviewcanarybase/.test(file))).toEqual([]);
    expect(await fs.readFile(path.join(site.outDir, 'sitemap-0.xml'), 'utf8')).toContain('/books-base/</loc>');
    // Pagefind's fragment of the page names its address and holds its views' text.
    const fragments = [...(await siteFiles(site.outDir))].filter(([file]) => file.startsWith('pagefind/fragment/')).map(([, text]) => text);
    expect(fragments.find((text) => text.includes('"/books-base/"'))).toMatch(/Shown where/);
  });
});

describe('hostile views, built', () => {
  let hostile: BuiltSite;

  beforeAll(async () => {
    // A megabyte of base: one view, then formulas no view uses.
    const filler = Array.from({ length: 28_000 }, (_, i) => `  unused${i}: rating * ${i} + 1000000`).join('\n');
    expect(Buffer.byteLength(filler)).toBeGreaterThan(1024 * 1024);
    hostile = await buildSite(
      await makeVault({
        'Loop.base': 'formulas:\n  a: formula.b + 1\n  b: formula.a + 1\nviews:\n  - type: table\n    name: Looping\n    order: [file.name, formula.a]\n',
        'Huge.base': `views:\n  - type: table\n    name: Everything\n    order: [file.name, rating]\nformulas:\n${filler}\n`,
        'Views.md': shared(['![[Loop.base]]', '', '![[Huge.base]]', '', '```dataview', 'TABLE rating', 'WHERE rating.year > 2000', '```'].join('\n')),
        'A.md': shared('A.', 'rating: 3\n'),
        'B.md': shared('B.', 'rating: 2024-05-01\n'),
      }),
    );
  });

  it('builds, reporting each by its file, and draws what it can', async () => {
    expect(hostile.code, hostile.output).toBe(0);
    expect(hostile.output).toMatch(/Loop\.base.*(cycle|itself|recurs|circular)/i);
    const html = await pageHtml(hostile, 'views');
    // The megabyte base is read and its view drawn: every note, its rating.
    expect(html).toContain('Everything');
    expect(html).toMatch(/<td>3<\/td>/);
  });
});
