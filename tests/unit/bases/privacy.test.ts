import { describe, expect, it } from 'vitest';
import { evaluateBase } from '../../../src/garden/assemble/views/bases/evaluate-base.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { names, table, words } from './cells.ts';

/*
 * A base sees shared notes only (README, "Your vault"): its rows are the notes it is
 * given, and a link to anything else shows only the words the shared note wrote. The private note
 * here is never given to the engine; the tests check that nothing reaches for it and that its name
 * appears only as the words a shared note wrote.
 */

const dune = viewNote('Books/Dune.md', { properties: { author: '[[Secret Author]]', related: '[[Secret Author|a friend]]', rating: 5 }, tags: ['book'] });
const emma = viewNote('Books/Emma.md', { properties: { author: '[[Jane Austen]]', rating: 3 }, tags: ['book'] });
const austen = viewNote('People/Jane Austen.md', { properties: { born: 1775 } });
const shared = [dune, emma, austen];

describe('Bases privacy', () => {
  it('a link to a note that is not shared shows the words written, never a link, its file or its properties', () => {
    const source = `formulas:
  file: author.asFile()
  born: author.asFile().properties.born
  made: link("Secret Author").asFile().file.name
  named: file("Secret Author")
  through: related.born
views:
  - type: table
    name: Books
    filters: file.hasTag("book")
    order: [file.name, author, related, formula.file, formula.born, formula.made, formula.named, formula.through]
`;
    const { views, problems } = evaluateBase(source, viewContext(shared));
    expect(problems).toEqual([]);
    expect(table(views[0])).toEqual([
      ['Dune', 'Secret Author', 'a friend', '', '', '', '', ''],
      ['Emma', 'Jane Austen', '', 'Jane Austen', '1775', '', '', ''],
    ]);
    const [duneRow, emmaRow] = views[0]!.groups[0]!.rows;
    expect(duneRow?.cells[1]).toEqual({ kind: 'text', text: 'Secret Author' });
    expect(emmaRow?.cells[1]).toMatchObject({ kind: 'note', note: { slug: 'people/jane-austen' } });
  });

  it('a filter matches shared notes only: `this` (the note showing the view) is not a row unless it is shared', () => {
    const self = viewNote('Private/Showing.md', { tags: ['book'] });
    const { views } = evaluateBase('filters: "true"\n', viewContext(shared, self));
    expect(names(views[0])).toEqual(['Dune', 'Emma', 'Jane Austen']);
  });

  it('summaries count only the shared notes shown', () => {
    const source = 'views:\n  - type: table\n    name: R\n    filters: file.hasTag("book")\n    order: [file.name, rating]\n    summaries:\n      rating: Sum\n';
    const { views } = evaluateBase(source, viewContext(shared));
    expect(words(views[0]?.summaries?.rating?.value)).toBe('8');
    const filled = 'views:\n  - type: table\n    name: F\n    order: [file.name, author]\n    summaries:\n      author: Filled\n';
    expect(words(evaluateBase(filled, viewContext(shared)).views[0]?.summaries?.author?.value)).toBe('2');
  });

  it('an unresolved link equals only a link written the same way, never a shared note', () => {
    const source = `views:
  - type: table
    name: T
    filters:
      or:
        - author == link("Secret Author")
        - author == link("Jane Austen")
    order: [file.name]
`;
    expect(names(evaluateBase(source, viewContext(shared)).views[0])).toEqual(['Dune', 'Emma']);
    const other = 'views:\n  - type: table\n    name: T\n    filters: author == link("Someone Else")\n    order: [file.name]\n';
    expect(names(evaluateBase(other, viewContext(shared)).views[0])).toEqual([]);
  });
});
