import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, listFiles } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { SHOTS, VIEWPORTS, axeViolations, makeShotsFolder } from '../helpers/look.ts';

/*
 * The canvas page of the Obsidian fixture vault in Debian's Chromium: the board photographed light
 * and dark, phone and desktop (test-results/screenshots/), checked by axe-core, fitting the column
 * without sideways scrolling, drawn without JavaScript, its links followed.
 */
const garden = siteInBrowser(async () => path.join(ROOT, 'tests/fixtures/obsidian-vault'));

beforeAll(makeShotsFolder);

describe('a canvas as it looks', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of VIEWPORTS) {
      it(`the board, ${colorScheme}, ${viewport.width} px: photographed, no axe violations, no sideways scrolling of the page`, async () => {
        const context = await garden.browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        await page.goto(`${garden.server.url}/canvas/`);
        await page.evaluate(() => document.fonts.ready);
        const board = page.locator('figure.canvas');
        await board.screenshot({ path: path.join(SHOTS, `canvas-${colorScheme}-${viewport.width}.png`) });
        await page.screenshot({ path: path.join(SHOTS, `canvas-page-${colorScheme}-${viewport.width}.png`), fullPage: true });
        const report: string[] = [];
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > viewport.width) report.push(`scrolls sideways: ${width} px wide`);
        const [svg, column, frame] = await Promise.all([page.locator('svg.canvas-board').boundingBox(), page.locator('.note-body').boundingBox(), page.locator('.canvas-scroll').boundingBox()]);
        // The whole board in the column on a desktop; on a phone its frame scrolls, the page does not.
        if (viewport.width > 1000 && svg!.width > column!.width + 1) report.push(`the board is ${svg!.width} px wide in a ${column!.width} px column`);
        if (frame!.width > column!.width + 1) report.push(`the board's frame is ${frame!.width} px wide in a ${column!.width} px column`);
        if (svg!.height > viewport.height * 0.85 + 1) report.push(`the board is ${svg!.height} px tall in a ${viewport.height} px window`);
        report.push(...(await axeViolations(page)));
        await context.close();
        expect(report).toEqual([]);
      });
    }
  }
});

describe('a canvas', () => {
  it('is drawn without JavaScript: its cards are text, links and the image, in the page\'s colours', async () => {
    const context = await garden.browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/canvas/`);
    const board = page.locator('figure.canvas svg.canvas-board');
    await expect(board.locator('.canvas-text .canvas-card').first().textContent()).resolves.toContain('Text cards are Markdown');
    expect(await board.locator('.canvas-text strong').first().isVisible()).toBe(true);
    // The image card shows the copied image, loaded.
    const image = board.locator('.canvas-image img');
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Text on the board is the page's ink, not the canvas's colours.
    const [ink, card] = await Promise.all([
      page.locator('.note-body p').first().evaluate((e) => getComputedStyle(e).color),
      board.locator('.canvas-text .canvas-card').first().evaluate((e) => getComputedStyle(e).color),
    ]);
    expect(card).toBe(ink);
    // A card of a private note is an empty frame.
    expect(await board.locator('.canvas-empty').count()).toBe(1);
    expect(await board.locator('.canvas-empty').textContent()).toBe('');
    await context.close();
  });

  it('links its note cards to their pages, and a link to the canvas to its board', async () => {
    const context = await garden.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/canvas/`);
    const href = await page.locator('.note-body p a.internal', { hasText: 'like this one' }).getAttribute('href');
    const id = await page.locator('figure.canvas').getAttribute('id');
    expect(href).toBe(`/canvas/#${id}`);
    const card = page.locator('svg.canvas-board .canvas-note a', { hasText: 'Three laws of motion' });
    expect(await card.getAttribute('href')).toBe('/three-laws-of-motion/');
    // A card is a link between notes: on a wide screen its note opens beside the canvas's (stacked notes).
    await card.click();
    await page.waitForURL(/\/canvas\/\?stack=three-laws-of-motion$/);
    expect(await page.locator('.stack-pane[data-slug="three-laws-of-motion"] h1').textContent()).toBe('Three laws of motion');
    await context.close();
  });

  it('is never copied into the site as its JSON', async () => {
    const files = await listFiles(garden.site.outDir);
    expect(files.filter((f) => /\.canvas$/i.test(f))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|json|xml)$/.test(f))) {
      expect(await fs.readFile(file, 'utf8'), file).not.toContain('"fromNode"');
    }
  });
});
