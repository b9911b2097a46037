import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { makeVault, shared } from '../helpers/vault.ts';
import { buildSite, listFiles, pageHtml, ROOT, type BuiltSite } from '../helpers/build.ts';

/*
 * From vault to a live site: links that do not break (redirect pages), what search engines are
 * told (robots.txt, noindex, the sitemap), and a build that refuses to deploy an empty garden.
 */
const settings = (value: object) => ({ GARDEN_SETTINGS: JSON.stringify(value) });
const garden = () =>
  makeVault({
    'Gardening in public.md': shared('Public thinking. See [[Ferns]].', 'aliases: [Learning in public, Ferns, Tags]\ntags: [practice]\n'),
    'Ferns.md': shared('Ferns love shade & "quotes".', 'title: Ferns & <shade>\naliases: [Shade plants]\n'),
    'Moss.md': shared('Moss.', 'aliases: [Shade plants]\n'),
    'Private.md': '---\nshare: false\naliases: [Secret alias]\n---\nPrivate.',
  });

describe('redirects and search engines', () => {
  let site: BuiltSite;
  let hidden: BuiltSite;
  beforeAll(async () => {
    const vault = await garden();
    const redirects = { '/2019/old-ferns.html': 'Ferns', '/my%20moss/': 'Moss', '/moss/': 'Ferns', '/gone/': 'Nowhere' };
    site = await buildSite(vault, settings({ redirects }));
    hidden = await buildSite(vault, settings({ noindex: true }));
  });

  it('builds both', () => {
    expect(site.code, site.output).toBe(0);
    expect(hidden.code, hidden.output).toBe(0);
  });

  it("writes a redirect page at each alias and listed old address: refresh, canonical, noindex, a visible link", async () => {
    const tree = fromHtml(await pageHtml(site, 'learning-in-public'));
    expect(select('meta[http-equiv="refresh"]', tree)!.properties.content).toBe('0; url=/gardening-in-public/');
    expect(select('link[rel="canonical"]', tree)!.properties.href).toBe('https://garden.test/gardening-in-public/');
    expect(select('meta[name="robots"]', tree)!.properties.content).toBe('noindex');
    const link = select('body a', tree)!;
    expect(link.properties.href).toBe('/gardening-in-public/');
    expect(toString(link)).toBe('Gardening in public');
    // Titles are escaped; a listed address may be a file, and is decoded to the file it names.
    const ferns = await pageHtml(site, '2019/old-ferns.html');
    expect(ferns).toContain('<a href="/ferns/">Ferns &amp; &lt;shade&gt;</a>');
    expect(await pageHtml(site, 'my moss')).toContain('url=/moss/');
  });

  it('takes no address a note or the site owns, and says which alias or setting lost it', async () => {
    // /ferns/ is still the note, /moss/ too, and /tags/ the tag index.
    expect(await pageHtml(site, 'ferns')).toContain('<h1>Ferns &amp; &lt;shade&gt;</h1>');
    expect(await pageHtml(site, 'moss')).not.toContain('http-equiv');
    expect(await pageHtml(site, 'tags')).not.toContain('http-equiv');
    for (const line of [
      'Gardening in public.md: alias "Ferns" makes no redirect: /ferns/ is the page of Ferns.md',
      'Gardening in public.md: alias "Tags" makes no redirect: "tags" is the site\'s own address',
      'Ferns.md: alias "Shade plants" makes no redirect: /shade-plants/ is also an alias of Moss.md',
      'garden.config.ts: redirects["/moss/"] makes no redirect: /moss/ is the page of Moss.md',
      'garden.config.ts: redirects["/gone/"] makes no redirect: "Nowhere" is not a shared note',
    ]) {
      expect(site.output).toContain(line);
    }
    const files = (await listFiles(site.outDir)).map((f) => path.relative(site.outDir, f));
    expect(files.filter((f) => /shade-plants|secret-alias/.test(f))).toEqual([]);
    expect(site.output).toContain('redirects: 3 pages');
  });

  it('lets crawlers in by default: robots.txt allows all and names the sitemap; no page says noindex', async () => {
    expect(await fs.readFile(path.join(site.outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://garden.test/sitemap-index.xml\n');
    expect(await pageHtml(site, '')).not.toContain('name="robots"');
    expect(await pageHtml(site, 'ferns')).not.toContain('name="robots"');
  });

  it('lists in the sitemap the pages, not the 404 page, robots.txt or redirects', async () => {
    const sitemap = await fs.readFile(path.join(site.outDir, 'sitemap-0.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(urls).toContain('https://garden.test/ferns/');
    expect(urls).toContain('https://garden.test/');
    expect(urls.filter((u) => /404|robots|learning-in-public|old-ferns|my%20moss/.test(u!))).toEqual([]);
  });

  it('gives the 404 page no canonical link, and every other page its own', async () => {
    expect(await pageHtml(site, '404.html')).not.toContain('rel="canonical"');
    expect(select('link[rel="canonical"]', fromHtml(await pageHtml(site, 'ferns')))!.properties.href).toBe('https://garden.test/ferns/');
  });

  it('with noindex, asks every crawler to stay out, in robots.txt and on every page', async () => {
    expect(await fs.readFile(path.join(hidden.outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    const pages = (await listFiles(hidden.outDir)).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(8);
    for (const page of pages) {
      const robots = selectAll('meta[name="robots"]', fromHtml(await fs.readFile(page, 'utf8')));
      expect(robots.map((m) => m.properties.content), path.relative(hidden.outDir, page)).toEqual(['noindex']);
    }
  });
});

describe('a vault of long names', () => {
  // Names as long as a vault's file system allows (255 bytes), in Latin and Japanese, and the
  // addresses made from a note's words: its slug, aliases, tags, mood, attachments, old addresses.
  const japanese = '日本語のノート'.repeat(11); // 77 characters, 231 bytes
  const latin = 'Une très longue note sur le jardinage '.repeat(6).trim();
  const picture = `${'あ'.repeat(80)}.png`;
  let site: BuiltSite;
  beforeAll(async () => {
    const vault = await makeVault({
      [`${japanese}.md`]: shared(`![[${picture}]]\n\n## ${'見出し'.repeat(60)}\n\nText.`, `aliases: ["${'日本語の別名'.repeat(15)}"]\nmood: "${'穏やか'.repeat(40)}"\ntags: ["${'タグ'.repeat(60)}"]\n`),
      [`${latin.slice(0, 200)}.md`]: shared(`See [[${japanese}]].`, `aliases: ["${'a long alias '.repeat(25)}"]\n`),
      [picture]: new Uint8Array([137, 80, 78, 71]),
    });
    site = await buildSite(vault, settings({ redirects: { [`/${'old-'.repeat(60)}/`]: japanese } }));
  });

  it('builds, publishing every note, with no file or folder name over 255 bytes', async () => {
    expect(site.code, site.output).toBe(0);
    const files = (await listFiles(site.outDir)).map((file) => path.relative(site.outDir, file));
    expect(files.filter((file) => file.endsWith('index.html')).length).toBeGreaterThan(6);
    expect(files.filter((file) => file.startsWith('attachments/'))).toHaveLength(1);
    const tooLong = files.flatMap((file) => file.split(path.sep)).filter((segment) => Buffer.byteLength(segment) > 255);
    expect(tooLong).toEqual([]);
    expect(site.output).toMatch(/is too long for a web address; its redirect is at \//);
  });
});

describe('a garden that cannot be deployed', () => {
  /** The line the build fails with: the one error line, whatever else it printed. */
  const errorLines = (output: string) => output.split('\n').filter((line) => /\[ERROR\]|error/i.test(line) && !/warning/.test(line));

  it('fails on a missing vault folder, naming it and GARDEN_CONTENT_DIR in one line', async () => {
    const missing = path.join(os.tmpdir(), 'garden-no-such-vault');
    const result = await buildSite(missing);
    expect(result.code).not.toBe(0);
    expect(errorLines(result.output)).toEqual([
      expect.stringMatching(new RegExp(`\\[ERROR\\] \\[digital-garden\\] the vault folder ${missing} \\(set by GARDEN_CONTENT_DIR\\) does not exist: point GARDEN_CONTENT_DIR at the folder of your Obsidian vault$`)),
    ]);
    expect(result.output).not.toMatch(/Stack trace|at .*\.ts:\d+/);
    expect(await listFiles(result.outDir)).toEqual([]);
  });

  it('fails on a file where the vault folder should be', async () => {
    const vault = await makeVault({ 'a.md': shared('A.') });
    const result = await buildSite(path.join(vault, 'a.md'));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/the vault folder \S+a\.md \(set by GARDEN_CONTENT_DIR\) is not a folder/);
  });

  it('fails on an empty vault, and on a vault with no shared note with a hint about share: true', async () => {
    const empty = await buildSite(await makeVault({ 'picture.png': 'x' }));
    expect(empty.code).not.toBe(0);
    expect(empty.output).toMatch(/holds no notes \(\.md files\), so the site would be empty.*allowEmpty: true/);
    const unshared = await buildSite(await makeVault({ 'a.md': '---\nshare: false\n---\nA', 'b.md': 'B' }));
    expect(unshared.code).not.toBe(0);
    expect(errorLines(unshared.output)).toEqual([expect.stringMatching(/none of the 2 notes in the vault folder .* is shared, so the site would be empty: a note is published when its frontmatter says share: true; or set allowEmpty: true/)]);
  });

  it('builds an empty garden the gardener allows, with a search index that holds nothing', async () => {
    const vault = await makeVault({ 'a.md': '---\nshare: false\n---\nzqunsharedword' });
    // The sample's own site URL, title and author (garden.config.ts) are warned about.
    const result = await buildSite(vault, { ...settings({ allowEmpty: true }), GARDEN_SITE_URL: '' });
    expect(result.code, result.output).toBe(0);
    const entry = JSON.parse(await fs.readFile(path.join(result.outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: object };
    expect(entry.languages).toEqual({});
    expect((await listFiles(path.join(result.outDir, 'pagefind'))).filter((f) => /fragment|index\//.test(f))).toEqual([]);
    // Once: the build's own content-sync server does not index the garden too.
    expect(result.output.match(/search index: .*/g)).toEqual([expect.stringContaining('search index: 0 notes indexed')]);
    expect(result.output).toContain('siteUrl is the example https://garden.example.org');
    expect(result.output).toContain('title is still the sample\'s "The Tended Garden"');
    expect(result.output).toContain('author is still the sample\'s "The Gardener"');
  });
});

describe('npm run check', () => {
  const check = (cwd: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/check.ts')], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });

  it('prints a syntax error in garden.config.ts as the build does: a code frame and its location, no stack trace', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-config-'));
    const source = await fs.readFile(path.join(ROOT, 'garden.config.ts'), 'utf8');
    await fs.writeFile(path.join(dir, 'garden.config.ts'), source.replace(/(title: '[^']*'),/, '$1'));
    const result = check(dir);
    expect(result.status).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('garden.config.ts could not be loaded');
    expect(result.stderr).toContain('[PARSE_ERROR] Expected `,` or `}` but found `Identifier`');
    expect(result.stderr).toMatch(/╭─\[ garden\.config\.ts:\d+:3 \]/);
    expect(result.stderr).toMatch(/│ +description: 'Notes from a gardener/);
    expect(result.stderr).toContain(`Location:\n    ${path.join(dir, 'garden.config.ts')}:`);
    expect(result.stderr).not.toMatch(/\x1b\[|node:internal|at parseTypeScript|ERR_INVALID_TYPESCRIPT_SYNTAX/);
  });

  it('lists the pages bases get, each by its file and its address', async () => {
    const vault = await makeVault({ 'Books.base': 'views:\n  - type: table\n    name: All\n', 'Home.md': shared('[[Books.base]]'), 'Unnamed.base': 'views: []\n' });
    const result = check(ROOT, { GARDEN_CONTENT_DIR: vault });
    expect(result.stdout).toContain('\nBase pages (1):\n  Books.base  →  /books-base/\n');
  });

  it('says the build would fail on an empty or missing vault', () => {
    const result = check(ROOT, { GARDEN_CONTENT_DIR: path.join(os.tmpdir(), 'garden-no-such-vault') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The build would fail: the vault folder .* does not exist/);
  });
});
