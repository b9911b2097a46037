import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBase } from '../../../src/garden/assemble/views/bases/evaluate-base.ts';
import type { ViewNote } from '../../../src/garden/assemble/views/types.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { names, table } from './cells.ts';
import { SHARED_VAULTS } from '../../helpers/shared-vault.ts';

/*
 * Two bases of kepano's vault (../shared/vaults/kepano-obsidian, read only), as they are written,
 * over a handful of hand-made notes: Books.base (categories holding `[[Books]]`, the template left
 * out by name, views named by an embed) and Related.base (formulas over this.file.links). Expected
 * rows worked out by hand below.
 */

const VAULT = path.join(SHARED_VAULTS, 'kepano-obsidian');
const baseText = (name: string) => fs.readFileSync(path.join(VAULT, 'Templates/Bases', name), 'utf8');

describe('kepano’s vault', () => {
  const books: ViewNote[] = [
    viewNote('References/Dune.md', {
      properties: { categories: ['[[Books]]'], author: ['[[Frank Herbert]]'], year: 1965, rating: 7, topics: ['[[Science fiction]]'], last: '2024-03-01', genre: ['[[Science fiction]]'] },
    }),
    viewNote('References/Anathem.md', { properties: { categories: ['[[Books]]'], author: ['[[Neal Stephenson]]'], year: 2008, rating: 6, last: '2023-11-20' } }),
    viewNote('References/Emma.md', { properties: { categories: ['[[Books]]', '[[Classics]]'], author: ['[[Jane Austen]]'], year: 1815, rating: 5 } }),
    viewNote('Templates/Book Template.md', { properties: { categories: ['[[Books]]'], author: [], rating: null } }),
    viewNote('References/Kyoto.md', { properties: { categories: ['[[Places]]'] } }),
    viewNote('Categories/Books.md', { properties: { tags: ['categories'] } }),
    viewNote('People/Frank Herbert.md', { properties: { categories: ['[[People]]'] } }),
  ];
  const [, , , , , category, herbert] = books;

  it('Books.base, first view: the three books (not the template), sorted by name, its display names as column labels', () => {
    const { views, problems } = evaluateBase(baseText('Books.base'), viewContext(books, category));
    expect(problems).toEqual([]);
    expect(views[0]?.name).toBe('Books');
    expect(views[0]?.columns.map((column) => column.label)).toEqual(['Name', 'Author', 'length', 'Year', 'rating', 'topics', 'last']);
    expect(table(views[0])).toEqual([
      ['Anathem', 'Neal Stephenson', '', '2008', '6', '', '2023-11-20'],
      ['Dune', 'Frank Herbert', '', '1965', '7', 'Science fiction', '2024-03-01'],
      ['Emma', 'Jane Austen', '', '1815', '5', '', ''],
    ]);
    // Frank Herbert is a shared note: a link; Neal Stephenson is not: the words written.
    const [anathemRow, duneRow] = views[0]!.groups[0]!.rows;
    expect(duneRow?.cells[1]).toEqual({ kind: 'list', items: [{ kind: 'note', note: { slug: 'people/frank-herbert', title: 'Frank Herbert' }, text: 'Frank Herbert' }] });
    expect(anathemRow?.cells[1]).toEqual({ kind: 'list', items: [{ kind: 'text', text: 'Neal Stephenson' }] });
  });

  it('Books.base#Top rated: sorted by `last`, newest first, a book never finished last', () => {
    const { views } = evaluateBase(baseText('Books.base'), viewContext(books, category), 'Top rated');
    expect(views[0]?.name).toBe('Top rated');
    expect(table(views[0])).toEqual([
      ['Dune', '7', '2024-03-01'],
      ['Anathem', '6', '2023-11-20'],
      ['Emma', '5', ''],
    ]);
  });

  it('Books.base#Author on an author’s page: `list(author).contains(this)` keeps the books that author wrote', () => {
    const { views } = evaluateBase(baseText('Books.base'), viewContext(books, herbert), 'Author');
    expect(names(views[0])).toEqual(['Dune']);
    expect(views[0]?.columns.map((column) => column.label)).toEqual(['Name', 'Year', 'Genre']);
    expect(table(views[0])).toEqual([['Dune', '1965', 'Science fiction']]);
  });

  it('Related.base: notes sharing more than two links with this one, linking it or linked from it, by overlap', () => {
    const note = (name: string, links: string[], tags: string[] = [], backlinks: string[] = []) =>
      viewNote(`Notes/${name}.md`, { links: links.map((one) => `Notes/${one}.md`), tags, backlinks: backlinks.map((one) => `Notes/${one}.md`) });
    const kyoto = note('Kyoto', ['Japan', 'Temples', 'Food', 'Travel', 'Tokyo'], ['places', 'travel'], ['Nara']);
    const notes = [
      kyoto,
      note('Osaka', ['Japan', 'Food', 'Travel', 'Castles'], ['places'], ['Nara']),
      note('Nara', ['Japan', 'Temples', 'Kyoto', 'Osaka'], ['places', 'travel']),
      note('Tokyo', ['Japan'], [], ['Kyoto']),
      note('Paris', ['Food', 'Travel'], ['travel']),
      note('Japan', [], [], ['Kyoto', 'Osaka', 'Nara', 'Tokyo']),
      note('Temples', [], [], ['Kyoto', 'Nara']),
      note('Food', [], [], ['Kyoto', 'Osaka', 'Paris']),
      note('Travel', [], [], ['Kyoto', 'Osaka', 'Paris']),
      note('Castles', [], [], ['Osaka']),
    ];
    const { views, problems } = evaluateBase(baseText('Related.base'), viewContext(notes, kyoto));
    expect(problems).toEqual([]);
    expect(views[0]?.columns).toEqual([
      { id: 'file.name', label: 'Name' },
      { id: 'formula.Related', label: 'Links' },
    ]);
    // Osaka shares 3 links (Japan, Food, Travel); Nara 2 but links Kyoto; Tokyo 1, linked from Kyoto;
    // Japan, Food, Travel and Temples share none but are linked from Kyoto: by backlinks 4, 3, 3, 2.
    // Paris shares 2 and has no link either way; Castles none; Kyoto is this note.
    expect(table(views[0])).toEqual([
      ['Osaka', 'Japan, Food, Travel'],
      ['Nara', 'Japan, Temples'],
      ['Tokyo', 'Japan'],
      ['Japan', ''],
      ['Food', ''],
      ['Travel', ''],
      ['Temples', ''],
    ]);
    expect(views[0]?.groups[0]?.rows[0]?.cells[1]).toMatchObject({ kind: 'list', items: [{ kind: 'note', note: { slug: 'notes/japan' } }, { kind: 'note' }, { kind: 'note' }] });
  });
});
