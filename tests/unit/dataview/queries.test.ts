import { describe, expect, it } from 'vitest';
import { evaluateDataview } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { onlyView, rowsOf, textOf } from './cell-text.ts';

/*
 * Dataview's query forms, each with an example from its documentation ("Query types", "Data
 * commands", "Sources", "Metadata on pages/tasks") run over a small hand-made vault; the expected
 * rows are worked out by hand from the docs, not copied from the engine.
 */

const celeste = viewNote('Games/Celeste.md', {
  properties: { rating: 9, 'time-played': '12 hours', length: '8 hours', started: '2023-02-11' },
  tags: ['games/platformer'],
  links: ['Games/Hades.md'],
  tasks: [{ text: 'Finish chapter 9', status: ' ', completed: false, line: 8 }],
});
const hades = viewNote('Games/Hades.md', {
  properties: { rating: 10, 'time-played': '20 hours', length: '30 hours', started: '2024-05-01' },
  tags: ['games/roguelike'],
  backlinks: ['Games/Celeste.md'],
});
const clash = viewNote('Games/Mobile/Clash.md', { properties: { rating: 4 }, tags: ['games/mobas'] });
const dune = viewNote('Books/Dune.md', {
  properties: { author: 'Frank Herbert', published: 1965, genres: ['scifi', 'classic'] },
  inlineFields: { 'Reading Status': ['done'] },
  tags: ['book'],
});
const emma = viewNote('Books/Emma.md', { properties: { author: 'Jane Austen', published: 1815, genres: ['classic'] }, tags: ['book'] });
const journal = viewNote('Journal/2024-03-01.md', {
  properties: { mood: 'calm' },
  inlineFields: { mood: ['happy'] },
  tags: ['daily/work'],
  size: 321,
  mtime: '2026-06-15T08:00:00.000Z',
  tasks: [
    { text: 'Send an mail to David about the deadline [due:: 2022-04-05]', status: ' ', completed: false, line: 3 },
    { text: 'Buy milk', status: 'x', completed: true, line: 4 },
  ],
});
const vault = [celeste, hades, clash, dune, emma, journal];
const context = viewContext(vault);
const run = (query: string, self?: (typeof vault)[number]) => onlyView(evaluateDataview(query, self ? viewContext(vault, self) : context));

describe('query types', () => {
  it('TABLE with AS names, FROM a folder and SORT … DESC (the "Query types" games example)', () => {
    const view = run('TABLE time-played AS "Time Played", length AS "Length", rating AS "Rating"\nFROM "Games"\nSORT rating DESC');
    expect(view.layout).toBe('table');
    expect(view.columns.map((column) => column.label)).toEqual(['File', 'Time Played', 'Length', 'Rating']);
    expect(rowsOf(view)).toEqual([
      ['Hades', '20 hours', '1 day, 6 hours', '10'],
      ['Celeste', '12 hours', '8 hours', '9'],
      ['Clash', '', '', '4'],
    ]);
    expect(view.groups[0]!.rows[0]!.note).toEqual({ slug: 'games/hades', title: 'Hades' });
    expect(view.groups[0]!.rows[0]!.cells[0]).toMatchObject({ kind: 'note', text: 'Hades' });
  });

  it('TABLE WITHOUT ID drops the file column; a column without AS is named by its expression', () => {
    const view = run('TABLE WITHOUT ID file.link AS "Book", published\nFROM #book\nSORT published ASC');
    expect(view.columns.map((column) => column.label)).toEqual(['Book', 'published']);
    expect(rowsOf(view)).toEqual([
      ['Emma', '1815'],
      ['Dune', '1965'],
    ]);
  });

  it('TABLE of implicit fields (file.name, folder, ext, size, day, tags with parents, etags, mtime)', () => {
    const view = run('TABLE file.name, file.folder, file.ext, file.size, file.day, file.tags, file.etags, file.mtime\nFROM "Journal"');
    expect(rowsOf(view)).toEqual([['2024-03-01', '2024-03-01', 'Journal', 'md', '321', 'March 01, 2024', '#daily/work, #daily', '#daily/work', '8:00 AM - June 15, 2026']]);
  });

  it('LIST FROM two tags with OR (the "Query types" LIST example)', () => {
    expect(rowsOf(run('LIST FROM #games/mobas OR #games/roguelike'))).toEqual([['Hades'], ['Clash']]);
  });

  it('LIST with an expression shows the file, then the value', () => {
    const view = run('LIST "File Path: " + file.path\nFROM "Games/Mobile"');
    expect(view.layout).toBe('list');
    expect(rowsOf(view)).toEqual([['Clash', 'File Path: Games/Mobile/Clash.md']]);
  });

  it('LIST WITHOUT ID shows the value alone', () => {
    expect(rowsOf(run('LIST WITHOUT ID author\nFROM #book'))).toEqual([['Frank Herbert'], ['Jane Austen']]);
  });

  it('TASK WHERE !completed lists the open tasks under their notes', () => {
    const view = run('TASK WHERE !completed');
    expect(view.layout).toBe('task');
    const rows = view.groups[0]!.rows;
    expect(rows.map((row) => [textOf(row.cells[0]!), row.tasks!.map((task) => task.text)])).toEqual([
      ['Celeste', ['Finish chapter 9']],
      ['2024-03-01', ['Send an mail to David about the deadline [due:: 2022-04-05]']],
    ]);
  });

  it("TASK reads a task's own inline fields (Metadata on tasks: [due:: 2022-04-05])", () => {
    const rows = run('TASK WHERE due AND due < date(2022-05-01)').groups[0]!.rows;
    expect(rows.map((row) => row.tasks!.map((task) => task.line))).toEqual([[3]]);
  });

  it('TASK with GROUP BY puts the tasks under each key', () => {
    const view = run('TASK FROM "Journal" GROUP BY completed');
    expect(view.groups.map((group) => [textOf(group.key!), group.rows.flatMap((row) => row.tasks!.map((task) => task.text))])).toEqual([
      ['false', ['Send an mail to David about the deadline [due:: 2022-04-05]']],
      ['true', ['Buy milk']],
    ]);
  });

  it('TASK reads the emoji dates of the Tasks plugin (📅 due)', () => {
    const note = viewNote('Todo.md', {
      tasks: [
        { text: 'Pay rent 📅 2026-06-01', status: ' ', completed: false, line: 1 },
        { text: 'Renew passport 📅 2027-01-01', status: ' ', completed: false, line: 2 },
      ],
    });
    const view = onlyView(evaluateDataview('TASK WHERE due <= date(today)', viewContext([note])));
    expect(view.groups[0]!.rows[0]!.tasks!.map((task) => task.text)).toEqual(['Pay rent 📅 2026-06-01']);
  });

  it('FROM csv(...) is reported, not run over the notes', () => {
    const outcome = evaluateDataview('TABLE x FROM csv("data.csv")', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems[0]!.message).toMatch(/csv/);
  });

  it('CALENDAR is reported, not drawn', () => {
    const outcome = evaluateDataview('CALENDAR file.ctime', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems[0]!.message).toMatch(/CALENDAR/);
  });
});

describe('sources', () => {
  it('a folder holds its subfolders; a path names one file', () => {
    expect(rowsOf(run('LIST FROM "Games"'))).toEqual([['Celeste'], ['Hades'], ['Clash']]);
    expect(rowsOf(run('LIST FROM "Games/Hades"'))).toEqual([['Hades']]);
  });

  it('a tag holds its subtags', () => {
    expect(rowsOf(run('LIST FROM #games'))).toEqual([['Celeste'], ['Hades'], ['Clash']]);
  });

  it('and, or, - negation and parentheses (the "Sources" examples)', () => {
    expect(rowsOf(run('LIST FROM #games and -"Games/Mobile"'))).toEqual([['Celeste'], ['Hades']]);
    expect(rowsOf(run('LIST FROM (#book or "Journal") and -#book'))).toEqual([['2024-03-01']]);
  });

  it('[[link]] is the notes linking to it; outgoing([[link]]) the notes it links to; [[]] is this note', () => {
    expect(rowsOf(run('LIST FROM [[Hades]]'))).toEqual([['Celeste']]);
    expect(rowsOf(run('LIST FROM outgoing([[Celeste]])'))).toEqual([['Hades']]);
    expect(rowsOf(run('LIST FROM [[]]', hades))).toEqual([['Celeste']]);
    expect(rowsOf(run('LIST FROM [[#]]', hades))).toEqual([['Celeste']]);
  });
});

describe('data commands', () => {
  it('WHERE over a date computed from today (the "Data commands" WHERE example)', () => {
    expect(rowsOf(run('LIST WHERE file.mtime >= date(today) - dur(1 day)'))).toEqual([['2024-03-01']]);
  });

  it('commands repeat and run in the order written', () => {
    expect(rowsOf(run('LIST WHERE rating SORT rating DESC WHERE rating < 10'))).toEqual([['Celeste'], ['Clash']]);
  });

  it('SORT on several keys, nulls first when ascending', () => {
    expect(rowsOf(run('LIST FROM #book or "Games/Mobile" SORT author ASC, file.name DESC'))).toEqual([['Clash'], ['Dune'], ['Emma']]);
  });

  it('LIMIT', () => {
    expect(rowsOf(run('LIST FROM "Games" SORT rating DESC LIMIT 2'))).toEqual([['Hades'], ['Celeste']]);
  });

  it('GROUP BY: one row per key, fields over rows (rows.file.link is a list)', () => {
    const view = run('TABLE rows.file.link AS "Games", length(rows) AS "Count"\nFROM "Games"\nGROUP BY file.folder');
    expect(view.columns.map((column) => column.label)).toEqual(['file.folder', 'Games', 'Count']);
    expect(rowsOf(view)).toEqual([
      ['Games', 'Celeste, Hades', '2'],
      ['Games/Mobile', 'Clash', '1'],
    ]);
    expect(view.groups[0]!.rows[0]!.note).toBeUndefined();
  });

  it('GROUP BY … AS names the key column; key and the name both reach it', () => {
    const view = run('TABLE WITHOUT ID folder, key\nFROM "Games"\nGROUP BY file.folder AS folder\nSORT folder DESC');
    expect(rowsOf(view)).toEqual([
      ['Games/Mobile', 'Games/Mobile'],
      ['Games', 'Games'],
    ]);
  });

  it('FLATTEN a list makes a row per item, then GROUP BY counts them', () => {
    expect(rowsOf(run('TABLE author FROM #book FLATTEN genres'))).toEqual([
      ['Dune', 'Frank Herbert'],
      ['Dune', 'Frank Herbert'],
      ['Emma', 'Jane Austen'],
    ]);
    expect(rowsOf(run('LIST length(rows) FROM #book FLATTEN genres GROUP BY genres'))).toEqual([
      ['classic', '2'],
      ['scifi', '1'],
    ]);
  });

  it('FLATTEN … AS (the "Data commands" authors example)', () => {
    const omens = viewNote('Good Omens.md', { properties: { authors: ['Terry Pratchett', 'Neil Gaiman'] }, tags: ['LiteratureNote'] });
    const view = onlyView(evaluateDataview('TABLE author FROM #LiteratureNote FLATTEN authors AS author', viewContext([omens])));
    expect(rowsOf(view)).toEqual([
      ['Good Omens', 'Terry Pratchett'],
      ['Good Omens', 'Neil Gaiman'],
    ]);
  });

  it('comments (//) are skipped', () => {
    expect(rowsOf(run('LIST\n// only books\nFROM #book'))).toEqual([['Dune'], ['Emma']]);
  });
});

describe('fields and values', () => {
  it('a key with spaces is reached by its canonical name and by row["…"]', () => {
    expect(rowsOf(run('LIST reading-status FROM #book'))).toEqual([['Dune', 'done'], ['Emma', '']]);
    expect(rowsOf(run('LIST row["Reading Status"] WHERE reading-status'))).toEqual([['Dune', 'done']]);
  });

  it('frontmatter and inline fields of the same name merge into a list', () => {
    expect(rowsOf(run('LIST mood FROM "Journal"'))).toEqual([['2024-03-01', 'calm, happy']]);
  });

  it('values are typed as Dataview types them: numbers, dates, links, booleans, durations', () => {
    const note = viewNote('Log.md', { inlineFields: { rating: ['9'], due: ['2024-01-05'], ref: ['[[Hades]]'], done: ['true'], spent: ['3 days'] } });
    const view = onlyView(evaluateDataview('TABLE WITHOUT ID rating + 1, due + dur(1 day), ref, ref.rating, done, spent, typeof(spent)\nWHERE file.name = "Log"', viewContext([note, hades])));
    expect(rowsOf(view)).toEqual([['10', 'January 06, 2024', 'Hades', '10', 'true', '3 days', 'duration']]);
    expect(view.groups[0]!.rows[0]!.cells[2]).toMatchObject({ kind: 'note', note: { slug: 'games/hades' } });
  });

  it('frontmatter date strings are dates; a YAML Date is the day written', () => {
    const note = viewNote('Y.md', { properties: { started: '2023-02-11', finished: new Date('2023-03-01T00:00:00Z'), at: '2023-03-01T09:30' } });
    const view = onlyView(evaluateDataview('TABLE WITHOUT ID started, finished, at, finished - started', viewContext([note])));
    expect(rowsOf(view)).toEqual([['February 11, 2023', 'March 01, 2023', '9:30 AM - March 01, 2023', '2 weeks, 4 days']]);
  });

  it('this is the note the view is on', () => {
    expect(rowsOf(run('LIST WHERE rating > this.rating', celeste))).toEqual([['Hades']]);
  });
});

describe('errors', () => {
  it('a query that does not parse gives no view and one problem at its line', () => {
    const outcome = evaluateDataview('TABLE rating\nFROM "Games"\nWHERE rating >', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]!.line).toBe(3);
  });

  it('an unknown function is named, and the query is not shown (Dataview fails every row on it)', () => {
    const outcome = evaluateDataview('LIST\nWHERE frobnicate(rating)', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems.map((problem) => problem.message).join(' ')).toMatch(/frobnicate/);
  });

  it('a Dataview function the garden does not evaluate is named as such', () => {
    const outcome = evaluateDataview('TABLE currencyformat(rating, "EUR")', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems[0]!.message).toMatch(/currencyformat\(\) is not evaluated/);
  });

  it('a WHERE failing on some rows drops them, as Dataview does, with one problem at its line', () => {
    const notes = [viewNote('A.md', { properties: { rating: 5 } }), viewNote('B.md', { properties: { rating: 'high' } }), viewNote('C.md', { properties: { rating: 'low' } })];
    const outcome = evaluateDataview('LIST\nWHERE rating - 1 > 2', viewContext(notes));
    expect(rowsOf(outcome.views[0]!)).toEqual([['A']]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatchObject({ line: 2 });
    expect(outcome.problems[0]!.message).toMatch(/2 of 3 rows/);
  });

  it('a WHERE failing on every row fails the whole query, as Dataview does', () => {
    const notes = [viewNote('B.md', { properties: { rating: 'high' } }), viewNote('C.md', { properties: { rating: 'low' } })];
    const outcome = evaluateDataview('LIST\nWHERE rating - 1 > 2', viewContext(notes));
    expect(outcome.views).toEqual([]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]!.message).toMatch(/every row/);
  });

  it('a TABLE field failing on some rows leaves those rows out', () => {
    const notes = [viewNote('A.md', { properties: { name: 'Ann' } }), viewNote('B.md', { properties: { name: 7 } })];
    const outcome = evaluateDataview('TABLE lower(name)', viewContext(notes));
    expect(rowsOf(outcome.views[0]!)).toEqual([['A', 'ann']]);
    expect(outcome.problems).toHaveLength(1);
  });

  it('comparing values of different types is not an error: Dataview orders them by type', () => {
    expect(rowsOf(run('LIST WHERE rating > "x"'))).toEqual([]);
    expect(rowsOf(run('LIST FROM "Games" WHERE rating < "x"'))).toEqual([['Celeste'], ['Hades'], ['Clash']]);
  });
});
