import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeVault } from '../helpers/vault.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { searchWeight } from '../helpers/search-weight.ts';
import { seededRandom } from '../helpers/random.ts';

/*
 * What search costs a visitor, on a garden large enough for it to matter, and whether it stays
 * relevant there. The vault: NOTES short notes (80 words each) drawn from a vocabulary of a few
 * thousand made-up words with a few real ones, common words far more often than rare ones (Zipf),
 * a fifth of the notes private. `we` and `can` are in shared notes; `westrum` and `canary` in none
 * (`canary` only in private notes): Pagefind would backtrack them to `we` and `can`.
 */
const NOTES = 2500;
const WORDS = 80;
/*
 * Budgets, in bytes on the wire (gzip as tests/helpers/serve.ts serves it with `compress`), counted
 * from when the search page has loaded. The issue's targets are for a 10,000-note garden: 150 kB for
 * the first query, 30 kB for each after. They are not scaled down by the garden's size here, because
 * most of a first query is code whose size does not depend on the garden (Pagefind's WebAssembly,
 * 72 kB, and pagefind.js, 13 kB); what grows with it (Pagefind's page list, the index chunk and the
 * results' fragments) was about 40 kB of the first query and all of a next one when this was written
 * (121 kB and 23 kB with 5 results shown; the component UI it replaced: 146 kB and 25 kB after a
 * page 41 kB heavier). The budgets hold the search to what it costs now, with a margin.
 */
const FIRST_BUDGET = 135_000;
const NEXT_BUDGET = 30_000;

const REAL = ['garden', 'gardening', 'we', 'can', 'moss', 'fern', 'oak', 'river', 'running', 'run'];

async function bigVault(): Promise<string> {
  const rand = seededRandom(7);
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'or', 'ni', 'pha', 'dru', 'ce', 'bo', 'ly', 'thi', 'qua'];
  const made = new Set<string>();
  while (made.size < 3000) made.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
  // The real words come first: they are among the common ones.
  const vocabulary = [...REAL, ...[...made].filter((w) => !w.startsWith('we') && !w.startsWith('can'))];
  const word = () => vocabulary[Math.floor(vocabulary.length * rand() ** 3)]!;
  const files: Record<string, string> = {};
  for (let i = 0; i < NOTES; i++) {
    const share = i % 5 !== 0;
    const words = Array.from({ length: WORDS }, word);
    if (!share) words.push('canary', 'westrum');
    const body = `${words.slice(0, 40).join(' ')}.\n\n${words.slice(40).join(' ')}.`;
    const frontmatter = `share: ${share}\ntitle: Note ${i} ${word()}\nstate: ${['seed', 'bud', 'evergreen'][i % 3]}\nmood: ${['Calm', 'Curious', 'Hopeful'][i % 3]}\ntags: [area/${i % 10}, ${['reading', 'nature', 'tools'][i % 3]}]\ncreated: 2024-01-01\nupdated: 2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}\n`;
    files[`notes/note-${i}.md`] = `---\n${frontmatter}---\n${body}\n`;
  }
  return makeVault(files);
}

const garden = siteInBrowser(bigVault, { compress: true });

/** The number of results the page shows for a query, once it has answered. */
async function found(page: Page, query: string): Promise<number> {
  await page.locator('#search-q').fill(query);
  await page.waitForFunction((q) => {
    const text = document.querySelector('#search-summary')?.textContent ?? '';
    return text.includes(q) && !/searching/i.test(text);
  }, query);
  const text = (await page.locator('#search-summary').textContent()) ?? '';
  // Counted as the garden's language writes numbers: "1,234 results".
  return Number(/^([\d,]+) result/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
}

/** What Pagefind alone returns, without the page's check (a string, so no bundler rewrites the import). */
const raw = (page: Page, query: string) =>
  page.evaluate(`import(location.origin + '/pagefind/pagefind.js').then((pf) => pf.search(${JSON.stringify(query)})).then((r) => r.results.length)`) as Promise<number>;

describe(`search on a ${NOTES}-note garden`, () => {
  it('stays within its byte budget: the first query, and each one after', async () => {
    const { page, queries } = await searchWeight(garden.browser, `${garden.server.url}/`, ['garden', 'moss', 'river fern']);
    const [first, ...next] = queries;
    console.log(`search page ${(page / 1024).toFixed(1)} KiB; ${queries.map((q) => `"${q.query}": ${(q.bytes / 1024).toFixed(1)} KiB, ${q.requests} requests, ${q.results} results shown (${q.files.join(' ')})`).join('; ')}`);
    expect(first!.results).toBeGreaterThan(0);
    expect(first!.bytes).toBeLessThanOrEqual(FIRST_BUDGET);
    for (const q of next) expect(q.bytes, q.query).toBeLessThanOrEqual(NEXT_BUDGET);
  });

  it('finds nothing for a word no shared note holds, even when Pagefind would backtrack it to a shorter word', async () => {
    const page = await garden.browser.newPage();
    await page.goto(`${garden.server.url}/search/`);
    for (const [word, shorter] of [['westrum', 'we'], ['canary', 'can']] as const) {
      expect(await raw(page, shorter)).toBeGreaterThan(0);
      // Pagefind alone answers with the shorter word's notes…
      expect(await raw(page, word), word).toBeGreaterThan(0);
      // …the page shows none.
      expect(await found(page, word), word).toBe(0);
      expect(await found(page, `garden ${word}`), `garden ${word}`).toBe(0);
    }
    await page.close();
  });

  it("finds a word's notes by its plural, its stem or its beginning", async () => {
    const page = await garden.browser.newPage();
    await page.goto(`${garden.server.url}/search/`);
    const garden_ = await found(page, 'garden');
    expect(garden_).toBeGreaterThan(10);
    expect(await found(page, 'gardens')).toBe(await raw(page, 'gardens'));
    expect(await found(page, 'gardens')).toBeGreaterThanOrEqual(garden_);
    expect(await found(page, 'runs')).toBeGreaterThan(0);
    expect(await found(page, 'gard')).toBeGreaterThan(0);
    expect(await found(page, 'moss fern')).toBeGreaterThan(0);
    await page.close();
  });
});
