import { describe, expect, it } from 'vitest';
import { evaluateBase } from '../../../src/garden/assemble/views/bases/evaluate-base.ts';
import type { ViewNote } from '../../../src/garden/assemble/views/types.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { names, table, words } from './cells.ts';

/*
 * Bases views (help.obsidian.md, "Views", "Bases syntax"): table, cards, list, and a map shown as a
 * list; sorting, limits, groups, display names and summaries. Expected rows worked out by hand.
 */

// The example base of the "Bases syntax" page, whole.
const SYNTAX_EXAMPLE = `filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
properties:
  status:
    displayName: Status
  formula.formatted_price:
    displayName: "Price"
  file.ext:
    displayName: Extension
summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: "My table"
    limit: 10
    groupBy:
      property: note.age
      direction: DESC
    filters:
      and:
        - 'status != "done"'
        - or:
            - "formula.ppu > 5"
            - "price > 2.1"
    order:
      - file.name
      - file.ext
      - note.age
      - formula.ppu
      - formula.formatted_price
    summaries:
      formula.ppu: Average
`;

const shop: ViewNote[] = [
  // Tagged #tag; ppu 12/2 = "6.00" > 5.
  viewNote('Shop/A.md', { tags: ['tag'], properties: { price: 12, age: 2, status: 'open' } }),
  // #book linking Textbook; ppu "1.00", but price 3 > 2.1.
  viewNote('Shop/B.md', { tags: ['book'], links: ['Textbook.md'], properties: { price: 3, age: 3, status: 'open' } }),
  // No tag (the `not` group), but done.
  viewNote('Shop/C.md', { properties: { price: 50, age: 5, status: 'done' } }),
  // A book in Required Reading linking nothing: no group of the global filter holds.
  viewNote('Required Reading/D.md', { tags: ['book'], properties: { price: 100, age: 1, status: 'open' } }),
  // Passes the global filter, but ppu "0.50" and price 1.
  viewNote('Shop/E.md', { properties: { price: 1, age: 2, status: 'open' } }),
  // A nested tag (#tag/nested); ppu "0.50", price 2.5 > 2.1.
  viewNote('Shop/F.md', { tags: ['tag/nested'], properties: { price: 2.5, age: 5, status: 'open' } }),
  // Passes the global filter; no price, so neither ppu > 5 nor price > 2.1.
  viewNote('Textbook.md'),
];

describe('Bases views', () => {
  it('evaluates the Bases syntax page’s example: filters, formulas, display names, groups (DESC) and an Average summary', () => {
    const { views, problems } = evaluateBase(SYNTAX_EXAMPLE, viewContext(shop));
    expect(problems).toEqual([]);
    const [view] = views;
    expect(view?.name).toBe('My table');
    expect(view?.layout).toBe('table');
    expect(view?.columns).toEqual([
      { id: 'file.name', label: 'file name' },
      { id: 'file.ext', label: 'Extension' },
      { id: 'note.age', label: 'age' },
      { id: 'formula.ppu', label: 'ppu' },
      { id: 'formula.formatted_price', label: 'Price' },
    ]);
    expect(view?.groups.map((group) => words(group.key))).toEqual(['5', '3', '2']);
    expect(table(view)).toEqual([
      ['F', 'md', '5', '0.50', '2.50 dollars'],
      ['B', 'md', '3', '1.00', '3.00 dollars'],
      ['A', 'md', '2', '6.00', '12.00 dollars'],
    ]);
    expect(view?.groups.map((group) => words(group.summaries?.['formula.ppu']?.value))).toEqual(['0.5', '1', '6']);
    // (0.5 + 1 + 6) / 3
    expect(words(view?.summaries?.['formula.ppu']?.value)).toBe('2.5');
    expect(view?.groups[0]?.rows[0]?.note).toEqual({ slug: 'shop/f', title: 'F' });
    expect(view?.groups[0]?.rows[0]?.cells[0]).toMatchObject({ kind: 'note', note: { slug: 'shop/f' } });
  });

  it('table: sorts by several properties in their directions, empty values last, then limits', () => {
    const notes = [
      viewNote('A.md', { properties: { rating: 3 } }),
      viewNote('B.md', { properties: { rating: 5 } }),
      viewNote('C.md', { properties: { rating: 3 } }),
      viewNote('D.md'),
      viewNote('E.md', { properties: { rating: 1 } }),
    ];
    const base = (direction: string, limit = '') => `views:
  - type: table
    name: Rated
    order: [file.name, rating]${limit}
    sort:
      - property: rating
        direction: ${direction}
      - property: file.name
        direction: ASC
`;
    expect(names(evaluateBase(base('DESC'), viewContext(notes)).views[0])).toEqual(['B', 'A', 'C', 'E', 'D']);
    expect(names(evaluateBase(base('ASC'), viewContext(notes)).views[0])).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(names(evaluateBase(base('DESC', '\n    limit: 3'), viewContext(notes)).views[0])).toEqual(['B', 'A', 'C']);
  });

  it('table: groups by a link property, a group per author, empty values in a group of their own', () => {
    const notes = [
      viewNote('Dune.md', { properties: { author: '[[Herbert]]' } }),
      viewNote('Emma.md', { properties: { author: '[[Austen]]' } }),
      viewNote('Persuasion.md', { properties: { author: '[[Austen]]' } }),
      viewNote('Anonymous.md'),
      viewNote('Austen.md', { properties: { author: 'x' } }),
    ];
    const source = `filters: 'file.name != "Austen.md"'
views:
  - type: table
    name: By author
    groupBy:
      property: author
      direction: ASC
    order: [file.name]
`;
    const view = evaluateBase(source, viewContext(notes)).views[0];
    expect(view?.groups.map((group) => [words(group.key), group.rows.map((row) => row.note?.title)])).toEqual([
      ['Austen', ['Emma', 'Persuasion']],
      ['Herbert', ['Dune']],
      ['', ['Anonymous']],
    ]);
    expect(view?.groups[0]?.key).toMatchObject({ kind: 'note', note: { slug: 'austen' } });
    expect(view?.groups[1]?.key).toEqual({ kind: 'text', text: 'Herbert' });
  });

  it('cards: a card per note, its image an http(s) address or an image of the vault (published, as the resolver says), anything else left out and told', () => {
    const notes = [
      viewNote('A.md', { properties: { cover: 'https://example.com/a.jpg', rating: 4 } }),
      viewNote('B.md', { properties: { cover: '[[b.jpg]]', rating: 2 } }),
      viewNote('C.md'),
      viewNote('D.md', { properties: { cover: '![](Covers/d%20e.png)' } }),
      viewNote('E.md', { properties: { cover: '[[missing.png]]' } }),
      viewNote('F.md', { properties: { cover: 'Covers/f.webp' } }),
    ];
    const images: Record<string, string> = { 'b.jpg': '/attachments/b-1.jpg', 'Covers/d e.png': '/attachments/d-e-2.png', 'Covers/f.webp': '/attachments/f-3.webp' };
    const asked: string[][] = [];
    const resolveImage = (target: string, from: string) => (asked.push([target, from]), images[target]);
    const source = `views:
  - type: cards
    name: Gallery
    image: note.cover
    order: [file.name, rating]
`;
    const { views, problems } = evaluateBase(source, viewContext(notes, undefined, { resolveImage }));
    expect(views[0]?.layout).toBe('cards');
    expect(views[0]?.groups[0]?.rows.map((row) => [row.note?.title, row.image])).toEqual([
      ['A', 'https://example.com/a.jpg'],
      ['B', '/attachments/b-1.jpg'],
      ['C', undefined],
      ['D', '/attachments/d-e-2.png'],
      ['E', undefined],
      ['F', '/attachments/f-3.webp'],
    ]);
    expect(asked).toContainEqual(['b.jpg', 'B.md']);
    expect(table(views[0])).toEqual([
      ['A', '4'],
      ['B', '2'],
      ['C', ''],
      ['D', ''],
      ['E', ''],
      ['F', ''],
    ]);
    expect(problems).toEqual([{ line: 4, message: expect.stringMatching(/card images that name no image of the vault nor an http\(s\) address/) }]);
  });

  it('list: a list of notes with the view’s properties', () => {
    const notes = [viewNote('Dune.md', { properties: { author: 'Frank Herbert' } }), viewNote('Emma.md', { properties: { author: 'Jane Austen' } })];
    const view = evaluateBase('views:\n  - type: list\n    name: Reading\n    order: [file.name, author]\n', viewContext(notes)).views[0];
    expect(view?.layout).toBe('list');
    expect(table(view)).toEqual([
      ['Dune', 'Frank Herbert'],
      ['Emma', 'Jane Austen'],
    ]);
  });

  it('map (and any view type the garden cannot draw): shown as a list, and told', () => {
    const source = `views:
  - type: map
    name: Places
    order: [file.name]
    coordinates: note.coordinates
`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('Paris.md')]));
    expect(views[0]?.layout).toBe('list');
    expect(names(views[0])).toEqual(['Paris']);
    expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/shown as a list: the garden cannot draw a map/) }]);
  });

  it('without views: a table of every matching note’s name, as Obsidian shows it', () => {
    const notes = [viewNote('Dune.md', { tags: ['book'] }), viewNote('Cat.md'), viewNote('Emma.md', { tags: ['book/novel'] })];
    const { views, problems } = evaluateBase('filters: file.hasTag("book")\n', viewContext(notes));
    expect(problems).toEqual([]);
    expect(views).toHaveLength(1);
    expect(views[0]?.layout).toBe('table');
    expect(views[0]?.name).toBeUndefined();
    expect(views[0]?.columns).toEqual([{ id: 'file.name', label: 'file name' }]);
    expect(names(views[0])).toEqual(['Dune', 'Emma']);
  });

  it('shows the view an embed names (`![[Books.base#Top rated]]`), else the first; an unknown name is told and the first shown', () => {
    const source = 'views:\n  - type: table\n    name: All\n  - type: list\n    name: Top rated\n    filters: rating > 4\n';
    const notes = [viewNote('A.md', { properties: { rating: 5 } }), viewNote('B.md', { properties: { rating: 1 } })];
    const context = viewContext(notes);
    expect(evaluateBase(source, context).views.map((view) => [view.name, names(view)])).toEqual([['All', ['A', 'B']]]);
    expect(evaluateBase(source, context, 'Top rated').views.map((view) => [view.name, view.layout, names(view)])).toEqual([['Top rated', 'list', ['A']]]);
    const unknown = evaluateBase(source, context, 'Nope');
    expect(unknown.views.map((view) => view.name)).toEqual(['All']);
    expect(unknown.problems).toEqual([{ line: 1, message: 'the base has no view named “Nope”, so its first view is shown' }]);
    const viewless = evaluateBase('filters: rating > 4\n', context, 'Top rated');
    expect(names(viewless.views[0])).toEqual(['A']);
    expect(viewless.problems).toEqual([{ line: 1, message: expect.stringMatching(/has no views, so there is no view named “Top rated”/) }]);
  });

  it('summaries: every default summary of the syntax page, over the rows shown', () => {
    const notes = [
      viewNote('N1.md', { properties: { score: 1, done: true, when: '2024-01-01', tag: 'a' } }),
      viewNote('N2.md', { properties: { score: 2, done: false, when: '2024-01-11', tag: 'b' } }),
      viewNote('N3.md', { properties: { score: 3, done: true, when: '2023-12-25', tag: 'a' } }),
      viewNote('N4.md', { properties: { score: 4, tag: '' } }),
      viewNote('N5.md', { properties: { score: 10, done: true } }),
    ];
    const summary = (column: string, name: string) => {
      const source = `views:\n  - type: table\n    name: S\n    order: [file.name, ${column}]\n    summaries:\n      ${column}: ${name}\n`;
      const { views, problems } = evaluateBase(source, viewContext(notes));
      expect(problems).toEqual([]);
      return words(views[0]?.summaries?.[column]?.value);
    };
    // Scores 1, 2, 3, 4, 10: mean 4, squared deviations 9 + 4 + 1 + 0 + 36 = 50, population variance 10.
    const scores = ['Average', 'Min', 'Max', 'Sum', 'Range', 'Median', 'Stddev'].map((name) => summary('score', name));
    expect(scores).toEqual(['4', '1', '10', '20', '9', '3', '3.16227766017']);
    expect(['Earliest', 'Latest', 'Range'].map((name) => summary('when', name))).toEqual(['2023-12-25', '2024-01-11', '17 days']);
    expect(['Checked', 'Unchecked'].map((name) => summary('done', name))).toEqual(['3', '1']);
    // Tags a, b, a, '' and none: two empty, three filled, two distinct.
    expect(['Empty', 'Filled', 'Unique'].map((name) => summary('tag', name))).toEqual(['2', '3', '2']);
  });

  it('summaries: a custom summary formula over `values`, per group and overall', () => {
    const notes = [
      viewNote('A.md', { properties: { kind: 'x', score: 1 } }),
      viewNote('B.md', { properties: { kind: 'x', score: 2 } }),
      viewNote('C.md', { properties: { kind: 'y', score: 2 } }),
    ];
    const source = `summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: Scores
    groupBy:
      property: kind
      direction: ASC
    order: [file.name, score]
    summaries:
      score: customAverage
`;
    const view = evaluateBase(source, viewContext(notes)).views[0];
    expect(view?.groups.map((group) => words(group.summaries?.score?.value))).toEqual(['1.5', '2']);
    // (1 + 2 + 2) / 3 = 1.6666… rounded to 3 digits.
    expect(words(view?.summaries?.score?.value)).toBe('1.667');
  });

  it('shows values as Obsidian does: YAML dates as dates, text dates as written, booleans, lists, links to shared notes', () => {
    const notes = [
      viewNote('Log.md', {
        properties: {
          day: new Date(Date.UTC(2024, 2, 1)),
          at: new Date('2024-03-01T09:30:00Z'),
          written: '2024-03-01T09:30',
          done: true,
          tags: ['a', 'b'],
          see: '[[Other]]',
          site: 'https://example.com',
        },
      }),
      viewNote('Other.md'),
    ];
    const source = 'filters: file.name == "Log.md"\nviews:\n  - type: table\n    name: Log\n    order: [day, at, written, done, tags, see, site]\n';
    const [row] = evaluateBase(source, viewContext(notes)).views[0]!.groups[0]!.rows;
    expect(row?.cells).toEqual([
      { kind: 'date', iso: '2024-03-01T00:00:00.000Z', text: '2024-03-01' },
      { kind: 'date', iso: '2024-03-01T09:30:00.000Z', text: '2024-03-01 09:30' },
      { kind: 'date', iso: '2024-03-01T09:30:00.000Z', text: '2024-03-01T09:30' },
      { kind: 'boolean', value: true },
      { kind: 'list', items: [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }] },
      { kind: 'note', note: { slug: 'other', title: 'Other' }, text: 'Other' },
      { kind: 'url', href: 'https://example.com', text: 'https://example.com' },
    ]);
  });

  it('html() is shown as text, icon() as its name (both told), image() of an address as a link', () => {
    const source = `formulas:
  h: html("<b>bold</b>")
  i: icon("arrow-right")
  img: image("https://obsidian.md/images/obsidian-logo-gradient.svg")
views:
  - type: table
    name: Markup
    order: [formula.h, formula.i, formula.img]
`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md')]));
    expect(views[0]?.groups[0]?.rows[0]?.cells).toEqual([
      { kind: 'text', text: '<b>bold</b>' },
      { kind: 'text', text: 'arrow-right' },
      { kind: 'url', href: 'https://obsidian.md/images/obsidian-logo-gradient.svg', text: 'https://obsidian.md/images/obsidian-logo-gradient.svg' },
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^html\(\) is shown as text/), expect.stringMatching(/^icon\(\) is shown as the icon's name/)]);
  });
});

describe('Bases problems, with their lines', () => {
  it('a YAML error is one problem at its line, and no view', () => {
    const { views, problems } = evaluateBase('filters: x\nformulas:\n  a: 1\n  a: 2\n', viewContext([]));
    expect(views).toEqual([]);
    expect(problems).toEqual([{ line: 4, message: expect.stringMatching(/not valid YAML \(duplicated mapping key\)/) }]);
  });

  it('an unknown function or method is told by name at its formula’s line; the rest renders', () => {
    const source = `formulas:
  double: rating * 2
  bad: rating.frobnicate()
  worse: shout(rating)
  broken: (rating +
views:
  - type: table
    name: T
    order: [file.name, formula.double, formula.bad, formula.worse, formula.broken]
`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md', { properties: { rating: 2 } })]));
    expect(table(views[0])).toEqual([['A', '4', '', '', '']]);
    expect(problems).toEqual([
      { line: 3, message: 'the formula “bad” uses .frobnicate(), which the garden cannot evaluate; its cells are empty where it is needed' },
      { line: 4, message: 'the formula “worse” uses shout(), which the garden cannot evaluate; its cells are empty where it is needed' },
      { line: 5, message: expect.stringMatching(/^the formula “broken” cannot be read: it ends where a value was expected/) },
    ]);
  });

  it('an unknown function is told even where no row reaches it', () => {
    const source = `formulas:
  unused: sparkle(1)
views:
  - type: table
    name: T
    filters:
      or:
        - file.name == "A.md"
        - glitter(file.name)
    order: [file.name]
`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md')]));
    expect(names(views[0])).toEqual(['A']);
    expect(problems).toEqual([
      { line: 9, message: 'the filter “glitter(file.name)” uses glitter(), which the garden cannot evaluate; notes for which it is needed are left out' },
      { line: 2, message: 'the formula “unused” uses sparkle(), which the garden cannot evaluate; its cells are empty where it is needed' },
    ]);
  });

  it('a filter that cannot be read leaves its view out, told at its line', () => {
    const source = 'views:\n  - type: table\n    name: T\n    filters:\n      and:\n        - rating >\n';
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md')]));
    expect(views).toEqual([]);
    expect(problems).toEqual([{ line: 6, message: expect.stringMatching(/the filter “rating >” cannot be read.*so the view “T” is not shown/) }]);
  });
});
