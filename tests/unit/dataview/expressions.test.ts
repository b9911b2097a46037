import { describe, expect, it } from 'vitest';
import { evaluateInline } from '../../../src/garden/assemble/views/dataview/evaluate-dataview.ts';
import type { Cell, ViewProblem } from '../../../src/garden/assemble/views/types.ts';
import { viewContext, viewNote } from '../../helpers/view-context.ts';
import { textOf } from './cell-text.ts';

/*
 * Dataview's expressions and functions, through inline queries (`= expression`), with the examples
 * of its "Literals", "Expressions" and "Functions" pages; the expected texts are the docs' results,
 * shown as Dataview shows them (a list as "a, b", null as nothing).
 */

const game = viewNote('Games/Celeste.md', { properties: { rating: 9, 'Due Date': '2024-05-01' }, inlineFields: { status: ['playing'] } });
const hades = viewNote('Games/Hades.md', { properties: { rating: 10 } });
const context = viewContext([game, hades], game);

function inline(expression: string): string {
  const result = evaluateInline(expression, context);
  if (!('kind' in result)) throw new Error(`problem: ${result.message}`);
  return textOf(result as Cell);
}

const DOCS_EXAMPLES: [string, string][] = [
  // Literals and operators.
  ['1 + 2 * 3', '7'],
  ['(1 + 2) * 3', '9'],
  ['7 % 4', '3'],
  ['"a" + 1', 'a1'],
  ['"ab" * 2', 'abab'],
  ['[1, 2] + [3]', '1, 2, 3'],
  ['{ a: 1, b: 2 }.b', '2'],
  ['[1, 2, 3][1]', '2'],
  ['"hello"[1]', 'e'],
  ['!true', 'false'],
  ['true and false', 'false'],
  ['true | false', 'true'],
  ['1 < "a"', 'true'],
  ['date(2024-03-01).month', '3'],
  ['dur(2 hours).minutes', '120'],
  ['(date(2024-01-08) - date(2024-01-01)).days', '7'],
  ['date(2021-08-15T09:30)', '9:30 AM - August 15, 2021'],
  ['date(today)', 'June 15, 2026'],
  // Constructors.
  ['length(object("a", 4, "c", "yes"))', '2'],
  ['list("a", "b", "c")', 'a, b, c'],
  ['date("2020-04-18")', 'April 18, 2020'],
  ['date("12/31/2022", "MM/dd/yyyy")', 'December 31, 2022'],
  ['dur(8 minutes)', '8 minutes'],
  ['dur("8 minutes, 4 seconds")', '8 minutes, 4 seconds'],
  ['number("18 years")', '18'],
  ['number(34)', '34'],
  ['number("hmm")', ''],
  ['string(18)', '18'],
  ['string(dur(8 hours))', '8 hours'],
  ['link("Hades", "Goodbye")', 'Goodbye'],
  ['typeof(8)', 'number'],
  ['typeof("text")', 'string'],
  ['typeof([1, 2, 3])', 'array'],
  ['typeof({ a: 1, b: 2 })', 'object'],
  ['typeof(date(2020-01-01))', 'date'],
  ['typeof(dur(8 minutes))', 'duration'],
  // Numeric operations.
  ['round(16.555555)', '17'],
  ['round(16.555555, 2)', '16.56'],
  ['trunc(-93.33333)', '-93'],
  ['floor(-0.837764)', '-1'],
  ['ceil(-93.33333)', '-93'],
  ['min(1, 2, 3)', '1'],
  ['max([1, 2, 3])', '3'],
  ['min("a", "ab", "abc")', 'a'],
  ['max("a", "ab", "abc")', 'abc'],
  ['sum([1, 2, 3])', '6'],
  ['sum([])', ''],
  ['sum(nonnull([null, 1, 8]))', '9'],
  ['product(nonnull([null, 1, 2, 4]))', '8'],
  ['reduce([100, 20, 3], "-")', '77'],
  ['reduce([200, 10, 2], "/")', '10'],
  ['average([1, 2, 3])', '2'],
  ['average(nonnull([null, 1, 2]))', '1.5'],
  ['minby([1, 2, 3], (k) => 0 - k)', '3'],
  ['maxby([1, 2, 3], (k) => 0 - k)', '1'],
  // Objects, arrays and strings.
  ['contains("Hello", "Lo")', 'false'],
  ['contains("Hello", "lo")', 'true'],
  ['icontains("Hello", "Lo")', 'true'],
  ['econtains(["this","is","example"], "ex")', 'false'],
  ['econtains(["this","is","example"], "is")', 'true'],
  ['econtains({key:"value", pairs:"here"}, "here")', 'false'],
  ['econtains({key:"value", pairs:"here"}, "key")', 'true'],
  ['contains(list(1, 2, 3), 3)', 'true'],
  ['containsword("Hello there chaps!", "chap")', 'false'],
  ['containsword("Hello there chaps!", "chaps")', 'true'],
  ['containsword(["word", "Words"], "Word")', 'true, false'],
  ['length(extract(object("test", 1)))', '0'],
  ['sort(list("a", "b", "aa"))', 'a, aa, b'],
  ['reverse(list(1, 2, 3))', '3, 2, 1'],
  ['length(object("hello", 1, "goodbye", 2))', '2'],
  ['nonnull([null, false])', 'false'],
  ['all([1, 2, 3], (x) => x > 1)', 'false'],
  ['all(["apple", "pie", 3], (x) => typeof(x) = "string")', 'false'],
  ['any(list(1, 2, 3), (x) => x > 2)', 'true'],
  ['none([true, true], (x) => x = false)', 'true'],
  ['none(["Apple", "Pi", "Banana"], (x) => startswith(x, "A"))', 'false'],
  ['join(list(1, 2, 3), " ")', '1 2 3'],
  ['join(6)', '6'],
  ['filter(["yes", "no", "yas"], (x) => startswith(x, "y"))', 'yes, yas'],
  ['map(["yes", "no"], (x) => x + "?")', 'yes?, no?'],
  ['flat(list(1, list(21, 22), list(list(311, 312, 313))), 4)', '1, 21, 22, 311, 312, 313'],
  ['slice([1, 2, 3, 4, 5], -2)', '4, 5'],
  ['slice(["ant", "bison", "camel", "duck", "elephant"], 0, 2)', 'ant, bison'],
  ['unique([1, 2, 2, 1])', '1, 2'],
  ['lower(["YES", "NO"])', 'yes, no'],
  ['replace(["yes", "ree"], "e", "a")', 'yas, raa'],
  ['regextest("what", "what\'s up dog?")', 'true'],
  ['regexmatch("what", "what\'s up dog?")', 'false'],
  ['regexmatch("\\w+", "hello")', 'true'],
  ['regexreplace("Suite 1000", "\\d+", "-")', 'Suite -'],
  ['regexreplace("yes", "[ys]", "a")', 'aea'],
  ['join(split("hello there world", "(t?here)"), "|")', 'hello |there| world'],
  ['split("hello there world", " ", 2)', 'hello, there'],
  ['upper("Test")', 'TEST'],
  ['padleft("yes", 5, "!")', '!!yes'],
  ['padright("yes", 5, "!")', 'yes!!'],
  ['substring("hello", 2, 4)', 'll'],
  ['truncate("Hello there!", 8, "/")', 'Hello t/'],
  ['truncate("Hello there!", 10)', 'Hello t...'],
  ['endswith("path/to/something", "something")', 'true'],
  // Utility.
  ['default(list(1, 2, null), 3)', '1, 2, 3'],
  ['length(ldefault(list(1, 2, null), 3))', '3'],
  ['choice(false, "yes", "no")', 'no'],
  ['striptime(date(2024-03-01T09:30))', 'March 01, 2024'],
  ['dateformat(date(2022-01-05T12:18:04), "yyyy-MM-dd")', '2022-01-05'],
  ['dateformat(date(2022-01-05T12:18:04), "HH:mm:ss")', '12:18:04'],
  ['durationformat(dur("3 days 7 hours 43 seconds"), "ddd\'d\' hh\'h\' ss\'s\'")', "003d 07h 43s"],
  ['durationformat(dur("14d"), "s \'seconds\'")', '1209600 seconds'],
  ['meta([[2021-11-01|Displayed link text]]).display', 'Displayed link text'],
  ['meta([[My Project#Next Actions]]).subpath', 'Next Actions'],
  ['meta([[My Project#^9bcbe8]]).subpath', '9bcbe8'],
  ['meta([[My Project#^9bcbe8]]).type', 'block'],
  ['meta([[My Project]]).path', 'My Project'],
];

describe('expressions and functions (the docs examples)', () => {
  it.each(DOCS_EXAMPLES)('%s → %s', (expression, expected) => {
    expect(inline(expression)).toBe(expected);
  });
});

describe('inline queries', () => {
  it('= this.rating reads the note the query is on', () => {
    expect(evaluateInline('this.rating', context)).toEqual({ kind: 'number', value: 9, text: '9' });
  });

  it('= this.file.name, a canonical key (Due Date → due-date), and an inline field', () => {
    expect(inline('this.file.name')).toBe('Celeste');
    expect(inline('this.due-date')).toBe('May 01, 2024');
    expect(inline('this.status')).toBe('playing');
  });

  it('a link to a shared note reaches its fields and shows as a link', () => {
    expect(inline('[[Hades]].rating')).toBe('10');
    expect(evaluateInline('[[Hades]]', context)).toMatchObject({ kind: 'note', text: 'Hades', note: { slug: 'games/hades' } });
  });

  it('elink() is an address; link() to a shared note is a link', () => {
    expect(evaluateInline('elink("https://example.com", "Example")', context)).toEqual({ kind: 'url', href: 'https://example.com', text: 'Example' });
    expect(evaluateInline('link("Hades")', context)).toMatchObject({ kind: 'note', text: 'Hades' });
  });

  it('an inline query that does not parse, or fails, is a problem', () => {
    expect((evaluateInline('this.rating +', context) as ViewProblem).message).toMatch(/could not read/);
    expect((evaluateInline('this.rating - "a"', context) as ViewProblem).message).toMatch(/number - string/);
    expect((evaluateInline('nosuch(1)', context) as ViewProblem).message).toMatch(/nosuch/);
  });
});
