import { describe, expect, it } from 'vitest';
import { evaluateDataview, evaluateInline } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import type { ViewProblem } from '../../../src/garden/assemble/views/types.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { onlyView, rowsOf } from './cell-text.ts';

/*
 * Queries that would hang, overflow the stack or flood the gardener with problems: each ends as
 * a result or as one problem, never as a crash. No timing is asserted.
 */

const many = Array.from({ length: 10_000 }, (_, i) => viewNote(`Notes/N${i}.md`, { properties: { rating: i, bucket: i % 10, score: i % 100 === 0 ? 'none' : i } }));
const context = viewContext(many);

describe('hostile queries', () => {
  it('10,000 notes: WHERE, SORT and LIMIT give the right rows', () => {
    const view = onlyView(evaluateDataview('TABLE rating\nWHERE rating > 5000\nSORT rating DESC', context));
    const rows = rowsOf(view);
    expect(rows).toHaveLength(4999);
    expect(rows[0]).toEqual(['N9999', '9999']);
    expect(rows.at(-1)).toEqual(['N5001', '5001']);
  });

  it('10,000 notes: GROUP BY counts and sums each group, within the step budget', () => {
    const rows = rowsOf(onlyView(evaluateDataview('TABLE length(rows), sum(rows.rating)\nWHERE contains(string(rating), "") and rating % 1 = 0\nGROUP BY bucket', context)));
    // Bucket b holds ratings 10k + b for k = 0…999: their sum is 10 × (999 × 1000 / 2) + 1000 × b.
    expect(rows).toEqual(Array.from({ length: 10 }, (_, b) => [String(b), '1000', String(4_995_000 + 1000 * b)]));
  });

  it('an expression erroring on some of 10,000 notes drops those rows and reports one problem', () => {
    // score is the text "none" on the 100 notes whose number is a multiple of 100, and "none" - 1 has no meaning.
    const failing = evaluateDataview('LIST\nWHERE score - 1 < 50', context);
    expect(rowsOf(failing.views[0]!)).toHaveLength(50);
    expect(failing.problems).toHaveLength(1);
    expect(failing.problems[0]).toMatchObject({ line: 2 });
    expect(failing.problems[0]!.message).toMatch(/100 of 10000 rows/);
  });

  it('a regular expression that repeats a repetition is refused, not run against a long text', () => {
    const notes = [viewNote('Long.md', { properties: { text: `${'a'.repeat(40)}!` } })];
    const outcome = evaluateDataview('LIST\nWHERE regextest("^(a+)+$", text)', viewContext(notes));
    expect(outcome.views).toEqual([]);
    expect(outcome.problems.map((p) => p.message)).toEqual([expect.stringMatching(/repeats a repetition/)]);
  });

  it('a query spending more than its step budget stops with a problem', () => {
    const outcome = evaluateDataview('LIST\nWHERE length(filter(split(padleft("", 100000), ""), (x) => x = " ")) > 0', context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]!.message).toMatch(/evaluation steps/);
  });

  it('brackets nested as deep as the garden reads (100) still evaluate', () => {
    const view = onlyView(evaluateDataview(`LIST WHERE ${'('.repeat(100)}rating = 3${')'.repeat(100)}`, viewContext(many.slice(0, 5))));
    expect(rowsOf(view)).toEqual([['N3']]);
  });

  it('deeply nested brackets are refused before reading', () => {
    const deep = `LIST WHERE ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    const outcome = evaluateDataview(deep, context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems[0]!.message).toMatch(/nests brackets/);
  });

  it('a long chain of operators or negations ends as a problem, not a stack overflow', () => {
    const chain = evaluateDataview(`LIST WHERE ${Array.from({ length: 5000 }, () => '1').join(' + ')} > 0`, viewContext(many.slice(0, 3)));
    expect(chain.views).toEqual([]);
    expect(chain.problems[0]!.message).toMatch(/nests more than/);
    const bangs = evaluateDataview(`LIST WHERE ${'!'.repeat(20_000)}true`, viewContext(many.slice(0, 3)));
    expect(bangs.views).toEqual([]);
    expect(bangs.problems).toHaveLength(1);
  });

  it('a FROM of thousands of joined sources, or of stacked negations, ends as a problem', () => {
    const small = viewContext(many.slice(0, 3));
    const joined = evaluateDataview(`LIST FROM ${Array.from({ length: 12_000 }, () => '#a').join(' or ')}`, small);
    expect(joined.views).toEqual([]);
    expect(joined.problems).toHaveLength(1);
    const negated = evaluateDataview(`LIST FROM ${'-'.repeat(30_000)}#a`, small);
    expect(negated.views).toEqual([]);
    expect(negated.problems).toHaveLength(1);
  });

  it('a 1 MB query is refused with a problem', () => {
    const huge = `LIST WHERE file.name = "${'a'.repeat(1_000_000)}"`;
    const outcome = evaluateDataview(huge, context);
    expect(outcome.views).toEqual([]);
    expect(outcome.problems[0]!.message).toMatch(/characters long/);
    expect((evaluateInline(`"${'a'.repeat(1_000_000)}"`, context) as ViewProblem).message).toMatch(/characters long/);
  });

  it('a lambda that calls itself through its argument stops on the budget or nesting limit', () => {
    const outcome = evaluateDataview('LIST\nWHERE map([(f) => f(f)], (g) => g(g))', viewContext(many.slice(0, 2)));
    expect(outcome.views).toEqual([]);
    expect(outcome.problems).toHaveLength(1);
  });
});
