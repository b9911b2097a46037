import { beforeAll, describe, expect, it } from 'vitest';
import { selectAll, select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'hast';
import type { Garden } from '../../src/garden/types.ts';
import { gardenOf, noteOf, noteTree, shared } from '../helpers/vault.ts';
import { VIEW_CANARIES, VIEWS_VAULT } from '../helpers/views-vault.ts';

/*
 * The vault's views wired into the garden (assemble/views/): a base embedded in a note, Dataview
 * blocks and inline queries evaluated over the shared notes only, drawn into the note's page, their
 * links made backlinks, their JavaScript never run. Expected rows are worked out by hand from
 * tests/helpers/views-vault.ts.
 */
let garden: Garden;
let library: Root;

const rowsOf = (table: Root | ReturnType<typeof select>) => selectAll('tbody tr:not(.view-group):not(.view-summary)', table!).map((tr) => selectAll('td', tr).map((td) => toString(td).trim()));
const figure = (name: string) => selectAll('figure.view', library).find((f) => toString(select('figcaption', f) ?? f).trim() === name);

beforeAll(async () => {
  garden = await gardenOf(VIEWS_VAULT);
  library = noteTree(garden, 'library');
});

describe('views of the vault in a note', () => {
  it('draws an embedded base: its filtered, sorted rows of shared notes, formulas and a summary over them only', () => {
    const all = figure('All books');
    expect(all, 'a figure captioned with the view name').toBeDefined();
    const rows = rowsOf(all as unknown as Root);
    expect(rows.map((row) => row[0])).toEqual([expect.stringMatching(/^Dune/), expect.stringMatching(/^Emma/)]);
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['5', '10'],
      ['3', '6'],
    ]);
    expect(select('th', all!)?.children).toBeDefined();
    expect(selectAll('th', all!).map((th) => toString(th))).toContain('Rating');
    // The sum of the shared books' ratings, 5 + 3: the private book's 1000 is in no value.
    expect(toString(select('.view-summary', all!)!)).toContain('8');
    expect(toString(all!)).not.toMatch(/1000|1008|500/);
    expect(select('a[href="/dune/"]', all!)).toBeTruthy();
  });

  it('groups by a property, and shows a link to a private note as the words the shared note wrote', () => {
    const byAuthor = figure('By author')!;
    const groups = selectAll('.view-group', byAuthor).map((g) => toString(g).trim());
    expect(groups).toEqual(['Herbert', 'Private Author']);
    expect(select('.view-group a[href="/herbert/"]', byAuthor)).toBeTruthy();
    expect(selectAll('a', byAuthor).map((a) => String(a.properties.href))).not.toContainEqual(expect.stringMatching(/private-author/));
  });

  it('evaluates Dataview blocks over the shared notes: a table with a named column, a list from a folder', () => {
    const tables = selectAll('figure.view-table', library).filter((f) => !select('figcaption', f));
    expect(tables).toHaveLength(1);
    expect(selectAll('th', tables[0]!).map((th) => toString(th).trim())).toContain('zqviewscore');
    expect(rowsOf(tables[0] as unknown as Root).map((row) => row.join(' '))).toEqual([expect.stringMatching(/Dune.*5/), expect.stringMatching(/Emma.*3/)]);
    const list = select('figure.view-list', library)!;
    expect(selectAll('li', list).map((li) => toString(li).trim())).toEqual(['Note A']);
  });

  it('answers an inline query in its sentence, and runs no JavaScript: dataviewjs blocks and $= queries are left out and reported', () => {
    const text = toString(library);
    expect(text).toMatch(/Rated 4 stars\./);
    expect(text).not.toContain('dv.');
    expect(text).not.toContain(VIEW_CANARIES.script);
    const told = garden.problems.filter((p) => p.file === 'Library.md').map((p) => p.message);
    expect(told).toContainEqual(expect.stringMatching(/dataviewjs block at line \d+; the garden never runs JavaScript/));
    expect(told).toContainEqual(expect.stringMatching(/inline Dataview JavaScript query at line \d+/));
  });

  it('shows the shared books’ covers from the vault on their cards, and publishes those images only', () => {
    const cards = selectAll('figure.view-cards li', library).map((li) => [toString(select('.view-card-title', li)!), select('img', li)?.properties.src]);
    const dune = garden.attachments.find((one) => one.fileName.startsWith('dune-'));
    expect(dune, 'Dune’s cover among the attachments').toBeDefined();
    expect(cards).toEqual([['Dune', dune!.url], ['Emma', undefined]]);
  });

  it('makes a view’s links backlinks, and publishes no .base file', () => {
    expect(noteOf(garden, 'dune').backlinks.map((b) => b.slug)).toContain('library');
    expect(noteOf(garden, 'emma').backlinks.map((b) => b.slug)).toContain('library');
    expect(garden.attachments.map((a) => a.fileName)).not.toContainEqual(expect.stringMatching(/\.base$/));
  });

  it('leaves nothing of a private note in the garden a site is made from: no row, name, title, value or count', () => {
    const published = JSON.stringify({ notes: garden.notes, basePages: garden.basePages, tags: [...garden.tags.values()], moods: garden.moods, attachments: garden.attachments });
    for (const word of Object.values(VIEW_CANARIES)) expect(published).not.toContain(word);
  });

  it('reads properties as the vault declares their types (.obsidian/types.json): one value of a list property is a list, a number written as text a number', async () => {
    const typed = await gardenOf({
      '.obsidian/types.json': JSON.stringify({ types: { categories: 'multitext', pages: 'number' } }),
      'Shelf.base': 'filters:\n  and:\n    - categories.contains(link("Books"))\n    - pages > 100\nviews:\n  - type: table\n    name: Long books\n    order: [file.name, pages]\n',
      'Books.md': shared('![[Shelf.base]]'),
      'One.md': shared('One.', 'categories: "[[Books]]"\npages: "250"\n'),
      'Two.md': shared('Two.', 'categories: ["[[Books]]"]\npages: 50\n'),
      'Three.md': shared('Three.', 'categories: ["[[Films]]"]\npages: 300\n'),
    });
    const figure = select('figure.view', noteTree(typed, 'books'))!;
    expect(rowsOf(figure as unknown as Root)).toEqual([['One', '250']]);
    expect(typed.problems.filter((p) => /Shelf/.test(p.file))).toEqual([]);
  });

  it('lists no task and reads no inline field that a comment hides on the page', async () => {
    const hidden = await gardenOf({
      'Tasks.md': shared('- [ ] shown task\n\n%% - [ ] zqhiddentask %%\n\n<!-- - [ ] zqhiddenhtml -->\n\nA line. %%[salary:: zqhiddenfield]%%\n\n[mood:: calm]'),
      'Board.md': shared(['```dataview', 'TASK', '```', '', '```dataview', 'TABLE salary, mood', 'FROM "Tasks"', '```'].join('\n')),
    });
    const board = toString(noteTree(hidden, 'board'));
    expect(board).toContain('shown task');
    expect(board).toContain('calm');
    expect(board).not.toMatch(/zqhidden/);
  });

  it('keeps inline code that only looks like a query as the code it is: `==`, `=>`, a spreadsheet formula', async () => {
    const code = await gardenOf({ 'Code.md': shared('Compare with `==`, map with `=>`, sum with `=SUM(A1:A3)`.') });
    const html = noteOf(code, 'code').html;
    expect(html).toContain('<code>==</code>');
    expect(html).toContain('<code>=></code>');
    expect(html).toContain('<code>=SUM(A1:A3)</code>');
    expect(html).not.toContain('view-unavailable');
  });

  it('reads a query fenced with tildes, and leaves a block in a language named like an object property as code', async () => {
    const fenced = await gardenOf({
      'Tilde.md': shared(['~~~dataview', 'LIST', 'FROM "Shelf"', '~~~', '', '~~~constructor', 'kept as code', '~~~'].join('\n')),
      'Shelf/Item.md': shared('On the shelf.'),
    });
    const html = noteOf(fenced, 'tilde').html;
    expect(html).toMatch(/<figure class="view view-list">.*Item/s);
    expect(html).toMatch(/<code[^>]*>kept as code/);
  });

  it('shows a card’s image from the vault, published like an attachment of its shared note; a private note’s image is never read', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cards = await gardenOf({
      'Covers.base': 'filters:\n  and:\n    - file.hasTag("book")\nviews:\n  - type: cards\n    name: Covers\n    image: cover\n    order: [file.name]\n',
      'Shelf.md': shared('![[Covers.base]]'),
      'Dune.md': shared('Dune.', 'tags: [book]\ncover: "[[dune cover.png]]"\n'),
      'zqcoverprivate.md': '---\nshare: false\ntags: [book]\ncover: "[[zqcoverimage.png]]"\n---\nPrivate.',
      'Images/dune cover.png': png,
      'Images/zqcoverimage.png': png,
    });
    const published = cards.attachments.map((one) => one.fileName);
    expect(published).toEqual([expect.stringMatching(/^dune-cover-[0-9a-f]{8}\.png$/)]);
    const image = select('figure.view-cards img', noteTree(cards, 'shelf'));
    expect(image?.properties.src).toBe(cards.attachments[0]!.url);
    expect(JSON.stringify(cards.notes)).not.toMatch(/zqcover/);
  });

  it('reads Dataview’s syntax only where the vault’s Obsidian runs Dataview: with its settings folder, only if community-plugins.json lists it', async () => {
    const note = shared(['Rated `= this.rating` [mood:: calm].', '', '```dataview', 'LIST', '```', '', '```dataviewjs', 'dv.paragraph("x")', '```'].join('\n'), 'rating: 4\n');
    const shown = async (settings: Record<string, string>) => noteOf(await gardenOf({ 'Note.md': note, ...settings }), 'note').html;
    const without = await shown({ '.obsidian/app.json': '{}', '.obsidian/community-plugins.json': '["calendar"]' });
    expect(without).toContain('<code>= this.rating</code>');
    expect(without).toContain('[mood:: calm]');
    expect(without).toMatch(/<code[^>]*>LIST/);
    expect(without).toMatch(/<code[^>]*>dv\.paragraph/);
    expect(without).not.toContain('figure');
    expect(await shown({ '.obsidian/app.json': '{}' }), 'no community plugin at all').toContain('[mood:: calm]');
    for (const settings of [{ '.obsidian/community-plugins.json': '["calendar", "dataview"]' }, {}] as Record<string, string>[]) {
      const html = await shown(settings);
      expect(html).toMatch(/Rated <span class="view-inline">4<\/span>/);
      expect(html).toContain('inline-field-value');
      expect(html).toContain('<figure class="view view-list">');
      expect(html).not.toContain('dv.paragraph');
    }
  });

  it('says so where a canvas text card holds a view, which only notes draw', async () => {
    const canvas = { nodes: [{ id: 'a', type: 'text', text: '```dataview\nLIST\n```', x: 0, y: 0, width: 300, height: 200 }], edges: [] };
    const board = await gardenOf({ 'Board.canvas': JSON.stringify(canvas), 'Home.md': shared('![[Board.canvas]]') });
    expect(noteOf(board, 'home').html).toContain('view-unavailable');
    expect(board.problems).toContainEqual(expect.objectContaining({ file: 'Board.canvas', message: expect.stringMatching(/views are drawn in notes only/) }));
  });
});


describe('a base’s own page', () => {
  const pageOf = (slug: string) => {
    const page = garden.basePages.find((one) => one.slug === slug);
    expect(page, `a page at /${slug}/ among ${garden.basePages.map((one) => one.slug).join(', ')}`).toBeDefined();
    return fromHtml(page!.html, { fragment: true });
  };

  it('is published for a base a shared note embeds or links, and for no other: not one only a private note names, not one nobody names', () => {
    expect(garden.basePages.map((page) => [page.path, page.slug, page.title])).toEqual([
      ['Books.base', 'books-base', 'Books'],
      ['Covers.base', 'covers-base', 'Covers'],
    ]);
  });

  it('shows every view of the base, each captioned and with an id a link lands on, over the shared notes only', () => {
    const page = pageOf('books-base');
    expect(selectAll('figure.view', page).map((f) => [toString(select('figcaption', f)!), f.properties.id])).toEqual([
      ['All books', 'view-all-books'],
      ['By author', 'view-by-author'],
      ['Shown where', 'view-shown-where'],
    ]);
    const all = select('figure#view-all-books', page)!;
    expect(rowsOf(all as unknown as Root).map((row) => row[0])).toEqual([expect.stringMatching(/^Dune/), expect.stringMatching(/^Emma/)]);
    expect(toString(select('.view-summary', all)!)).toContain('8');
    expect(toString(page)).not.toMatch(/1000|zqview/);
  });

  it('takes the base itself as `this`, as Obsidian does for a base opened on its own; an embed takes the note showing it (`file.name` with its extension, as Obsidian’s)', async () => {
    const onPage = selectAll('#view-shown-where li', pageOf('books-base')).map((li) => toString(li));
    expect(onPage).toEqual(['Dune: Books.base', 'Emma: Books.base']);
    const embedded = await gardenOf({ ...VIEWS_VAULT, 'Corner.md': shared('![[Books.base#Shown where]]') });
    expect(selectAll('figure.view li', noteTree(embedded, 'corner')).map((li) => toString(li))).toEqual(['Dune: Corner.md', 'Emma: Corner.md']);
  });

  it('is where a link to the base goes, at the view the link names', () => {
    const link = selectAll('a', library).find((a) => toString(a) === 'the authors');
    expect(link?.properties.href).toBe('/books-base/#view-by-author');
  });

  it('never takes a note’s address: a note that is there first keeps it, and links follow the base to its own', async () => {
    const taken = await gardenOf({
      'Books base.md': shared('A note that wants /books-base/.'),
      'Books.base': 'views:\n  - type: table\n    name: All\n',
      'Home.md': shared('[[Books.base]] and [the same](Books.base).'),
    });
    expect(noteOf(taken, 'books-base').title).toBe('Books base');
    expect(taken.basePages.map((page) => page.slug)).toEqual(['books-base-2']);
    expect(noteOf(taken, 'home').html.match(/href="[^"]*"/g)).toEqual(['href="/books-base-2/"', 'href="/books-base-2/"']);
  });

  it('says its views are not published when the base cannot be read, and the link to it still lands', async () => {
    const broken = await gardenOf({ 'Broken.base': 'views: [unclosed', 'Home.md': shared('[[Broken.base]]') });
    expect(broken.basePages.map((page) => [page.slug, page.html])).toEqual([['broken-base', expect.stringContaining('view-unavailable')]]);
    expect(broken.problems).toContainEqual(expect.objectContaining({ file: 'Broken.base' }));
  });
});
