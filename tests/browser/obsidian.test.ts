import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { SHOTS, VIEWPORTS, axeViolations, makeShotsFolder } from '../helpers/look.ts';

/*
 * A page with math and a page with Mermaid diagrams from the Obsidian fixture vault, in Debian's
 * Chromium: photographed light and dark, phone and desktop (test-results/screenshots/), checked
 * by axe-core and for sideways scrolling; diagrams drawn in the page's theme and drawn again when
 * it changes; their source readable without JavaScript; what they weigh.
 */
const garden = siteInBrowser(async () => path.join(ROOT, 'tests/fixtures/obsidian-vault'));

beforeAll(makeShotsFolder);

const drawn = (page: Page, count: number) => page.locator('figure.diagram .diagram-drawing svg').nth(count - 1).waitFor({ timeout: 30_000 });

describe('math and diagrams as they look', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of VIEWPORTS) {
      it(`math and diagram pages, ${colorScheme}, ${viewport.width} px: photographed, no axe violations, no sideways scrolling`, async () => {
        const context = await garden.browser.newContext({ viewport, colorScheme });
        const report: string[] = [];
        for (const { name, url } of [{ name: 'math', url: '/math/' }, { name: 'diagrams', url: '/diagrams/' }]) {
          const page = await context.newPage();
          await page.goto(`${garden.server.url}${url}`);
          if (name === 'diagrams') await drawn(page, 2);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}-${viewport.width}.png`), fullPage: true });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width) report.push(`${url} scrolls sideways: ${width} px wide`);
          report.push(...(await axeViolations(page)).map((v) => `${url} ${v}`));
          await page.close();
        }
        await context.close();
        expect(report).toEqual([]);
      });
    }
  }
});

describe('math', () => {
  it('is typeset in KaTeX\'s own fonts, served by the site', async () => {
    const context = await garden.browser.newContext();
    const page = await context.newPage();
    const fonts: { url: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('.woff2')) fonts.push({ url: response.url(), bytes: (await response.body()).length });
    });
    await page.goto(`${garden.server.url}/math/`);
    await page.evaluate(() => document.fonts.ready);
    const family = await page.locator('.katex .mathnormal').first().evaluate((e) => getComputedStyle(e).fontFamily);
    expect(family).toContain('KaTeX_Math');
    expect(await page.evaluate(() => document.fonts.check('italic 16px KaTeX_Math'))).toBe(true);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.url.startsWith(`${garden.server.url}/_katex/`)).toBe(true);
    // The fonts this page needs, of KaTeX's twenty: under 120 KB.
    expect(fonts.reduce((sum, f) => sum + f.bytes, 0)).toBeLessThan(120 * 1024);
    await context.close();
  });
});

describe('diagrams', () => {
  it('are drawn in the page\'s theme, drawn again when the visitor switches it, with the source hidden behind them', async () => {
    const context = await garden.browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/diagrams/`);
    await drawn(page, 2);
    const fill = () => page.locator('figure.diagram .diagram-drawing svg .node rect, figure.diagram .diagram-drawing svg rect.actor').first().evaluate((e) => getComputedStyle(e).fill);
    const light = await fill();
    expect(await page.locator('figure.diagram pre').first().isHidden()).toBe(true);
    await page.locator('[data-theme-toggle]').click();
    await page.waitForFunction((before) => {
      const rect = document.querySelector('figure.diagram .diagram-drawing svg .node rect, figure.diagram .diagram-drawing svg rect.actor');
      return rect && getComputedStyle(rect).fill !== before;
    }, light);
    const dark = await fill();
    expect(dark).not.toBe(light);
    expect(await page.locator('figure.diagram .diagram-drawing').count()).toBe(2);
    await context.close();
  });

  it('stay readable as their source without JavaScript', async () => {
    const context = await garden.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/diagrams/`);
    await expect(page.locator('figure.diagram pre').first().textContent()).resolves.toContain('Alice->>+John: Hello John, how are you?');
    expect(await page.locator('figure.diagram pre').first().isVisible()).toBe(true);
    await context.close();
  });

  it('show the source and the reason when Mermaid cannot read one, without loading Mermaid', async () => {
    const context = await garden.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => void (/\.m?js$/.test(request.url()) && scripts.push(request.url())));
    await page.goto(`${garden.server.url}/broken-diagram/`, { waitUntil: 'networkidle' });
    expect(await page.locator('figure.diagram pre').isVisible()).toBe(true);
    await expect(page.locator('figure.diagram .diagram-error').textContent()).resolves.toMatch(/^This diagram cannot be drawn: Parse error on line 2/);
    expect(scripts.filter((s) => /mermaid/.test(s))).toEqual([]);
    await context.close();
  });

  it('cost a page with a flowchart and a sequence diagram under 300 KB of script, gzipped, fetched after the page', async () => {
    const context = await garden.browser.newContext();
    const page = await context.newPage();
    const pending: Promise<number>[] = [];
    page.on('response', (response) => {
      if (/\.m?js$/.test(response.url())) pending.push(response.body().then((body) => zlib.gzipSync(body, { level: 9 }).length, () => 0));
    });
    await page.goto(`${garden.server.url}/diagrams/`);
    await drawn(page, 2);
    await page.waitForLoadState('networkidle');
    const bytes = (await Promise.all(pending)).reduce((a, b) => a + b, 0);
    expect(bytes).toBeGreaterThan(100 * 1024);
    expect(bytes).toBeLessThan(300 * 1024);
    await context.close();
  });
});
