/*
 * The CommonMark 0.31.2 spec examples (the `commonmark-spec` package) and the GFM 0.29 extension
 * examples (tests/fixtures/spec/gfm-0.29-extensions.json) rendered through the garden's pipeline
 * (the fixture pipeline, against the plugins' fake vault, a fresh file each) and compared with the spec's HTML after the
 * normalization the reference implementations' spec runners use (tests/helpers/spec-html.ts).
 *
 * - Every example renders as the spec says, or is in the one list of intended differences
 *   (tests/fixtures/spec/intended-differences.ts), each with its reason.
 * - Every listed example does differ (no stale entries).
 * - Each example is also rendered by plain remark-parse + remark-gfm: a listed example that plain
 *   remark renders as the spec says differs for one of the garden's own rules, never "remark does
 *   it too"; one listed as remark's doing does differ in plain remark, and the garden adds nothing.
 * - A difference no rule explains is a bug: PENDING_BUGS, one failing test each until it is fixed.
 *
 * Nothing is fetched: the examples come from node_modules and the repository.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { FIXTURE_PATH, FIXTURE_PIPELINE, fixtureNoteData } from '../helpers/markdown-plugin.ts';
import { normalizeHtml } from '../helpers/spec-html.ts';
import {
  GARDEN_KINDS,
  INTENDED_DIFFERENCES,
  KINDS,
  PENDING_BUGS,
  type GardenKind,
  type Kind,
  type Suite,
} from '../fixtures/spec/intended-differences.ts';

interface Example {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const require = createRequire(import.meta.url);
const SUITES: Record<Suite, Example[]> = {
  commonmark: (require('commonmark-spec') as { tests: Example[] }).tests,
  gfm: JSON.parse(fs.readFileSync(new URL('../fixtures/spec/gfm-0.29-extensions.json', import.meta.url), 'utf8')) as Example[],
};
const SUITE_NAMES = Object.keys(SUITES) as Suite[];

/** The spec writes a tab as `→` (commonmark.js's and cmark's runners replace it). */
const tabs = (text: string) => text.replace(/→/g, '\t');

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).freeze();

interface Result {
  suite: Suite;
  example: Example;
  markdown: string;
  spec: string;
  garden: string;
  plain: string;
  gardenMatches: boolean;
  plainMatches: boolean;
}

const key = (suite: Suite, number: number) => `${suite} ${number}`;
const results = new Map<string, Result>();

async function renderGarden(markdown: string): Promise<string> {
  const rendered = await FIXTURE_PIPELINE.note(markdown, FIXTURE_PATH, fixtureNoteData());
  return rendered.body
    .flatMap((chunk) => chunk.parts)
    .filter((part) => typeof part === 'string')
    .join('');
}

beforeAll(async () => {
  for (const suite of SUITE_NAMES) {
    for (const example of SUITES[suite]) {
      const markdown = tabs(example.markdown);
      const spec = tabs(example.html);
      const garden = await renderGarden(markdown);
      const plainHtml = String(await plain.process(markdown));
      const wanted = normalizeHtml(spec);
      results.set(key(suite, example.number), {
        suite,
        example,
        markdown,
        spec,
        garden,
        plain: plainHtml,
        gardenMatches: normalizeHtml(garden) === wanted,
        plainMatches: normalizeHtml(plainHtml) === wanted,
      });
    }
  }
}, 120_000);

const listed = Object.entries(INTENDED_DIFFERENCES).flatMap(([kind, entries]) => entries.map((entry) => ({ ...entry, kind: kind as Kind })));
const listedByKey = new Map(listed.map((entry) => [key(entry.suite, entry.number), entry]));
const bugsByKey = new Map(PENDING_BUGS.map((bug) => [key(bug.suite, bug.number), bug]));
const isGardenKind = (kind: Kind): kind is GardenKind => (GARDEN_KINDS as readonly string[]).includes(kind);

const result = (suite: Suite, number: number): Result => {
  const found = results.get(key(suite, number));
  if (!found) throw new Error(`${suite} has no example ${number}`);
  return found;
};

/** An example as a failure message shows it. */
const show = (r: Result, extra: Record<string, string> = {}) => ({
  example: `${r.suite} ${r.example.number} (${r.example.section})`,
  markdown: r.markdown,
  spec: r.spec,
  garden: r.garden,
  ...extra,
});

describe('the spec examples', () => {
  it('are the 652 of CommonMark 0.31.2 and the 24 of the GFM 0.29 extensions', () => {
    expect(SUITES.commonmark).toHaveLength(652);
    expect(SUITES.commonmark.map((e) => e.number)).toEqual(SUITES.commonmark.map((_, i) => i + 1));
    expect(SUITES.gfm).toHaveLength(24);
    expect(new Set(SUITES.gfm.map((e) => e.section))).toEqual(
      new Set(['Tables (extension)', 'Task list items (extension)', 'Strikethrough (extension)', 'Autolinks (extension)', 'Disallowed Raw HTML (extension)']),
    );
    expect(new Set(SUITES.gfm.map((e) => e.number)).size).toBe(24);
  });
});

describe('the HTML normalizer (tests/helpers/spec-html.ts)', () => {
  it("does what cmark's normalize.py does", () => {
    expect(normalizeHtml('<p>a  \t b</p>')).toBe('<p>a b</p>');
    expect(normalizeHtml('<p>a  \t\nb</p>')).toBe('<p>a b</p>');
    expect(normalizeHtml(' <p>a  b</p>')).toBe('<p>a b</p>');
    expect(normalizeHtml('<p>a  b</p> ')).toBe('<p>a b</p>');
    expect(normalizeHtml('\n\t<p>\n\t\ta  b\t\t</p>\n\t')).toBe('<p>a b</p>');
    expect(normalizeHtml('<p><i>a  b</i> c</p>')).toBe('<p><i>a b</i> c</p>');
    expect(normalizeHtml('<br />')).toBe('<br>');
    expect(normalizeHtml('<p>a<br />\nb</p>')).toBe('<p>a<br>b</p>');
    expect(normalizeHtml('<a title="bar" HREF="foo">x</a>')).toBe('<a href="foo" title="bar">x</a>');
    expect(normalizeHtml('&forall;&amp;&gt;&lt;&quot;')).toBe('\u2200&amp;&gt;&lt;&quot;');
    expect(normalizeHtml('<pre><code>a  \n  b\n</code></pre>')).toBe('<pre><code>a  \n  b\n</code></pre>');
  });

  it('reads the same HTML written two ways as the same', () => {
    expect(normalizeHtml('<p>&#x3C;a> &#39;b&#39;</p>')).toBe(normalizeHtml('<p>&lt;a&gt; \'b\'</p>'));
    expect(normalizeHtml('<input type="checkbox" disabled>')).toBe(normalizeHtml('<input disabled="" type="checkbox" />'));
    expect(normalizeHtml('<DIV CLASS="x">y</DIV>')).toBe(normalizeHtml('<div class="x">y</div>'));
  });

  it('keeps every real difference', () => {
    const differ = (a: string, b: string) => expect(normalizeHtml(a), `${a} vs ${b}`).not.toBe(normalizeHtml(b));
    differ('<p>foo</p>', '<p>fo</p>');
    differ('<p>foo bar</p>', '<p>foobar</p>');
    differ('<p><em>a</em></p>', '<p><strong>a</strong></p>');
    differ('<p><em>a</em> b</p>', '<p><em>a b</em></p>');
    differ('<p>a</p>', '<div>a</div>');
    differ('<div><p>a</p></div>', '<div></div><p>a</p>');
    differ('<a href="/url">a</a>', '<a href="/url2">a</a>');
    differ('<a href="my%20url">a</a>', '<a href="my url">a</a>');
    differ('<a href="/url">a</a>', '<a href="/url" title="t">a</a>');
    differ('<a href="/url">a</a>', '<span>a</span>');
    differ('<h1>a</h1>', '<h1 id="a">a</h1>');
    differ('<p>a<!-- b --></p>', '<p>a</p>');
    differ('<p>a</p>', '<p>a</p><hr>');
    differ('<pre><code>a  b</code></pre>', '<pre><code>a b</code></pre>');
    differ('<p>&amp;ouml;</p>', '<p>&ouml;</p>');
    // …but an unknown reference is its text, as in HTML: `&hl;` is `&amp;hl;`.
    expect(normalizeHtml('<p>&hl;</p>')).toBe(normalizeHtml('<p>&amp;hl;</p>'));
    differ('<p>&lt;b&gt;</p>', '<p><b></p>');
    differ('<p><a></p>', '<p><a></a></p>');
  });
});

describe('the list of intended differences', () => {
  it('names each example once, with a kind of the list and a specific reason', () => {
    expect(listed.length).toBe(listedByKey.size);
    for (const entry of listed) {
      expect(results.has(key(entry.suite, entry.number)), `${key(entry.suite, entry.number)} is no example`).toBe(true);
      expect(Object.keys(KINDS)).toContain(entry.kind);
      expect(entry.reason.length, `${key(entry.suite, entry.number)}: say what the garden does to it`).toBeGreaterThan(15);
      expect(bugsByKey.has(key(entry.suite, entry.number)), `${key(entry.suite, entry.number)} is listed as intended and as a bug`).toBe(false);
    }
    for (const bug of PENDING_BUGS) expect(results.has(key(bug.suite, bug.number)), `${key(bug.suite, bug.number)} is no example`).toBe(true);
  });
});

for (const suite of SUITE_NAMES) {
  describe(`${suite} spec`, () => {
    it('renders every example the list does not name as the spec says', () => {
      const unexpected = [...results.values()]
        .filter((r) => r.suite === suite && !r.gardenMatches && !listedByKey.has(key(suite, r.example.number)) && !bugsByKey.has(key(suite, r.example.number)))
        .map((r) => show(r));
      expect(unexpected, 'examples that differ from the spec and are in no list: look at each, then fix it, or list it with its reason').toEqual([]);
    });

    it('renders every example the list names differently from the spec (no stale entries)', () => {
      const stale = listed.filter((entry) => entry.suite === suite && result(suite, entry.number).gardenMatches).map((entry) => `${entry.kind}: ${suite} ${entry.number}`);
      expect(stale, 'these render as the spec says now: take them off the list').toEqual([]);
    });

    it("gives one of the garden's own rules for every listed example that plain remark + remark-gfm renders as the spec says", () => {
      const unexplained = listed
        .filter((entry) => entry.suite === suite && result(suite, entry.number).plainMatches && !isGardenKind(entry.kind))
        .map((entry) => show(result(suite, entry.number), { kind: entry.kind, plain: result(suite, entry.number).plain }));
      expect(unexplained).toEqual([]);
    });

    it("lists as remark-gfm's only what plain remark + remark-gfm renders that way too, the garden adding nothing", () => {
      const wrong = listed
        .filter((entry) => entry.suite === suite && entry.kind === 'remark-gfm')
        .map((entry) => result(suite, entry.number))
        .filter((r) => r.plainMatches || normalizeHtml(r.garden) !== normalizeHtml(r.plain))
        .map((r) => show(r, { plain: r.plain }));
      expect(wrong).toEqual([]);
    });

    it('differs by heading ids alone where the list says so, by code highlighting alone, and by the table\'s box alone', () => {
      const without: Partial<Record<Kind, (html: string) => string>> = {
        'heading-ids': (html) => html.replace(/(<h[1-6]) id="[^"]*"/g, '$1'),
        'scrolling-tables': (html) => html.replace(/<div class="table-scroll" tabindex="0">(<table>[\s\S]*?<\/table>)<\/div>/g, '$1'),
        'code-highlighting': (html) =>
          html.replace(/<code class="hljs ([^"]*)">([\s\S]*?)<\/code>/g, (_, classes: string, code: string) => `<code class="${classes}">${code.replace(/<\/?span[^>]*>/g, '')}</code>`),
      };
      const wrong = listed
        .filter((entry) => entry.suite === suite && without[entry.kind])
        .map((entry) => ({ entry, r: result(suite, entry.number) }))
        .filter(({ entry, r }) => without[entry.kind]!(normalizeHtml(r.garden)) !== normalizeHtml(r.spec))
        .map(({ entry, r }) => show(r, { kind: entry.kind }));
      expect(wrong).toEqual([]);
    });
  });
}

/*
 * Bugs found by these suites, each red until the garden renders the example as it should (see
 * PENDING_BUGS for the diagnosis). Once one passes, take it off PENDING_BUGS, and put it on the
 * list of intended differences when `otherwise` names a rule.
 */
// Only while there are any: an empty describe is an error.
if (PENDING_BUGS.length > 0) describe('pending bugs (each fails until fixed)', () => {
  for (const bug of PENDING_BUGS) {
    it(`${bug.suite} ${bug.number}: ${bug.plugin}`, () => {
      const r = result(bug.suite, bug.number);
      const expected = bug.expected ?? r.spec;
      expect(normalizeHtml(r.garden), `${bug.diagnosis}\n\nmarkdown: ${JSON.stringify(r.markdown)}\nspec:     ${JSON.stringify(r.spec)}\ngarden:   ${JSON.stringify(r.garden)}`).toBe(
        normalizeHtml(expected),
      );
    });
  }
});

/** For a reader of the test's output: how many examples pass, and why the others differ. */
describe('summary', () => {
  it('counts', () => {
    const counts = Object.fromEntries(
      SUITE_NAMES.map((suite) => {
        const all = [...results.values()].filter((r) => r.suite === suite);
        const byKind: Record<string, number> = {};
        for (const entry of listed.filter((e) => e.suite === suite)) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
        return [
          suite,
          {
            examples: all.length,
            garden: all.filter((r) => r.gardenMatches).length,
            plainRemark: all.filter((r) => r.plainMatches).length,
            intended: byKind,
            bugs: PENDING_BUGS.filter((b) => b.suite === suite).map((b) => b.number),
          },
        ];
      }),
    );
    console.log(JSON.stringify(counts, null, 2));
    expect(results.size).toBe(SUITES.commonmark.length + SUITES.gfm.length);
  });
});
