import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureGarden, PRIVATE_WORD } from '../helpers/garden-fixture.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';

const garden = siteInBrowser(fixtureGarden);
let page: Page;

async function open(path: string) {
  page = await garden.browser.newPage();
  await page.goto(`${garden.server.url}${path}`);
  return page;
}

const resultTitles = (p: Page) => p.locator('.pf-result-link').allTextContents();

/** Waits until Pagefind has answered the query (its summary stops saying "Searching…"). */
async function settled(p: Page, query: string) {
  await p.waitForFunction((q) => {
    const text = document.querySelector('#search-summary')?.textContent ?? '';
    if (!text.includes(q) || /searching/i.test(text)) return false;
    // The summary can arrive before the list: wait until the list shows as many as it says.
    const said = /^\s*(\d+) result/.exec(text)?.[1];
    // Loading placeholders are results too, until they are filled: count real links.
    return document.querySelectorAll('.pf-result-link').length === (said ? Math.min(Number(said), 5) : 0);
  }, query);
}

async function search(p: Page, query: string) {
  await p.locator('#search-q').fill(query);
  await settled(p, query);
}

describe('search, as a visitor uses it', () => {
  it('finds the one note with a unique word; the visitor opens it', async () => {
    const p = await open('/search/');
    await search(p, 'fiddlehead');
    expect(await resultTitles(p)).toEqual(['Ferns']);
    await expect(p.locator('.pf-result-state').first().textContent()).resolves.toContain('Evergreen');
    // Ferns was updated 2025-05-01: the result says when, in words.
    expect((await p.locator('.pf-result-state').first().innerText()).replace(/\s+/g, ' ')).toMatch(/Evergreen · tended 1 May 2025$/);
    await p.locator('.pf-result-link', { hasText: 'Ferns' }).click();
    await p.waitForURL(/\/ferns\/$/);
    expect(await p.locator('h1').textContent()).toBe('Ferns');
    expect(new URL(p.url()).pathname).toBe('/ferns/');
  });

  it('opens /search/?q=… with its results, and keeps the query in the URL', async () => {
    const p = await open('/search/?q=fiddlehead');
    await settled(p, 'fiddlehead');
    expect(await resultTitles(p)).toEqual(['Ferns']);
    await search(p, 'oaks');
    expect(new URL(p.url()).searchParams.get('q')).toBe('oaks');
  });

  it("finds nothing for a private note's words", async () => {
    const p = await open(`/search/?q=${PRIVATE_WORD}`);
    await settled(p, PRIVATE_WORD);
    expect(await p.locator('.pf-result-link').count()).toBe(0);
    expect(await p.locator('#search-summary').textContent()).toMatch(/no results/i);
  });

  it('says so when Pagefind cannot load, instead of searching forever, and loads it again at the next search', async () => {
    page = await garden.browser.newPage();
    let asked = 0;
    await page.route('**/pagefind/pagefind.js*', (route) => (asked++ === 0 ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${garden.server.url}/search/?q=fiddlehead`);
    await page.locator('#search-summary[data-failed]').waitFor();
    expect(await page.locator('#search-summary').textContent()).toBe('Search could not load. Try again in a moment.');
    expect(await resultTitles(page)).toEqual([]);
    await page.locator('#search-q').press('Enter');
    await settled(page, 'fiddlehead');
    expect(await resultTitles(page)).toEqual(['Ferns']);
    expect(await page.locator('#search-summary').getAttribute('data-failed')).toBeNull();
    expect(asked).toBe(2);
  });

  it('finds a note by a CJK word', async () => {
    const p = await open('/search/');
    await search(p, '苔');
    expect(await resultTitles(p)).toContain('日本の庭');
  });

  it('filters by growth state', async () => {
    const p = await open('/search/');
    await search(p, 'ferns');
    expect((await resultTitles(p)).length).toBeGreaterThan(1);
    await p.locator('details[data-filter-name="state"] summary').click();
    await p.locator('input[name="state"][value="bud"]').check();
    await p.waitForFunction(() => {
      const states = [...document.querySelectorAll('.pf-result-state')].map((e) => e.textContent ?? '');
      const loading = document.querySelector('.pf-result[aria-hidden="true"]');
      return !loading && states.length > 0 && states.every((state) => state.startsWith('Bud'));
    });
    expect(await resultTitles(p)).toEqual(['Oak']);
  });

  it('offers exactly the states, tags and moods of shared notes as facets', async () => {
    const p = await open('/search/');
    await search(p, 'the');
    const values = (name: string) => p.locator(`input[name="${name}"]`).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
    await p.locator('input[name="state"]').first().waitFor({ state: 'attached' });
    expect(await values('state')).toEqual(['bud', 'evergreen', 'seed']);
    expect(await values('mood')).toEqual(['Calm', 'In Awe']);
    expect(await values('tag')).toEqual(['languages', 'my', 'my/words', 'my/words/moments', 'plants', 'plants/shade', 'plants/trees']);
  });

  it('is reachable from the header search box with the keyboard alone', async () => {
    // A note's page: the home page has its own search box instead of the header's.
    const p = await open('/tools-i-use/');
    await p.locator('#site-search-q').focus();
    await p.keyboard.type('fiddlehead');
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/search\/\?q=fiddlehead/);
    await p.locator('.pf-result-link').first().waitFor();
    await p.keyboard.press('Tab');
    expect(await resultTitles(p)).toEqual(['Ferns']);
  });
});

describe('search comfort', () => {
  it('does not shift the layout while results load, on a phone', async () => {
    page = await garden.browser.newPage({ viewport: { width: 375, height: 700 } });
    // Layout shifts not caused by the visitor's own input, summed as browsers score them (CLS).
    await page.addInitScript(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${garden.server.url}/search/?q=ferns`);
    await settled(page, 'ferns');
    await page.waitForTimeout(300);
    const shift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
    // 0.1 is where browsers stop calling a page's layout stability good. (A 300 px block pushed in
    // above the results scores 0.28 with this same observer.)
    expect(shift).toBeLessThan(0.1);
  });

  it('fits a phone screen without scrolling sideways', async () => {
    page = await garden.browser.newPage({ viewport: { width: 375, height: 700 } });
    await page.goto(`${garden.server.url}/search/?q=ferns`);
    await settled(page, 'ferns');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('is usable with the keyboard: type, tab to a result, open it', async () => {
    const p = await open('/search/');
    await p.locator('#search-q').focus();
    await p.keyboard.type('fiddlehead');
    await settled(p, 'fiddlehead');
    for (let i = 0; i < 10; i++) {
      await p.keyboard.press('Tab');
      if (await p.evaluate(() => document.activeElement?.classList.contains('pf-result-link'))) break;
    }
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Ferns');
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/ferns\/$/);
  });
});

describe('browsing, as a visitor walks the garden', () => {
  it('goes from the home page through a tag page to a note and back through a backlink', async () => {
    const p = await open('/');
    await p.locator('.tag-tree a', { hasText: '#plants' }).first().click();
    await p.waitForURL(/\/tags\/plants\/$/);
    expect(await p.locator('h1').textContent()).toBe('#plants');
    await p.locator('.note-list a', { hasText: 'Ferns' }).click();
    await p.waitForURL(/\/ferns\/$/);
    const backlinks = p.locator('section[aria-labelledby="note.backlinks"] a');
    expect(await backlinks.allTextContents()).toEqual(['Oak']);
    await backlinks.first().click();
    // On a wide screen the note opens beside the one it is linked from (stacked notes)…
    await p.waitForURL(/\/ferns\/\?stack=oak$/);
    const oak = p.locator('.stack-pane[data-slug="oak"]');
    expect(await oak.locator('h1').textContent()).toBe('Oak');
    expect(await oak.locator('.note-body a', { hasText: 'Ferns' }).getAttribute('href')).toBe('/ferns/');
    // …and the browser's back button closes it again.
    await p.goBack();
    await p.waitForURL(/\/ferns\/$/);
    expect(await p.locator('.stack-pane').count()).toBe(0);
    expect(await p.locator('h1').textContent()).toBe('Ferns');
  });

  it('serves the 404 page for a private note', async () => {
    const p = await open('/private/');
    expect(await p.locator('h1').textContent()).toBe('Nothing grows here');
    expect(await p.content()).not.toContain(PRIVATE_WORD);
  });
});
