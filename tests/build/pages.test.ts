import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { selectAll, select } from 'hast-util-select';
import { listFiles, pageHtml, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/* The sample garden (content/, copied to tests/fixtures/sample-garden/), built as a gardener would, checked against the contract's pages. */
let site: BuiltSite;
const page = async (url: string) => fromHtml(await pageHtml(site, url));
const text = (tree: ReturnType<typeof fromHtml>, selector: string) => selectAll(selector, tree).map((n) => toString(n).trim());

beforeAll(async () => {
  site = await sharedBuild(SAMPLE_GARDEN);
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
    // Its tooltip, and the description screen readers get, say what the stage means.
    expect(String(state.properties.dataTip)).toMatch(/taking shape/);
    const about = select(`#${String(state.properties.ariaDescribedBy)}`, tree);
    expect(toString(about!)).toBe(String(state.properties.dataTip));
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
    expect(text(second, '.prev-next a[rel="prev"]')).toEqual([`← Newer${order[position - 1]}`]);
    expect(text(second, '.prev-next a[rel="next"]')).toEqual([`Older →${order[position + 1]}`]);
  });

  it('quotes, under "Linked from", the words around each link to the note', async () => {
    const tree = await page('linking-your-thinking');
    const items = selectAll('.backlinks li', tree).map((li) => ({ from: toString(select('a', li)!), context: toString(select('.backlink-context', li)!) }));
    expect(items.map((i) => i.from)).toEqual(['Evergreen notes', 'How to Take Smart Notes']);
    // Each context is a passage of the linking note's own text that names this note.
    for (const { from, context } of items) {
      expect(context).toContain('Linking your thinking');
      const source = toString(select('.note-body', await page(from === 'Evergreen notes' ? 'evergreen-notes' : 'how-to-take-smart-notes'))!).replace(/\s+/g, ' ');
      expect(source).toContain(context.replace(/^…|…$/g, ''));
    }
  });

  it('draws each linked note\'s neighbourhood as SVG links to the notes it links with', async () => {
    const tree = await page('linking-your-thinking');
    const svg = select('section[aria-labelledby="note.graph"] figure svg', tree)!;
    const linked = selectAll('a', svg).map((a) => String(a.properties.href)).sort();
    const outgoing = selectAll('.note-body a.internal', tree).map((a) => String(a.properties.href).split('#')[0]!).filter((href) => href.startsWith('/'));
    const backlinks = selectAll('.backlinks a', tree).map((a) => String(a.properties.href));
    expect(linked).toEqual([...new Set([...outgoing, ...backlinks])].filter((href) => href !== '/linking-your-thinking/').sort());
    // The note itself is in the middle, marked but not a link; every node has a name.
    expect(select('g.current title', svg) && toString(select('g.current title', svg)!)).toMatch(/^Linking your thinking/);
    // Its <title> names each node, on hover and for screen readers (axe checks the names in look.test.ts).
    for (const node of selectAll('a', svg)) expect(toString(select(':scope > title', node)!)).toMatch(/\((Seed|Bud|Evergreen)\)$/);
    // A note without links has no graph.
    expect(select('section[aria-labelledby="note.graph"]', await page('untitled-thought'))).toBeUndefined();
  });

  it('opens the home page with the gardener\'s home note, and maps the garden: growth, links, recent notes, tags, moods, search', async () => {
    const home = await page('');
    const index = await page('index');
    expect(toString(select('.home-intro .note-body', home)!)).toBe(toString(select('.note-body', index)!).trim());
    const counts = Object.fromEntries(
      await Promise.all(['seed', 'bud', 'evergreen'].map(async (state) => [state, selectAll('.note-list > li', await page(`states/${state}`)).length])),
    );
    expect(selectAll('.growth a', home).map((a) => [String(a.properties.href), Number(toString(select('.count', a)!))])).toEqual(
      Object.entries(counts).map(([state, count]) => [`/states/${state}/`, count]),
    );
    expect(selectAll('.home-search input[name="q"]', home)).toHaveLength(1);
    expect(selectAll('section[aria-labelledby="home.map"] svg a', home).length).toBeGreaterThan(5);
    expect(text(home, '.tag-tree > li > a')).toContain('#plants');
    expect(text(home, 'section[aria-labelledby="home.moods"] a')).toContain('Curious');
  });

  it('maps the whole garden at /graph/, every node a link to a note page', async () => {
    const tree = await page('graph');
    const hrefs = selectAll('.graph svg a', tree).map((a) => String(a.properties.href));
    expect(hrefs.length).toBeGreaterThan(10);
    const files = new Set((await listFiles(site.outDir)).map((f) => path.relative(site.outDir, f)));
    for (const href of hrefs) expect(files.has(`${href.slice(1)}index.html`), href).toBe(true);
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

  it('works without JavaScript everywhere but search: its only scripts are the theme toggle, the folding menu, link previews, stacked notes and since your last visit', async () => {
    for (const file of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
      const scripts = selectAll('script', fromHtml(await fs.readFile(file, 'utf8')));
      const others = [];
      for (const script of scripts) {
        if (script.properties.dataThemeScript !== undefined || script.properties.dataMenuScript !== undefined) continue;
        if (await isEnhancement(script)) continue;
        others.push(script);
      }
      if (file.endsWith(`search${path.sep}index.html`)) expect(others.length).toBeGreaterThan(0);
      else expect(others, file).toEqual([]);
    }
  });

  it('copies the attachments shared notes use, and no other', async () => {
    const copied = (await listFiles(path.join(site.outDir, 'attachments'))).map((f) => path.basename(f)).sort();
    expect(copied).toHaveLength(2);
    expect(copied[0]).toMatch(/^fern-[0-9a-f]{8}\.svg$/);
    expect(copied[1]).toMatch(/^garden-sketch-[0-9a-f]{8}\.svg$/);
  });
});

/**
 * The code of an enhancement a page works without, served as its own file: link previews
 * (src/scripts/link-preview.ts), stacked notes (src/scripts/stacked-notes.ts) or since your last
 * visit (src/scripts/since-last-visit.ts); undefined for any other script.
 */
async function enhancementCode(script: ReturnType<typeof selectAll>[number]): Promise<string | undefined> {
  const src = script.properties.src;
  if (script.properties.type !== 'module' || typeof src !== 'string' || !src.startsWith('/_astro/')) return undefined;
  const code = await fs.readFile(path.join(site.outDir, src), 'utf8');
  const enhancements = ['className=`link-preview`', '[data-stacked-notes]', 'garden-visits:'];
  return enhancements.some((mark) => code.includes(mark)) ? code : undefined;
}
const isEnhancement = async (script: ReturnType<typeof selectAll>[number]) => (await enhancementCode(script)) !== undefined;

describe('the weight budget of a note page', () => {
  it('stays under 40 KB of HTML and CSS, gzipped, with no JavaScript but the theme toggle, the folding menu, link previews, stacked notes and since your last visit (each under 8 KB)', async () => {
    const gzip = (bytes: Buffer) => zlib.gzipSync(bytes, { level: 9 }).length;
    let heaviest = { file: '', bytes: 0 };
    let notes = 0;
    for (const file of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
      const html = await fs.readFile(file);
      const tree = fromHtml(html.toString('utf8'));
      if (!select('article.note', tree)) continue;
      notes++;
      let bytes = gzip(html);
      for (const script of selectAll('script', tree)) {
        if (script.properties.dataThemeScript !== undefined || script.properties.dataMenuScript !== undefined) continue;
        const code = await enhancementCode(script);
        expect(code, `${file}: a script that is not an enhancement`).toBeDefined();
        const enhancement = gzip(Buffer.from(code!));
        expect(enhancement).toBeLessThan(8 * 1024);
        bytes += enhancement;
      }
      for (const link of selectAll('link[rel~="stylesheet"]', tree)) bytes += gzip(await fs.readFile(path.join(site.outDir, String(link.properties.href))));
      if (bytes > heaviest.bytes) heaviest = { file: path.relative(site.outDir, file), bytes };
    }
    expect(notes).toBeGreaterThan(20);
    expect(heaviest.bytes, heaviest.file).toBeLessThan(40 * 1024);
  });
});
