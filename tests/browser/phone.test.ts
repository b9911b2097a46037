import path from 'node:path';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { listFiles, ROOT, SAMPLE_GARDEN } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { axeViolations } from '../helpers/look.ts';

/*
 * Every page of the sample garden and of the Obsidian fixture vault as a visitor sees it on a
 * 375-px phone: one row of header (the sections, search and theme folded behind "Menu"), at most
 * one search box in sight (one on the home page), and nothing wider than the screen, a long word,
 * a long link text or a wide table included (the fixture vault's "Long lines").
 */
const PHONE = { width: 375, height: 800 };
const MAX_HEADER = 64;

/** The site's pages by address, leaving out alias pages, which only send the browser on. */
async function pagesOf(outDir: string): Promise<string[]> {
  const pages: string[] = [];
  for (const file of await listFiles(outDir)) {
    if (!file.endsWith('.html') || path.relative(outDir, file).startsWith('_')) continue;
    if ((await fs.readFile(file, 'utf8')).includes('http-equiv="refresh"')) continue;
    pages.push(`/${path.relative(outDir, file).replace(/index\.html$/, '')}`);
  }
  return pages.sort();
}

/** What breaks a phone's page: sideways scrolling, a tall header, more than one search box in sight. */
async function phoneFaults(browser: Browser, origin: string, pages: string[]): Promise<string[]> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const faults: string[] = [];
  for (const url of pages) {
    await page.goto(`${origin}${url}`);
    const seen = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      header: document.querySelector('.site-header')!.getBoundingClientRect().height,
      searchBoxes: [...document.querySelectorAll('input[type=search]')].filter((box) => box.checkVisibility()).length,
    }));
    if (seen.width > PHONE.width) faults.push(`${url} scrolls sideways: ${seen.width} px wide`);
    if (seen.header > MAX_HEADER) faults.push(`${url} header is ${seen.header} px tall`);
    if (seen.searchBoxes > 1) faults.push(`${url} shows ${seen.searchBoxes} search boxes`);
    if (url === '/' && seen.searchBoxes !== 1) faults.push(`the home page shows ${seen.searchBoxes} search boxes`);
  }
  await context.close();
  return faults;
}

for (const [name, vault] of [
  ['the sample garden', SAMPLE_GARDEN],
  ['the Obsidian fixture vault', path.join(ROOT, 'tests/fixtures/obsidian-vault')],
] as const) {
  describe(`${name} on a 375-px phone`, () => {
    const garden = siteInBrowser(async () => vault);

    it('fits every page: one header row, one search box in sight, nothing wider than the screen', async () => {
      const pages = await pagesOf(garden.site.outDir);
      expect(pages.length).toBeGreaterThan(10);
      expect(await phoneFaults(garden.browser, garden.server.url, pages)).toEqual([]);
    });
  });
}

describe('a wide table on a phone', () => {
  const garden = siteInBrowser(async () => path.join(ROOT, 'tests/fixtures/obsidian-vault'));

  it('scrolls inside its own box, which the keyboard can reach (axe-clean)', async () => {
    const context = await garden.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/long-lines/`);
    const box = page.locator('.table-scroll');
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the folding menu', () => {
  const garden = siteInBrowser(async () => SAMPLE_GARDEN);

  it('opens and closes by button and Escape on a phone, and is open on a desktop', async () => {
    const context = await garden.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/tools-i-use/`);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Garden' });
    await expect.poll(() => nav.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: 'Tags' }).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('site-menu');

    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await menu.isVisible()).toBe(false);
    expect(await nav.isVisible()).toBe(true);
    await context.close();
  });

  it('without JavaScript, shows the sections and search unfolded', async () => {
    const context = await garden.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/tools-i-use/`);
    expect(await page.getByRole('navigation', { name: 'Garden' }).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox').isVisible()).toBe(true);
    await context.close();
  });
});
