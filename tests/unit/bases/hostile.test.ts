import { describe, expect, it } from 'vitest';
import { evaluateBase } from '../../../src/garden/assemble/views/bases/evaluate-base.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { names, table, words } from './cells.ts';

/*
 * Bases that could hang, overflow or flood the build: every one ends, with a result or a problem,
 * and a formula failing on many notes is told once. No timing is asserted, only that each ends.
 */

describe('hostile bases', () => {
  it('a formula that refers to itself (or two that refer to each other) is told, its cells empty, the rest shown', () => {
    const source = `formulas:
  loop: formula.loop + 1
  ping: formula.pong
  pong: formula.ping
  fine: rating + 1
views:
  - type: table
    name: T
    order: [file.name, formula.loop, formula.ping, formula.fine]
`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md', { properties: { rating: 1 } }), viewNote('B.md', { properties: { rating: 2 } })]));
    expect(table(views[0])).toEqual([
      ['A', '', '', '2'],
      ['B', '', '', '3'],
    ]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/“loop”.*refers to itself/) },
      { line: 3, message: expect.stringMatching(/“ping”.*“(ping|pong)” refers to itself/) },
    ]);
  });

  it('10,000 notes: filtered, sorted and summed, every matching note counted', () => {
    const notes = Array.from({ length: 10_000 }, (_, i) =>
      viewNote(`Books/Book ${i}.md`, { properties: { categories: i % 2 ? ['[[Books]]'] : ['[[Films]]'], rating: i % 10 } }),
    );
    const source = `filters:
  and:
    - categories.contains(link("Books"))
    - '!file.name.contains("Template")'
formulas:
  double: rating * 2
views:
  - type: table
    name: All
    order: [file.name, rating, formula.double]
    sort:
      - property: rating
        direction: DESC
    summaries:
      rating: Sum
`;
    // Links resolved by a map, as the garden's resolver does (the test helper's looks through every note).
    const byName = new Map(notes.map((note) => [note.title.toLowerCase(), note]));
    const resolveLink = (target: string) => {
      const note = byName.get(target.split('/').pop()!.replace(/\.md$/i, '').toLowerCase());
      return note ? { kind: 'note' as const, note } : { kind: 'none' as const };
    };
    const { views, problems } = evaluateBase(source, viewContext(notes, undefined, { resolveLink }));
    expect(problems).toEqual([]);
    const rows = views[0]!.groups[0]!.rows;
    expect(rows).toHaveLength(5000);
    // Odd i: ratings 1, 3, 5, 7, 9, a thousand each.
    expect(words(views[0]?.summaries?.rating?.value)).toBe('25000');
    expect(words(rows[0]?.cells[1])).toBe('9');
    expect(words(rows[0]?.cells[2])).toBe('18');
  });

  it('a 1 MB base ends: a formula nested too deep is told, the rest shown', () => {
    const deep = '('.repeat(500_000) + '1' + ')'.repeat(500_000);
    const long = Array.from({ length: 100_000 }, () => '1').join('+');
    const source = `formulas:\n  deep: "${deep}"\n  long: "${long}"\n  fine: 1 + 1\nviews:\n  - type: table\n    name: T\n    order: [file.name, formula.deep, formula.long, formula.fine]\n`;
    expect(source.length).toBeGreaterThan(1_000_000);
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md')]));
    expect(table(views[0])).toEqual([['A', '', '', '2']]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/“deep” cannot be read: it nests more than 200 levels deep/) },
      { line: 3, message: expect.stringMatching(/“long” cannot be read: it nests more than 200 levels deep/) },
    ]);
  });

  it('a 1 MB base of many views and filters ends with its first view', () => {
    const views = Array.from({ length: 20_000 }, (_, i) => `  - type: table\n    name: View ${i}\n    filters: rating > ${i}\n`).join('');
    const source = `views:\n${views}`;
    expect(source.length).toBeGreaterThan(1_000_000);
    const notes = [viewNote('A.md', { properties: { rating: 1 } }), viewNote('B.md', { properties: { rating: -1 } })];
    expect(names(evaluateBase(source, viewContext(notes)).views[0])).toEqual(['A']);
    expect(names(evaluateBase(source, viewContext(notes), 'View 19999').views[0])).toEqual([]);
  });

  it('an expression that fails on some notes only: those get an empty cell or are left out, and it is told once', () => {
    const notes = Array.from({ length: 100 }, (_, i) => viewNote(`N${i}.md`, { properties: { code: i % 4 ? String(i) : 'abc' } }));
    const source = `formulas:
  twice: number(code) * 2
views:
  - type: table
    name: T
    filters: number(code) < 10
    order: [file.name, formula.twice]
`;
    const { views, problems } = evaluateBase(source, viewContext(notes));
    // Codes 1, 2, 3, 5, 6, 7, 9 are numbers below 10; 0, 4 and 8 are "abc" and fail.
    expect(table(views[0])).toEqual([1, 2, 3, 5, 6, 7, 9].map((i) => [`N${i}`, String(i * 2)]));
    expect(problems).toEqual([{ line: 6, message: expect.stringMatching(/^the filter “number\(code\) < 10” cannot be evaluated for some notes \(number\(\) cannot read "abc" as a number\); they are left out$/) }]);
    const shown = evaluateBase(source.replace('    filters: number(code) < 10\n', ''), viewContext(notes));
    expect(table(shown.views[0]).filter((row) => row[1] === '')).toHaveLength(25);
    expect(shown.problems).toHaveLength(1);
  });

  it('work beyond the step budget leaves the view out with a problem instead of hanging', () => {
    const notes = Array.from({ length: 2000 }, (_, i) => viewNote(`N${i}.md`));
    const ten = '[0,1,2,3,4,5,6,7,8,9]';
    const source = `formulas:\n  heavy: '${ten}.map(${ten}.map(${ten}.map(${ten}.map(value))))'\nviews:\n  - type: table\n    name: Heavy\n    order: [file.name, formula.heavy]\n`;
    const { views, problems } = evaluateBase(source, viewContext(notes));
    expect(views).toEqual([]);
    expect(problems).toEqual([{ line: 5, message: expect.stringMatching(/the view “Heavy” is not shown: the view needs more work than a view may take/) }]);
  }, 60_000);

  it('a regular expression that could run for ages is refused, not run', () => {
    const source = `formulas:\n  slow: /(a+)+$/.matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")\nviews:\n  - type: table\n    name: T\n    order: [file.name, formula.slow]\n`;
    const { views, problems } = evaluateBase(source, viewContext([viewNote('A.md')]));
    expect(table(views[0])).toEqual([['A', '']]);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/repeats a repetition/) }]);
  });
});
