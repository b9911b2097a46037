import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';
import { SHOTS, VIEWPORTS, axeViolations, makeShotsFolder } from '../helpers/look.ts';

/*
 * The sample garden in Arabic, as a visitor on a phone and on a desktop meets it: right to left,
 * its layout mirrored (the garden's name at the right, the menu at the left), photographed
 * (test-results/screenshots/), axe-clean and never wider than the screen.
 */
const PAGES = ['/', '/linking-your-thinking/', '/tags/plants/', '/states/bud/', '/search/?q=moss'];

let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
beforeAll(async () => {
  site = await buildSite(SAMPLE_GARDEN, { GARDEN_SETTINGS: JSON.stringify({ locale: 'ar' }) });
  expect(site.code, site.output).toBe(0);
  server = await serve(site.outDir);
  browser = await launch();
  await makeShotsFolder();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the garden in Arabic', () => {
  for (const viewport of VIEWPORTS) {
    it(`runs right to left at ${viewport.width} px: photographed, axe-clean, mirrored, nothing wider than the screen`, async () => {
      const context = await browser.newContext({ viewport });
      const faults: string[] = [];
      for (const url of PAGES) {
        const page = await context.newPage();
        await page.goto(`${server.url}${url}`);
        if (url.startsWith('/search/')) await page.locator('.pf-result-link').first().waitFor();
        const name = url === '/' ? 'home' : url.split('/')[1];
        await page.screenshot({ path: path.join(SHOTS, `ar-${name}-${viewport.width}.png`), fullPage: true });
        const seen = await page.evaluate(() => ({
          dir: getComputedStyle(document.body).direction,
          width: document.documentElement.scrollWidth,
          title: document.querySelector('.site-title')!.getBoundingClientRect(),
          // The first heading's words, and its box: right to left, the words end at the box's right edge.
          heading: (() => {
            const heading = document.querySelector('main h1')!;
            const range = document.createRange();
            range.selectNodeContents(heading);
            return { words: range.getBoundingClientRect().right, box: heading.getBoundingClientRect().right };
          })(),
        }));
        if (seen.dir !== 'rtl') faults.push(`${url} runs ${seen.dir}`);
        if (seen.width > viewport.width) faults.push(`${url} scrolls sideways: ${seen.width} px wide`);
        // Mirrored: the garden's name starts at the right edge, as the page's first heading does.
        if (seen.title.right < viewport.width / 2) faults.push(`${url}: the garden's name is at the left (${seen.title.left}–${seen.title.right})`);
        if (Math.abs(seen.heading.words - seen.heading.box) > 2) faults.push(`${url}: the first heading's words end at ${seen.heading.words}, not at its right edge ${seen.heading.box}`);
        faults.push(...(await axeViolations(page)).map((v) => `${url} ${v}`));
        await page.close();
      }
      await context.close();
      expect(faults).toEqual([]);
    });
  }

  it('shows search results with their state in Arabic', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=moss`);
    await page.locator('.pf-result-link').first().waitFor();
    const summary = await page.locator('#search-summary').textContent();
    expect(summary).toMatch(/«moss»/);
    expect(summary).not.toMatch(/result|for/);
    expect(await page.locator('.pf-result-state').first().textContent()).toMatch(/[\u0600-\u06FF]/);
    await page.close();
  });
});
