import { describe, expect, it } from 'vitest';
import { evaluateDataview, evaluateInline } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import type { ViewNote } from '../../../src/garden/assemble/views/types.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { onlyView, rowsOf, textOf } from './cell-text.ts';

/*
 * Only shared notes are rows, and a link to anything else shows only the words the shared note
 * wrote: never the private note's fields, its title, its links or its count.
 */

const secret = viewNote('Private/Secret.md', { properties: { rating: 99, diagnosis: 'private words' }, tags: ['games'] });
const shared = viewNote('Shared.md', {
  properties: { friend: '[[Secret]]', pal: '[[Secret|my pal]]', rating: 3 },
  tags: ['games'],
  backlinks: ['Other.md', 'Private/Secret.md'],
  links: ['Other.md', 'Private/Secret.md'],
});
const other = viewNote('Other.md', { properties: { rating: 5 }, tags: ['games'], links: ['Shared.md'] });
const notes = [shared, other];
const context = viewContext(notes);

describe('privacy', () => {
  it("a private note linked from a shared note's field shows only the written words, never its data", () => {
    const view = onlyView(evaluateDataview('TABLE friend, pal, friend.rating, friend.diagnosis\nWHERE file.name = "Shared"', context));
    expect(rowsOf(view)).toEqual([['Shared', 'Secret', 'my pal', '', '']]);
    expect(view.groups[0]!.rows[0]!.cells[1]).toEqual({ kind: 'text', text: 'Secret' });
  });

  it('even a resolver that would hand over a private note does not make it a row or a link', () => {
    const leaky = viewContext(notes, undefined, { resolveLink: (target) => (/secret/i.test(target) ? { kind: 'note', note: secret } : { kind: 'none' }) });
    const view = onlyView(evaluateDataview('TABLE friend, friend.rating\nWHERE file.name = "Shared"', leaky));
    expect(rowsOf(view)).toEqual([['Shared', 'Secret', '']]);
    expect(evaluateInline('[[Secret]].diagnosis', leaky)).toEqual({ kind: 'empty' });
    // A link written as text (file.frontmatter keeps the YAML untyped) is shown through the same guard.
    const raw = onlyView(evaluateDataview('TABLE WITHOUT ID file.frontmatter.friend\nWHERE file.name = "Shared"', leaky));
    expect(raw.groups[0]!.rows[0]!.cells[0]).toEqual({ kind: 'text', text: 'Secret' });
  });

  it('FROM #tag, GROUP BY and length(rows) count only shared notes', () => {
    expect(rowsOf(onlyView(evaluateDataview('LIST FROM #games', context)))).toEqual([['Shared'], ['Other']]);
    expect(rowsOf(onlyView(evaluateDataview('TABLE length(rows) AS n FROM #games GROUP BY true', context)))).toEqual([['true', '2']]);
  });

  it('file.inlinks and file.outlinks hold only shared notes', () => {
    const view = onlyView(evaluateDataview('TABLE WITHOUT ID file.inlinks, file.outlinks, length(file.inlinks)\nWHERE file.name = "Shared"', context));
    expect(rowsOf(view)).toEqual([['Other', 'Other', '1']]);
  });

  it('FROM a private note finds nothing, and outgoing() of it nothing either', () => {
    expect(rowsOf(onlyView(evaluateDataview('LIST FROM [[Secret]]', context)))).toEqual([]);
    expect(rowsOf(onlyView(evaluateDataview('LIST FROM outgoing([[Secret]])', context)))).toEqual([]);
  });

  it('the note a view is on is this, not a row unless it is among the notes', () => {
    const page: ViewNote = viewNote('Page.md', { properties: { rating: 4 } });
    const view = onlyView(evaluateDataview('LIST WHERE rating > this.rating', viewContext(notes, page)));
    expect(rowsOf(view)).toEqual([['Other']]);
  });

  it('date([[link]]) of a private note is nothing', () => {
    const dated = viewNote('Private/2024-01-01.md');
    const leaky = viewContext(notes, undefined, { resolveLink: () => ({ kind: 'note', note: dated }) });
    const result = evaluateInline('date([[Diary]])', leaky);
    expect(textOf(result as never)).toBe('');
  });
});
