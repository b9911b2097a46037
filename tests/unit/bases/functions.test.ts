import { describe, expect, it } from 'vitest';
import { EvalError } from '../../../src/garden/assemble/views/bases/runtime.ts';
import { viewNote } from '../../helpers/view-context.ts';
import { run, text } from './run.ts';

/*
 * Bases' functions, group by group as help.obsidian.md ("Functions") lists them, with the page's
 * own examples. "Now" is 2026-06-15T12:00Z in UTC (tests/helpers/view-context.ts).
 */

const coffee = viewNote('Notes/Coffee.md', {
  properties: { price: 4, age: 2, tags: ['drink'], 'my prop': 'spaced', categories: ['[[Drinks]]'] },
  tags: ['drink/hot', 'morning'],
  links: ['Notes/Tea.md'],
  embeds: ['Attachments/cup.jpg'],
  backlinks: ['Notes/Tea.md'],
  size: 1234,
  ctime: '2024-01-02T03:04:05.000Z',
  mtime: '2026-06-10T08:00:00.000Z',
});
const tea = viewNote('Notes/Tea.md', { links: ['Notes/Coffee.md'], properties: { price: 2 } });
const notes = [coffee, tea];

describe('Bases functions (help.obsidian.md, Functions)', () => {
  it('global: if, list, number, max, min, escapeHTML, link, file, date, duration, now, today', () => {
    expect(run('if(price, price.toFixed(2) + " dollars")', { row: coffee })).toBe('4.00 dollars');
    expect(run('if(price, price.toFixed(2) + " dollars")', { row: viewNote('Empty.md') })).toBeNull();
    expect(run('if(price > 3, "dear", "cheap")', { row: tea })).toBe('cheap');
    expect(run('list("value")')).toEqual(['value']);
    expect(run('list([1, 2])')).toEqual([1, 2]);
    expect(run('number("3.4")')).toBe(3.4);
    expect(run('number(true)')).toBe(1);
    expect(run('number(date("1970-01-02 00:00:00"))')).toBe(86_400_000);
    expect(() => run('number("three")')).toThrow(EvalError);
    expect(run('max(1, 5, 3)')).toBe(5);
    expect(run('min(4, 2, 9)')).toBe(2);
    expect(run('escapeHTML("<b>Tom & \\"Jerry\\"</b>")')).toBe('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(run('link("Coffee", "a cup")')).toMatchObject({ kind: 'link', target: 'Coffee', display: 'a cup' });
    expect(run('file("Notes/Tea")', { row: coffee, notes })).toMatchObject({ kind: 'file', note: { path: 'Notes/Tea.md' } });
    expect(run('file("Unknown note")', { row: coffee, notes })).toBeNull();
    expect(text('date("2024-12-01") + "1M" + "4h" + "3m"')).toBe('2025-01-01 04:03:00');
    expect(text('today()')).toBe('2026-06-15');
    expect(text('now()')).toBe('2026-06-15 12:00:00');
    // `(now() + "1d") - now()` returns 86400000 milliseconds (Bases syntax, Dates and durations).
    expect(run('number((now() + "1d") - now())')).toBe(86_400_000);
    expect(run('((now() + "1d") - now()) == 86400000')).toBe(true);
    expect(text('now() + (duration("1d") * 2)')).toBe('2026-06-17 12:00:00');
    expect(run('number(duration("5h") * 2)')).toBe(10 * 3_600_000);
    expect(() => run('random()')).toThrow(/random\(\) is not one the garden can evaluate/);
  });

  it('global, early beta (the first Functions page, still in kepano’s Shows.base): not, empty, notEmpty, contains…, taggedWith, linksTo, inFolder', () => {
    const at = { row: coffee, notes };
    expect(run('not(empty(note.last))', at)).toBe(false);
    expect(run('notEmpty(tags)', at)).toBe(true);
    expect(run('contains(tags, "drink")', at)).toBe(true);
    expect(run('containsAny(tags, "x", "drink")', at)).toBe(true);
    expect(run('containsAll(tags, "x", "drink")', at)).toBe(false);
    expect(run('containsNone(tags, "x", "y")', at)).toBe(true);
    expect(run('taggedWith(file.file, "drink")', at)).toBe(true);
    expect(run('linksTo(file.file, "Tea")', at)).toBe(true);
    expect(run('inFolder(file.file, "Notes")', at)).toBe(true);
  });

  it('date arithmetic: durations in every unit the syntax page lists, and date − date', () => {
    expect(text('date("2024-01-31") + "1 month"')).toBe('2024-02-29');
    expect(text('date("2024-01-01") + "2w"')).toBe('2024-01-15');
    expect(text('date("2024-01-01") + "1y"')).toBe('2025-01-01');
    expect(text('date("2024-01-01 10:00:00") - "90 minutes"')).toBe('2024-01-01 08:30:00');
    expect(text('date("2024-01-01 10:00:00") + "30s"')).toBe('2024-01-01 10:00:30');
    expect(run('file.mtime > now() - "1 week"', { row: coffee })).toBe(true);
    expect(run('file.ctime > now() - "1 week"', { row: coffee })).toBe(false);
    expect(run('(date("2026-06-15") - date("2026-06-01")).days')).toBe(14);
    // An age in whole years, as the kepano vault's People.base computes it.
    expect(run('(now() - date("1990-06-16")).years.floor()')).toBe(35);
    expect(run('(now() - date("1990-06-15")).years.floor()')).toBe(36);
    const log = viewNote('Log.md', { properties: { created: '2024-03-01' } });
    expect(text('created + "1d"', { row: log })).toBe('2024-03-02');
    expect(run('created + " (draft)"', { row: log })).toBe('2024-03-01 (draft)');
    expect(run('created == date("2024-03-01")', { row: log })).toBe(true);
    expect(run('created.contains("03")', { row: log })).toBe(true);
  });

  it('any: isTruthy, isType, toString', () => {
    expect(run('1.isTruthy()')).toBe(true);
    expect(run('0.isTruthy()')).toBe(false);
    expect(run('"example".isType("string")')).toBe(true);
    expect(run('true.isType("boolean")')).toBe(true);
    expect(run('[1].isType("list")')).toBe(true);
    expect(run('123.toString()')).toBe('123');
  });

  it('date: fields, date(), format(), time(), relative(), isEmpty()', () => {
    const at = 'date("2025-05-27 13:45:30")';
    expect([`${at}.year`, `${at}.month`, `${at}.day`, `${at}.hour`, `${at}.minute`, `${at}.second`, `${at}.millisecond`].map((e) => run(e))).toEqual([2025, 5, 27, 13, 45, 30, 0]);
    expect(run('date("2025-05-27").format("YYYY-MM-DD")')).toBe('2025-05-27');
    expect(run('now().date().format("YYYY-MM-DD HH:mm:ss")')).toBe('2026-06-15 00:00:00');
    expect(run(`${at}.format("dddd, MMMM Do YYYY [at] h:mm A")`)).toBe('Tuesday, May 27th 2025 at 1:45 PM');
    expect(run('now().time()')).toBe('12:00:00');
    expect(run('date("2026-06-12 12:00:00").relative()')).toBe('3 days ago');
    expect(run('date("2025-05-27").isEmpty()')).toBe(false);
  });

  it('string: every method and length, with the page’s examples', () => {
    expect(run('"hello".contains("ell")')).toBe(true);
    expect(run('"hello".containsAll("h", "e")')).toBe(true);
    expect(run('"hello".containsAll("h", "z")')).toBe(false);
    expect(run('"hello".containsAny("x", "y", "e")')).toBe(true);
    expect(run('"hello".endsWith("lo")')).toBe(true);
    expect(run('"hello".startsWith("he")')).toBe(true);
    expect(run('"Hello world".isEmpty()')).toBe(false);
    expect(run('"".isEmpty()')).toBe(true);
    expect(run('missing.isEmpty()', { row: coffee })).toBe(true);
    expect(run('"HeLLo".lower()')).toBe('hello');
    expect(run('"a,b,c,d".replace(/,/, "-")')).toBe('a-b,c,d');
    expect(run('"a,b,c,d".replace(/,/g, "-")')).toBe('a-b-c-d');
    expect(run('"a,b,c,d".replace(",", "-")')).toBe('a-b-c-d');
    expect(run('"123".repeat(2)')).toBe('123123');
    expect(run('"hello".reverse()')).toBe('olleh');
    expect(run('"hello".slice(1, 4)')).toBe('ell');
    expect(run('"hello".slice(1)')).toBe('ello');
    expect(run('"a,b,c,d".split(",", 3)')).toEqual(['a', 'b', 'c']);
    expect(run('"a,b,c,d".split(/,/, 3)')).toEqual(['a', 'b', 'c']);
    expect(run('"hello world".title()')).toBe('Hello World');
    expect(run('"  hi  ".trim()')).toBe('hi');
    expect(run('"hello".length')).toBe(5);
  });

  it('number: abs, ceil, floor, isEmpty, round, toFixed', () => {
    expect(run('(-5).abs()')).toBe(5);
    expect(run('(2.1).ceil()')).toBe(3);
    expect(run('(2.9).floor()')).toBe(2);
    expect(run('5.isEmpty()')).toBe(false);
    expect(run('(2.5).round()')).toBe(3);
    expect(run('(2.3333).round(2)')).toBe(2.33);
    expect(run('(3.14159).toFixed(2)')).toBe('3.14');
    expect(run('(price / age).toFixed(2)', { row: coffee })).toBe('2.00');
    expect(run('7 % 3 + 2 * 3 - 1')).toBe(6);
  });

  it('list: every method, filter/map/reduce with value, index and acc, indexing', () => {
    expect(run('[1,2,3].contains(2)')).toBe(true);
    expect(run('[1,2,3].containsAll(2,3)')).toBe(true);
    expect(run('[1,2,3].containsAny(3,4)')).toBe(true);
    expect(run('[1,2,3].containsAny(5,4)')).toBe(false);
    expect(run('[1,2,3,4].filter(value > 2)')).toEqual([3, 4]);
    expect(run('[10,20,30].filter(index > 0)')).toEqual([20, 30]);
    expect(run('[1,[2,3]].flat()')).toEqual([1, 2, 3]);
    expect(run('[1,2,3].isEmpty()')).toBe(false);
    expect(run('[].isEmpty()')).toBe(true);
    expect(run('[1,2,3].join(",")')).toBe('1,2,3');
    expect(run('[1,2,3,4].map(value + 1)')).toEqual([2, 3, 4, 5]);
    expect(run('[1,2,3].reduce(acc + value, 0)')).toBe(6);
    expect(run('[3, "x", 7, 5].filter(value.isType("number")).reduce(if(acc == null || value > acc, value, acc), null)')).toBe(7);
    expect(run('["a"].filter(value.isType("number")).reduce(if(acc == null || value > acc, value, acc), null)')).toBeNull();
    expect(run('[1,2,3].reverse()')).toEqual([3, 2, 1]);
    expect(run('[1,2,3,4].slice(1,3)')).toEqual([2, 3]);
    expect(run('[3, 1, 2].sort()')).toEqual([1, 2, 3]);
    expect(run('["c", "a", "b"].sort()')).toEqual(['a', 'b', 'c']);
    expect(run('[1,2,2,3].unique()')).toEqual([1, 2, 3]);
    expect(run('[1,2,3].length')).toBe(3);
    expect(run('tags[0]', { row: coffee })).toBe('drink');
    expect(run('[1,2,3].mean()')).toBe(2);
  });

  it('link: asFile(), linksTo(), and equality by resolved target', () => {
    expect(run('link("Tea").asFile()', { row: coffee, notes })).toMatchObject({ kind: 'file', note: { path: 'Notes/Tea.md' } });
    expect(run('link("[[Tea]]").asFile().file.path', { row: coffee, notes })).toBe('Notes/Tea.md');
    expect(run('link("Nowhere").asFile()', { row: coffee, notes })).toBeNull();
    expect(run('link("Tea").linksTo(file)', { row: coffee, notes })).toBe(true);
    expect(run('file.embeds[0].containsAny("png", "jpg")', { row: coffee, notes })).toBe(true);
    expect(run('link("Coffee").linksTo(file)', { row: coffee, notes })).toBe(false);
    expect(run('link("Tea") == link("Notes/Tea")', { row: coffee, notes })).toBe(true);
    expect(run('link("Tea") == file("Notes/Tea")', { row: coffee, notes })).toBe(true);
    // Unresolved links are equal only when their written targets are.
    expect(run('link("Drinks") == link("Drinks")', { row: coffee, notes })).toBe(true);
    expect(run('link("Drinks") == link("Food")', { row: coffee, notes })).toBe(false);
    expect(run('categories.contains(link("Drinks"))', { row: coffee, notes })).toBe(true);
    // A list given to containsAny stands for its items, as kepano's Map.base asks: `list(loc).containsAny(this.related)`.
    const kyoto = viewNote('Kyoto.md', { properties: { related: ['[[Japan]]', '[[Tea]]'] } });
    expect(run('list(loc).containsAny(this.related)', { row: viewNote('Uji.md', { properties: { loc: '[[Tea]]' } }), self: kyoto, notes })).toBe(true);
    expect(run('list(loc).containsAny(this.related)', { row: viewNote('Nara.md', { properties: { loc: '[[Osaka]]' } }), self: kyoto, notes })).toBe(false);
  });

  it('file: fields, asLink(), hasLink(), hasProperty(), hasTag() with nested tags, inFolder() with sub-folders', () => {
    const at = { row: coffee, notes };
    expect(['name', 'basename', 'path', 'folder', 'ext', 'size'].map((field) => run(`file.${field}`, at))).toEqual(['Coffee.md', 'Coffee', 'Notes/Coffee.md', 'Notes', 'md', 1234]);
    expect(text('file.ctime', at)).toBe('2024-01-02 03:04:05');
    expect(run('file.tags', at)).toEqual(['drink/hot', 'morning']);
    expect(run('file.links[0].asFile().file.name', at)).toBe('Tea.md');
    expect(run('file.backlinks.length + file.embeds.length', at)).toBe(2);
    expect(run('file.properties.price', at)).toBe(4);
    expect(run('note["my prop"]', at)).toBe('spaced');
    expect(run('file.asLink()', at)).toMatchObject({ kind: 'link', target: 'Notes/Coffee' });
    expect(run('file.hasLink("Tea")', at)).toBe(true);
    expect(run('file.hasLink(file("Notes/Tea"))', at)).toBe(true);
    expect(run('file.hasLink("Coffee")', at)).toBe(false);
    expect(run('file.hasProperty("price")', at)).toBe(true);
    expect(run('file.hasProperty("colour")', at)).toBe(false);
    expect(run('file.hasTag("drink")', at)).toBe(true);
    expect(run('file.hasTag("tea", "morning")', at)).toBe(true);
    expect(run('file.hasTag("dri")', at)).toBe(false);
    expect(run('file.inFolder("Notes")', at)).toBe(true);
    expect(run('file.inFolder("Not")', at)).toBe(false);
    expect(run('file.inFolder("Notes")', { row: viewNote('Notes/Deep/Down.md') })).toBe(true);
    expect(run('file.ext == "md"', at)).toBe(true);
  });

  it('object: isEmpty(), keys(), values(), and member access', () => {
    expect(run('{}.isEmpty()')).toBe(true);
    expect(run('{"a": 1, "b": 2}.keys()')).toEqual(['a', 'b']);
    expect(run('{"a": 1, "b": 2}.values()')).toEqual([1, 2]);
    expect(run('{"a": 1, "b": {"c": 3}}.b.c')).toBe(3);
    expect(run('{"a": 1}["a"]')).toBe(1);
  });

  it('regular expression: matches()', () => {
    expect(run('/abc/.matches("abcde")')).toBe(true);
    expect(run('/^b/.matches("abc")')).toBe(false);
    expect(run('/ABC/i.matches("xabc")')).toBe(true);
  });

  it('operators: comparison, boolean, precedence', () => {
    expect(run('1 + 2 * 3 == 7 && !(2 > 3) || false')).toBe(true);
    expect(run('"a" != "b"')).toBe(true);
    expect(run('3 >= 3 && 2 <= 1')).toBe(false);
    expect(run('radius * (2 * 3.14)', { row: viewNote('C.md', { properties: { radius: 2 } }) })).toBeCloseTo(12.56);
    expect(run('missing > 0', { row: coffee })).toBe(false);
    expect(run('"b" > "a"')).toBe(true);
  });
});
