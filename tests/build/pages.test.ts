import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { selectAll, select } from 'hast-util-select';
import { buildSite, listFiles, pageHtml, ROOT, type BuiltSite } from '../helpers/build.ts';

/* The sample garden in content/, built as a gardener would, checked against the contract's pages. */
let site: BuiltSite;
const page = async (url: string) => fromHtml(await pageHtml(site, url));
const text = (tree: ReturnType<typeof fromHtml>, selector: string) => selectAll(selector, tree).map((n) => toString(n).trim());

beforeAll(async () => {
  site = await buildSite(path.join(ROOT, 'content'));
});

describe('the sample garden', () => {
  it('builds every address of the contract', async () => {
    expect(site.code).toBe(0);
    const files = new Set((await listFiles(site.outDir)).map((f) => path.relative(site.outDir, f)));
    for (const file of [
      'index.html',
      'evergreen-notes/index.html',
      'cafe-deja-vu/index.html',
      '日本語のノート/index.html',
      'tags/index.html',
      'tags/plants/index.html',
      'tags/plants/shade/index.html',
      'tags/tools/obsidian/plugins/index.html',
      'states/seed/index.html',
      'states/bud/index.html',
      'states/evergreen/index.html',
      'moods/index.html',
      'moods/in-awe/index.html',
      'search/index.html',
      'rss.xml',
      'sitemap-index.xml',
      '404.html',
      'pagefind/pagefind-entry.json',
    ]) {
      expect(files.has(file), file).toBe(true);
    }
  });

  it('shows on a note page its title, state, mood, dates, tags, breadcrumbs, content, backlinks and related notes', async () => {
    const tree = await page('linking-your-thinking');
    expect(text(tree, 'h1')).toEqual(['Linking your thinking']);
    const state = select('.note-meta a.state', tree)!;
    expect(state.properties.href).toBe('/states/bud/');
    expect(toString(state).trim()).toBe('Bud');
    expect(select('svg.state-icon-bud[aria-hidden="true"]', state)).toBeDefined();
    expect(String(state.properties.title)).toMatch(/taking shape/);
    expect(select('.note-meta a.mood', tree)!.properties.href).toBe('/moods/curious/');
    expect(selectAll('.note-meta time', tree).map((t) => t.properties.dateTime)).toEqual(['2024-03-01T00:00:00Z', '2025-08-02T00:00:00Z']);
    expect(toString(select('.note-meta', tree)!).replace(/\s+/g, ' ')).toContain('planted 1 March 2024, tended 17 months later');
    expect(text(tree, '.note-tags a')).toEqual(['#links', '#writing/notes']);
    expect(text(tree, '.breadcrumbs a')).toEqual(['Welcome to the garden', 'Gardening in public', 'Evergreen notes']);
    expect(text(tree, '.note-body a.internal')).toContain('Evergreen notes');
    expect(text(tree, '.note-body .link-unresolved')).toEqual(['Someday note']);
    // Newest tended first, like every list.
    expect(text(tree, 'section[aria-labelledby="note.backlinks"] a')).toEqual(['Evergreen notes', 'How to Take Smart Notes']);
    expect(text(tree, 'section[aria-labelledby="note.related"] a')).toContain('Evergreen notes');
  });

  it('gives a long note a table of contents, and every note its neighbours by tended date', async () => {
    const tree = await page('callouts-and-formatting');
    expect(text(tree, '.toc a')).toEqual(['Tables', 'Lists and tasks', 'Code', 'Footnotes and highlights']);
    expect(selectAll('.toc a', tree).map((a) => a.properties.href)).toEqual(['#tables', '#lists-and-tasks', '#code', '#footnotes-and-highlights']);
    expect(select('.toc', await page('oak'))).toBeUndefined();
    const home = await page('');
    const order = text(home, '.note-list > li > a');
    const second = await page('gardening-in-public');
    const position = order.indexOf('Gardening in public');
    expect(position).toBeGreaterThan(0);
    expect(text(second, '.prev-next a[rel="prev"]')).toEqual([`← ${order[position - 1]}`]);
    expect(text(second, '.prev-next a[rel="next"]')).toEqual([`${order[position + 1]} →`]);
  });

  it('never repeats an id within a page', async () => {
    for (const file of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
      const ids = selectAll('[id]', fromHtml(await fs.readFile(file, 'utf8'))).map((n) => String(n.properties.id));
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
    }
  });

  it('lists notes newest tended first', async () => {
    const tree = await page('');
    const times = selectAll('.note-list time', tree).map((t) => Date.parse(String(t.properties.dateTime)));
    expect(times.length).toBeGreaterThan(5);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lists a tag with the notes of its narrower tags', async () => {
    const tree = await page('tags/plants');
    expect(text(tree, '.note-list > li > a').sort()).toEqual(['Braiding Sweetgrass', 'Ferns', 'Moss', 'Oak']);
  });

  it('groups moods whatever their case', async () => {
    const tree = await page('moods');
    expect(text(tree, '.mood-list a')).toContain('Calm');
    expect(text(tree, '.mood-list a').filter((m) => m.toLowerCase() === 'calm')).toHaveLength(1);
  });

  it('works without JavaScript everywhere but search: its only scripts are the theme toggle', async () => {
    for (const file of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
      const scripts = selectAll('script', fromHtml(await fs.readFile(file, 'utf8')));
      const others = scripts.filter((script) => script.properties.dataThemeScript === undefined);
      if (file.endsWith(`search${path.sep}index.html`)) expect(others.length).toBeGreaterThan(0);
      else expect(others, file).toEqual([]);
      expect(scripts.every((script) => !script.properties.src || others.includes(script)), file).toBe(true);
    }
  });

  it('copies the attachments shared notes use, and no other', async () => {
    const copied = (await listFiles(path.join(site.outDir, 'attachments'))).map((f) => path.basename(f)).sort();
    expect(copied).toHaveLength(2);
    expect(copied[0]).toMatch(/^fern-[0-9a-f]{8}\.svg$/);
    expect(copied[1]).toMatch(/^garden-sketch-[0-9a-f]{8}\.svg$/);
  });
});

describe('the weight budget of a note page', () => {
  it('stays under 40 KB of HTML and CSS, gzipped, with no JavaScript but the theme toggle', async () => {
    const notes = (await listFiles(site.outDir)).filter((f) => {
      const rel = path.relative(site.outDir, f);
      return rel.endsWith(`${path.sep}index.html`) && !/^(tags|states|moods|search)\b/.test(rel) && rel.split(path.sep).length === 2;
    });
    expect(notes.length).toBeGreaterThan(20);
    const gzip = (bytes: Buffer) => zlib.gzipSync(bytes, { level: 9 }).length;
    let heaviest = { file: '', bytes: 0 };
    for (const file of notes) {
      const html = await fs.readFile(file);
      const tree = fromHtml(html.toString('utf8'));
      expect(selectAll('script', tree).filter((script) => script.properties.dataThemeScript === undefined), file).toEqual([]);
      let bytes = gzip(html);
      for (const link of selectAll('link[rel~="stylesheet"]', tree)) bytes += gzip(await fs.readFile(path.join(site.outDir, String(link.properties.href))));
      if (bytes > heaviest.bytes) heaviest = { file: path.relative(site.outDir, file), bytes };
    }
    expect(heaviest.bytes, heaviest.file).toBeLessThan(40 * 1024);
  });
});
