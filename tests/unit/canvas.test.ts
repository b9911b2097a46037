import { describe, expect, it, vi } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { gardenOf, shared, noteOf as note, noteTree as tree, problemsOf } from '../helpers/vault.ts';
import { LIMITS, parseCanvas } from '../../src/garden/render/canvas/json-canvas.ts';

/*
 * Canvases (JSON Canvas 1.0, Obsidian's `.canvas` files): read and bounded, drawn as static SVG
 * boards where shared notes embed them, linked to from other notes, and never a way for a private
 * note to reach the site.
 */

/** Every file the garden reads, so a test can count how often a canvas is read. */
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = ((file: Parameters<typeof fs.readFile>[0], ...rest: unknown[]) => {
    reads.push(String(file));
    return (fs.readFile as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, readFile, default: { ...fs, readFile } };
});

const canvas = (nodes: unknown[], edges: unknown[] = []) => JSON.stringify({ nodes, edges });
const box = (id: string, x = 0, y = 0, width = 200, height = 100) => ({ id, x, y, width, height });

/** A board with one of everything. */
const BOARD = canvas(
  [
    { ...box('group', -40, -40, 720, 520), type: 'group', label: 'Ideas', color: '4' },
    { ...box('text'), type: 'text', text: '# A heading\n\nSome **bold** words and [[Oak]].\n\n- one\n- two', color: '1' },
    { ...box('oak', 400, 0), type: 'file', file: 'Trees/Oak.md', color: '#3366ff' },
    { ...box('oak-part', 400, 140), type: 'file', file: 'Trees/Oak.md', subpath: '#Roots' },
    { ...box('picture', 0, 200), type: 'file', file: 'pictures/fern.png' },
    { ...box('paper', 0, 340, 200, 60), type: 'file', file: 'paper.pdf' },
    { ...box('web', 400, 300), type: 'link', url: 'https://obsidian.md/canvas' },
  ],
  [
    { id: 'e1', fromNode: 'text', fromSide: 'right', toNode: 'oak', toSide: 'left', label: 'grows into' },
    { id: 'e2', fromNode: 'text', toNode: 'picture', fromEnd: 'arrow', toEnd: 'arrow', color: '5' },
    { id: 'e3', fromNode: 'oak', toNode: 'web', toEnd: 'none' },
  ],
);

const boardVault = (extra: Record<string, string> = {}) => ({
  'Home.md': shared('Before the board.\n\n![[Board.canvas]]\n\nAfter the board.'),
  'Trees/Oak.md': shared('## Roots\n\nDeep.', 'title: The Oak Tree\n'),
  'pictures/fern.png': 'not really a png',
  'paper.pdf': '%PDF',
  'Board.canvas': BOARD,
  ...extra,
});

describe('reading a canvas', () => {
  it('reads every node type and edge of JSON Canvas 1.0, with Obsidian\'s defaults for edge ends', () => {
    const { canvas: read, problems } = parseCanvas(BOARD);
    expect(problems).toEqual([]);
    expect(read!.nodes.map((n) => n.type)).toEqual(['group', 'text', 'file', 'file', 'file', 'file', 'link']);
    expect(read!.nodes[0]).toMatchObject({ label: 'Ideas', color: { preset: 4 } });
    expect(read!.nodes[2]).toMatchObject({ color: { hex: '#3366ff' } });
    expect(read!.edges.map((e) => [e.fromEnd, e.toEnd])).toEqual([['none', 'arrow'], ['arrow', 'arrow'], ['none', 'none']]);
    expect(read!.edges[0]).toMatchObject({ fromSide: 'right', toSide: 'left', label: 'grows into' });
  });

  it('reports what is not JSON Canvas and keeps what is', () => {
    expect(parseCanvas('{ "nodes": [').problems[0]).toMatch(/^is not valid JSON, so no board is drawn/);
    expect(parseCanvas('[1, 2]').problems).toEqual(['is not a JSON Canvas (its JSON is not an object), so no board is drawn']);
    expect(parseCanvas('{}')).toEqual({ canvas: { nodes: [], edges: [] }, problems: [] });
    const { canvas: read, problems } = parseCanvas(
      canvas(
        [
          { ...box('a'), type: 'text', text: 'kept' },
          { ...box('b'), type: 'sticker', text: 'unknown type' },
          { ...box('a'), type: 'text', text: 'same id' },
          { id: 'c', type: 'text', text: 'no position' },
          { ...box('d'), type: 'file' },
          { ...box('e'), type: 'link', url: 'https://example.com', color: 'chartreuse' },
          'not an object',
        ],
        [
          { id: 'e1', fromNode: 'a', toNode: 'b' },
          { id: 'e2', fromNode: 'a', toNode: 'e', fromSide: 'middle', toEnd: 'sideways' },
        ],
      ),
    );
    expect(read!.nodes.map((n) => n.id)).toEqual(['a', 'e']);
    expect(read!.nodes[1]!.color).toBeUndefined();
    expect(read!.edges).toEqual([{ id: 'e2', fromNode: 'a', toNode: 'e', fromEnd: 'none', toEnd: 'arrow' }]);
    expect(problems).toEqual([
      'has a node "b" of type "sticker", which JSON Canvas 1.0 does not define; left out',
      'has two nodes with the id "a"; the second is left out',
      'has a node "c" without numbers for x, y, width and height; left out',
      'has a file node "d" without "file"; left out',
      'has a node 7 that is not an object; left out',
      'has an edge "e1" between nodes it does not draw; left out',
    ]);
  });

  // What it asserts is the bounds of the output, not the time reading 200 MB of text takes: vitest's 5 s default is a clock.
  it('bounds a hostile canvas: its nodes, edges, coordinates, sizes, text and reports', { timeout: 60_000 }, () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => ({ ...box(`n${i}`, (i % 100) * 10, Math.floor(i / 100) * 10, 5, 5), type: 'text', text: 'x'.repeat(20_000) }));
    nodes[1] = { ...box('far', 1e300, -1e300), type: 'text', text: 'far away' };
    nodes[2] = { ...box('huge', 0, 0, 1e9, 1e9), type: 'text', text: 'huge' };
    const edges = Array.from({ length: 50_000 }, (_, i) => ({ id: `e${i}`, fromNode: 'n0', toNode: `n${(i % 300) + 3}` }));
    const { canvas: read, problems } = parseCanvas(canvas(nodes, edges));
    expect(read!.nodes.length).toBe(LIMITS.nodes - 2);
    expect(read!.edges.length).toBe(LIMITS.edges);
    for (const node of read!.nodes) {
      expect(Math.abs(node.x)).toBeLessThanOrEqual(LIMITS.coordinate);
      expect(node.width).toBeLessThanOrEqual(LIMITS.size);
    }
    const text = read!.nodes.reduce((sum, n) => sum + (n.type === 'text' ? n.text.length : 0), 0);
    expect(text).toBeLessThanOrEqual(LIMITS.totalText);
    expect(problems.length).toBe(LIMITS.reports + 1);
    expect(problems[0]).toBe(`has 10000 nodes; the first ${LIMITS.nodes} are drawn, the rest left out`);
    expect(problems.at(-1)).toMatch(/^… and \d+ more problems of the same kinds$/);
  });
});

describe('a canvas embedded in a shared note', () => {
  it('is drawn in place as an SVG board that scales to the column: cards, groups, edges and labels', async () => {
    const garden = await gardenOf(boardVault());
    const html = tree(garden, 'home');
    const figure = select('figure.canvas', html)!;
    expect(figure).toBeDefined();
    expect(toString(select('figcaption', figure)!)).toBe('Board');
    const svg = select('svg.canvas-board', figure)!;
    expect(String(svg.properties.viewBox)).toMatch(/^-?\d+(\.\d)? -?\d+(\.\d)? \d+(\.\d)? \d+(\.\d)?$/);
    // The text around the embed stays on either side of it.
    expect(note(garden, 'home').html.indexOf('Before the board.')).toBeLessThan(note(garden, 'home').html.indexOf('<figure class="canvas"'));
    expect(note(garden, 'home').html.indexOf('After the board.')).toBeGreaterThan(note(garden, 'home').html.indexOf('</figure>'));

    // A group: a frame with its label, in its preset colour.
    expect(toString(select('.canvas-group .canvas-group-label', svg)!)).toBe('Ideas');
    expect(select('.canvas-group', svg)!.properties.className).toContain('canvas-color-4');
    // A text card: its Markdown rendered by the garden, its heading a bold line without an id.
    const text = select('.canvas-text foreignObject .canvas-card', svg)!;
    expect(select('strong', text) && toString(select('strong', text)!)).toBe('bold');
    expect(select('a.internal[href="/oak/"]', text)).toBeDefined();
    expect(selectAll('li', text)).toHaveLength(2);
    expect(selectAll('h1, h2, h3, [id]', text)).toEqual([]);
    expect(toString(select('p.canvas-heading', text)!)).toBe('A heading');
    // Note cards: links with the note's title, to a heading when the card names one.
    const notes = selectAll('.canvas-note a.internal', svg);
    expect(notes.map((a) => [toString(a), a.properties.href])).toEqual([
      ['The Oak Tree', '/oak/'],
      ['The Oak Tree', '/oak/#roots'],
    ]);
    expect(select('.canvas-note > rect', svg)!.properties).toMatchObject({ stroke: '#3366ff', fill: '#3366ff' });
    // An image card is the image, copied; another file is a link to the copy.
    const image = select('.canvas-image img', svg)!;
    expect(image.properties.src).toMatch(/^\/attachments\/fern-[0-9a-f]{8}\.png$/);
    expect(image.properties.alt).toBe('fern');
    expect(select('.canvas-file a.attachment', svg)!.properties.href).toMatch(/^\/attachments\/paper-[0-9a-f]{8}\.pdf$/);
    expect(garden.attachments.map((a) => a.fileName).sort()).toEqual([expect.stringMatching(/^fern-/), expect.stringMatching(/^paper-/)]);
    // A link card: an external link.
    expect(select('.canvas-link a.external', svg)!.properties.href).toBe('https://obsidian.md/canvas');
    // Edges: curves, arrowheads where the file (or Obsidian's default) says, and labels.
    expect(selectAll('.canvas-edge .canvas-edge-line', svg)).toHaveLength(3);
    expect(selectAll('.canvas-edge .canvas-arrow', svg)).toHaveLength(3);
    expect(selectAll('.canvas-edge', svg)[1]!.properties.className).toContain('canvas-color-5');
    expect(selectAll('.canvas-edge-label', svg).map((t) => toString(t))).toEqual(['grows into']);
    // No script, no event handler, no style of the canvas's own, no ids but the board's.
    expect(note(garden, 'home').html).not.toMatch(/<script|\son[a-z]+=|<marker|\sid="(?!canvas-board-)/i);
    expect(figure.properties.id).toMatch(/^canvas-board-[0-9a-f]{8}$/);
    expect(garden.problems).toEqual([]);
  });

  it('is never published as its JSON: the .canvas file is not an attachment', async () => {
    const garden = await gardenOf(boardVault({ 'Other.md': shared('[raw](Board.canvas) and <img src="Board.canvas">') }));
    expect(garden.attachments.some((a) => /canvas/i.test(a.fileName) || a.source.endsWith('.canvas'))).toBe(false);
    expect(note(garden, 'other').html).not.toMatch(/\.canvas/);
  });

  it('is read once per build, however many notes embed it', async () => {
    reads.length = 0;
    await gardenOf(boardVault({ 'Two.md': shared('![[Board.canvas]]'), 'Three.md': shared('![[Board]] and again ![[Board.canvas]]') }));
    expect(reads.filter((file) => file.endsWith('Board.canvas'))).toHaveLength(1);
  });

  it('embedded by name alone when no note has that name; a note of that name wins', async () => {
    const garden = await gardenOf({ ...boardVault({ 'Home.md': shared('![[Board]]') }) });
    expect(select('figure.canvas svg', tree(garden, 'home'))).toBeDefined();
    const withNote = await gardenOf(boardVault({ 'Home.md': shared('![[Board]]'), 'Board.md': shared('I am the note.') }));
    expect(select('figure.canvas', tree(withNote, 'home'))).toBeUndefined();
    expect(note(withNote, 'home').html).toContain('I am the note.');
  });

  it('gives its id once per page, so a board shown twice makes no duplicate ids', async () => {
    const garden = await gardenOf(boardVault({ 'Home.md': shared('![[Board.canvas]]\n\n![[Board.canvas]]') }));
    const figures = selectAll('figure.canvas', tree(garden, 'home'));
    expect(figures).toHaveLength(2);
    expect(figures.map((f) => f.properties.id === undefined)).toEqual([false, true]);
  });

  it('makes its page link the math stylesheet when a text card has math, and embeds shared notes in cards', async () => {
    const garden = await gardenOf({
      'Home.md': shared('![[Board.canvas]]'),
      'Plain.md': shared('No board here.'),
      'Embedded.md': shared('Words of the embedded note.'),
      'Board.canvas': canvas([
        { ...box('m'), type: 'text', text: 'Euler: $e^{i\\pi} + 1 = 0$' },
        { ...box('e', 300), type: 'text', text: '![[Embedded]]\n\n![[Board.canvas]]' },
      ]),
    });
    expect(note(garden, 'home').hasMath).toBe(true);
    expect(note(garden, 'plain').hasMath).toBeUndefined();
    const card = selectAll('.canvas-text .canvas-card', tree(garden, 'home'))[1]!;
    expect(toString(select('.embed', card)!)).toContain('Words of the embedded note.');
    // The board embedding itself from a card is drawn once, not forever.
    expect(selectAll('figure.canvas', tree(garden, 'home'))).toHaveLength(1);
  });
});

describe('links to a canvas', () => {
  it('go to the board on the linking note\'s own page, else on the first shared note that embeds it', async () => {
    const garden = await gardenOf(
      boardVault({
        'A first.md': shared('![[Board.canvas]]'),
        'Home.md': shared('See [[Board]] or [[Board.canvas|the board]].\n\n![[Board.canvas]]'),
        'Reader.md': shared('Go to [[Board.canvas]] or [the board](Board.canvas).'),
      }),
    );
    const id = select('figure.canvas', tree(garden, 'home'))!.properties.id;
    const own = selectAll('p a.internal', tree(garden, 'home')).slice(0, 2).map((a) => [toString(a), a.properties.href]);
    expect(own).toEqual([
      ['Board', `/home/#${id}`],
      ['the board', `/home/#${id}`],
    ]);
    const reader = selectAll('a.internal', tree(garden, 'reader')).map((a) => [toString(a), a.properties.href]);
    expect(reader).toEqual([
      ['Board.canvas', `/a-first/#${id}`],
      ['the board', `/a-first/#${id}`],
    ]);
    expect(note(garden, 'reader').excerpt).toBe('Go to Board.canvas or the board.');
  });

  it('stay text, reported, when no shared note shows the canvas or it cannot be drawn', async () => {
    const garden = await gardenOf({
      'Reader.md': shared('[[Lonely.canvas]] and [[Broken]].'),
      'Lonely.canvas': BOARD,
      'Broken.canvas': '{ nope',
      'Shows broken.md': shared('![[Broken.canvas]]'),
    });
    expect(selectAll('.link-unresolved', tree(garden, 'reader')).map((s) => toString(s))).toEqual(['Lonely.canvas', 'Broken']);
    expect(problemsOf(garden, 'Reader.md')).toEqual([
      'links to the canvas "Broken", which no shared note shows; the link is shown as text (embed it with ![[…]] in a shared note to publish it)',
      'links to the canvas "Lonely.canvas", which no shared note shows; the link is shown as text (embed it with ![[…]] in a shared note to publish it)',
    ]);
    expect(problemsOf(garden, 'Broken.canvas')[0]).toMatch(/^is not valid JSON, so no board is drawn/);
    expect(note(garden, 'shows-broken').html).toBe('');
    expect(garden.attachments).toEqual([]);
  });
});

describe('a canvas the garden cannot fully trust', () => {
  it('is reported by file and never fails the build: unknown node types are left out, the rest drawn', async () => {
    const garden = await gardenOf({
      'Home.md': shared('Text.\n\n![[Board.canvas]]'),
      'Board.canvas': canvas([{ ...box('ok'), type: 'text', text: 'Valid card' }, { ...box('odd', 300), type: 'portal', text: 'Not drawn' }]),
    });
    expect(note(garden, 'home').html).toContain('Valid card');
    expect(note(garden, 'home').html).not.toContain('Not drawn');
    expect(problemsOf(garden, 'Board.canvas')).toEqual(['has a node "odd" of type "portal", which JSON Canvas 1.0 does not define; left out']);
  });

  it('runs no script and links nowhere but the web: scripts in text cards are sanitized, javascript: link cards are text', async () => {
    const garden = await gardenOf({
      'Home.md': shared('![[Board.canvas]]'),
      'Board.canvas': canvas(
        [
          { ...box('t'), type: 'text', text: 'Hi <script>alert(1)</script><img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a> <svg><script>alert(4)</script></svg> <div style="position:fixed">s</div> <iframe src="https://evil.test"></iframe>' },
          { ...box('j', 300), type: 'link', url: 'javascript:alert(5)' },
          { ...box('d', 300, 200), type: 'link', url: 'data:text/html,<script>alert(6)</script>' },
          { ...box('f', 0, 200), type: 'file', file: '../../etc/passwd' },
          { ...box('g', 600, 0), type: 'group', label: '<script>alert(7)</script>', background: 'javascript:alert(8)' },
        ],
        [{ id: 'e', fromNode: 't', toNode: 'j', label: '"><script>alert(9)</script>', color: 'red;stroke:url(javascript:alert(10))' }],
      ),
    });
    const html = note(garden, 'home').html;
    expect(html).not.toMatch(/<script|<iframe|\son[a-z]+=|javascript:alert\(\d\)"|href="data:|style="position/i);
    const svg = select('svg.canvas-board', tree(garden, 'home'))!;
    expect(selectAll('a[href]', svg)).toEqual([]);
    // What a visitor reads is the text, escaped.
    expect(toString(select('.canvas-link', svg)!)).toBe('javascript:alert(5)');
    expect(toString(select('.canvas-group-label', svg)!)).toBe('<script>alert(7)</script>');
    expect(select('.canvas-edge-line', svg)!.properties.stroke).toBeUndefined();
    expect(problemsOf(garden, 'Board.canvas')).toEqual([
      'has a card of "../../etc/passwd", which is not in the vault; it is drawn as an empty card',
      'has a group whose background "javascript:alert(8)" is not an image in the vault; it is drawn without it',
      'has a link card to "data:text/html,<script>alert(6)</script>", which is not a web address (http or https); it is shown as text',
      'has a link card to "javascript:alert(5)", which is not a web address (http or https); it is shown as text',
      // `<img src=x>`, reported as a note's would be.
      'links to "x", which is not in the vault',
    ]);
  });

  it('of 10,000 nodes at huge coordinates is drawn bounded, and quickly', async () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => ({ ...box(`n${i}`, (i % 100) * 250, Math.floor(i / 100) * 150), type: 'text', text: `card ${i} **words**` }));
    nodes[0] = { ...box('far', 9e15, 9e15), type: 'text', text: 'far away' };
    const started = performance.now();
    const garden = await gardenOf({ 'Home.md': shared('![[Board.canvas]]'), 'Board.canvas': canvas(nodes) });
    const seconds = (performance.now() - started) / 1000;
    const svg = select('svg.canvas-board', tree(garden, 'home'))!;
    expect(selectAll('.canvas-node', svg).length).toBeLessThanOrEqual(LIMITS.nodes);
    const [, , width, height] = String(svg.properties.viewBox).split(' ').map(Number);
    expect(width).toBeLessThanOrEqual(2 * LIMITS.coordinate + LIMITS.size + 100);
    expect(height).toBeLessThanOrEqual(2 * LIMITS.coordinate + LIMITS.size + 100);
    expect(note(garden, 'home').html).not.toContain('far away');
    expect(note(garden, 'home').html.length).toBeLessThan(2_000_000);
    expect(problemsOf(garden, 'Board.canvas').length).toBeLessThanOrEqual(LIMITS.reports + 1);
    expect(seconds).toBeLessThan(60);
  });

  it('larger than the limit is not read at all', async () => {
    const garden = await gardenOf({ 'Home.md': shared('Before.\n\n![[Big.canvas]]'), 'Big.canvas': `{"nodes":[],"pad":"${'x'.repeat(LIMITS.bytes)}"}` });
    expect(problemsOf(garden, 'Big.canvas')).toEqual(['is 2.0 MB, more than the 2 MB a canvas may be; no board is drawn']);
    expect(note(garden, 'home').html).toBe('<p>Before.</p>\n');
  });
});

describe('links on a board', () => {
  it("are links of the page that shows it: its note cards and its text cards' links list that note among their backlinks", async () => {
    const garden = await gardenOf(
      boardVault({
        'Board.canvas': canvas([
          { ...box('oak'), type: 'file', file: 'Trees/Oak.md' },
          { ...box('text', 300), type: 'text', text: 'Beside [[Pine]], and inside: ![[Inner.canvas]]' },
        ]),
        'Inner.canvas': canvas([{ ...box('fir'), type: 'file', file: 'Trees/Fir.md' }]),
        'Trees/Pine.md': shared('Pine.'),
        'Trees/Fir.md': shared('Fir.'),
        'Trees/Yew.md': shared('Yew.'),
        // A link to the canvas is not a board on the page: nothing on it is this note's link.
        'Linker.md': shared('See [[Board]] and [[Yew]].'),
      }),
    );
    const byPath = (path: string) => garden.notes.find((n) => n.path === path)!;
    const home = byPath('Home.md');
    for (const tree of ['Trees/Oak.md', 'Trees/Pine.md', 'Trees/Fir.md']) {
      expect(home.outgoing).toContain(byPath(tree).slug);
      expect(byPath(tree).backlinks.map((b) => b.slug)).toContain(home.slug);
    }
    expect(byPath('Trees/Oak.md').backlinks.map((b) => b.slug)).not.toContain(byPath('Linker.md').slug);
    expect(byPath('Trees/Yew.md').backlinks.map((b) => b.slug)).toEqual([byPath('Linker.md').slug]);
  });

  it('count only from the boards the page draws: nested boards as deep as embeds go', async () => {
    // Board 1 on the page holds board 2 in a text card, and so on: each shows a card of its own note.
    const level = (n: number) => canvas([{ ...box(`n${n}`), type: 'file', file: `Level ${n}.md` }, ...(n < 4 ? [{ ...box('next', 300), type: 'text', text: `![[Board ${n + 1}.canvas]]` }] : [])]);
    const garden = await gardenOf(Object.fromEntries([
      ['Home.md', shared('![[Board 1.canvas]]')],
      ...[1, 2, 3, 4].flatMap((n) => [[`Board ${n}.canvas`, level(n)], [`Level ${n}.md`, shared(`Level ${n}.`)]]),
    ]));
    const home = garden.notes.find((n) => n.path === 'Home.md')!;
    const shown = selectAll('.canvas-note a.internal', tree(garden, 'home')).map((a) => a.properties.href);
    expect(shown).toEqual(['/level-1/', '/level-2/', '/level-3/']);
    expect(home.outgoing.sort()).toEqual(['level-1', 'level-2', 'level-3']);
  });

  it('never make a private note a link or a backlink', async () => {
    const garden = await gardenOf({
      'Home.md': shared('![[Board.canvas]]'),
      'zqprivate.md': '---\nshare: false\n---\nzqwords [[Home]]',
      'Board.canvas': canvas([
        { ...box('private'), type: 'file', file: 'zqprivate.md' },
        { ...box('text', 300), type: 'text', text: 'See [[zqprivate|a thought]].' },
      ]),
    });
    const home = garden.notes.find((n) => n.path === 'Home.md')!;
    expect(home.outgoing).toEqual([]);
    expect(home.backlinks).toEqual([]);
    expect(JSON.stringify(garden.notes)).not.toContain('zq');
  });
});

describe('privacy', () => {
  it('a card of a private note shows nothing of it: not its title, file name, folder, slug or words', async () => {
    const garden = await gardenOf({
      'Home.md': shared('![[Board.canvas]]'),
      'zqfolder/zqfilename.md': '---\nshare: false\ntitle: zqtitle\nslug: zqslug\naliases: [zqalias]\n---\nzqwords ![[zqpicture.png]]',
      'zqpicture.png': 'zqbytes',
      'Board.canvas': canvas(
        [
          { ...box('private'), type: 'file', file: 'zqfolder/zqfilename.md', subpath: '#zqheading', color: '2' },
          { ...box('missing', 300), type: 'file', file: 'nowhere/absent.md', color: '2' },
          { ...box('shared', 0, 200), type: 'text', text: 'Public words.' },
        ],
        [{ id: 'e', fromNode: 'shared', toNode: 'private', label: 'public label' }],
      ),
    });
    const html = note(garden, 'home').html;
    expect(html).toContain('Public words.');
    expect(html).toContain('public label');
    // Everything a page could show, the garden's whole model but the gardener's own report.
    const published = JSON.stringify({ ...garden, problems: [], private: [] }, (_, value: unknown) => (value instanceof Map ? [...value] : value));
    expect(published).not.toMatch(/zq/);
    // A private note's card and a missing note's card are the same empty card.
    const cards = selectAll('.canvas-empty', tree(garden, 'home'));
    expect(cards).toHaveLength(2);
    const strip = (element: (typeof cards)[number]) => JSON.stringify({ ...element, position: undefined, children: element.children.map((c) => ({ ...c, position: undefined, properties: { ...('properties' in c ? c.properties : {}), x: 0 } })) });
    expect(strip(cards[0]!)).toBe(strip(cards[1]!));
    expect(selectAll('.canvas-empty foreignObject', tree(garden, 'home'))).toEqual([]);
    // Only the gardener is told.
    expect(problemsOf(garden, 'Board.canvas')).toEqual([
      'has a card of "nowhere/absent.md", which is not in the vault; it is drawn as an empty card',
      'has a card of "zqfolder/zqfilename.md", a private note; it is drawn as an empty card',
    ]);
    expect(garden.attachments).toEqual([]);
  });
});
