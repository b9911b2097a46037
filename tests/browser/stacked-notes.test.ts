import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildSite, ROOT, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { axeViolations } from '../helpers/look.ts';

/*
 * Stacked notes (issue 25) in Chromium: on a wide screen a link between notes opens the target
 * beside the note it is in, the address keeps the stack through reloads and back and forward, and
 * every pane can be reached and closed from the keyboard. On a phone, without JavaScript or with the
 * setting off, a link is an ordinary page load. The sample garden's notes link in a chain:
 * Gardening in public → Evergreen notes → Linking your thinking.
 */
const garden = siteInBrowser(async () => SAMPLE_GARDEN);
const WIDE = { width: 1280, height: 900 };
/** A stack is shown once its notes' pages are fetched. */
const soon = { timeout: 10_000 };
const START = '/gardening-in-public/';
const STACK_OF_THREE = `${START}?stack=evergreen-notes,linking-your-thinking`;

async function wideTab(options: BrowserContextOptions = {}, browser: Browser = garden.browser): Promise<Page> {
  return (await browser.newContext({ viewport: WIDE, ...options })).newPage();
}

/** The panes' names, first to last; none when the page is not stacked. */
const paneNames = (page: Page) => page.locator('.stack-pane').evaluateAll((panes) => panes.map((pane) => pane.getAttribute('aria-label')));
const addressOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}${url.hash}`;
};
/** The name of the pane that holds the focus, or `main` for the note alone. */
const focusedPane = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('.stack-pane')?.getAttribute('aria-label') ?? (document.activeElement?.closest('main') ? 'main' : 'none'));

async function openStackOfThree(page: Page, origin = garden.server.url, base = '/') {
  await page.goto(`${origin}${base}${START.slice(1)}`);
  await page.locator('main .note-body a.internal', { hasText: 'evergreen' }).first().click();
  await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
  await page.locator('.stack-pane[aria-label="Evergreen notes"] .note-body a.internal[href$="/linking-your-thinking/"]').first().click();
  await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes', 'Linking your thinking']);
}

describe('stacked notes on a wide screen', () => {
  it('opens three notes side by side, keeps them in the address through a reload, and goes back twice', async () => {
    const page = await wideTab();
    await openStackOfThree(page);
    expect(addressOf(page)).toBe(STACK_OF_THREE);
    expect(await focusedPane(page)).toBe('Linking your thinking');
    // The first note no longer fits whole: it folds to its spine, which can show it again.
    expect(await page.locator('.stack-pane.folded').count()).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes', 'Linking your thinking']);
    await page.goBack();
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
    expect(addressOf(page)).toBe(`${START}?stack=evergreen-notes`);
    await page.goBack();
    await expect.poll(() => paneNames(page), soon).toEqual([]);
    expect(addressOf(page)).toBe(START);
    expect(await page.locator('main > article.note h1').textContent()).toBe('Gardening in public');
    await page.goForward();
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
  });

  it('opens a note from the local graph beside its note, as from its text', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${START}`);
    const node = page.locator('main .graph a[href="/evergreen-notes/"]').first();
    await node.click();
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
    expect(addressOf(page)).toBe(`${START}?stack=evergreen-notes`);
  });

  it('shows a folded note again from its spine', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${STACK_OF_THREE}`);
    const first = page.locator('.stack-pane').first();
    await expect.poll(() => first.getAttribute('class'), soon).toContain('folded');
    await first.locator('.stack-show').click();
    expect(await first.getAttribute('class')).not.toContain('folded');
    expect(await first.locator('article h1').isVisible()).toBe(true);
    expect(await focusedPane(page)).toBe('Gardening in public');
  });

  it('closes a pane with its button from the keyboard and with Escape, focus going to the note before', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${STACK_OF_THREE}`);
    await expect.poll(() => paneNames(page), soon).toHaveLength(3);
    const close = page.locator('.stack-pane[aria-label="Linking your thinking"] .stack-close');
    expect(await close.getAttribute('aria-label')).toBe('Close Linking your thinking');
    await close.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
    expect(addressOf(page)).toBe(`${START}?stack=evergreen-notes`);
    expect(await focusedPane(page)).toBe('Evergreen notes');
    await page.keyboard.press('Escape');
    await expect.poll(() => paneNames(page), soon).toEqual([]);
    expect(addressOf(page)).toBe(START);
    expect(await focusedPane(page)).toBe('main');
  });

  it('passes axe-core with a stack open', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${STACK_OF_THREE}`);
    await expect.poll(() => paneNames(page), soon).toHaveLength(3);
    // Each pane's ids are its own: a fetched note's headings and footnotes do not repeat another's.
    expect(await page.evaluate(() => new Set([...document.querySelectorAll('[id]')].map((e) => e.id)).size === document.querySelectorAll('[id]').length)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('scrolls its own pane for a link to a heading in the same note, leaving the address alone', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${START}?stack=linking-your-thinking`);
    const pane = page.locator('.stack-pane[aria-label="Linking your thinking"]');
    await pane.waitFor();
    await pane.locator('.note-body a[href$="backlinks"]').first().click();
    await expect.poll(() => pane.evaluate((element) => element.scrollTop), soon).toBeGreaterThan(0);
    expect(addressOf(page)).toBe(`${START}?stack=linking-your-thinking`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Backlinks/);
    expect(await focusedPane(page)).toBe('Linking your thinking');
  });

  it('leaves out of a shared stack what is not a shared note’s page', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${START}?stack=../etc,secret-book-club,no-such-note,evergreen-notes,tags`);
    await expect.poll(() => paneNames(page), soon).toEqual(['Gardening in public', 'Evergreen notes']);
    expect(addressOf(page)).toBe(`${START}?stack=evergreen-notes`);
  });

  it('gives way to the last note’s own page when the window narrows below 800 px', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${STACK_OF_THREE}`);
    await expect.poll(() => paneNames(page), soon).toHaveLength(3);
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForURL(`${garden.server.url}/linking-your-thinking/`);
    expect(await page.locator('.stack').count()).toBe(0);
    expect(await page.locator('main > article.note h1').textContent()).toBe('Linking your thinking');
  });
});

describe('where links stay ordinary page loads', () => {
  it('on a 375-px phone', async () => {
    const page = await (await garden.browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await page.goto(`${garden.server.url}${START}`);
    await page.locator('main .note-body a.internal', { hasText: 'evergreen' }).first().click();
    await page.waitForURL(`${garden.server.url}/evergreen-notes/`);
    expect(await page.locator('.stack').count()).toBe(0);
    expect(await page.locator('main > article.note h1').textContent()).toBe('Evergreen notes');
  });

  it('with JavaScript off, on a wide screen', async () => {
    const page = await wideTab({ javaScriptEnabled: false });
    await page.goto(`${garden.server.url}${START}`);
    await page.locator('main .note-body a.internal', { hasText: 'evergreen' }).first().click();
    await page.waitForURL(`${garden.server.url}/evergreen-notes/`);
    expect(await page.locator('main > article.note h1').textContent()).toBe('Evergreen notes');
    await page.locator('main .note-body a.internal[href="/linking-your-thinking/"]').first().click();
    await page.waitForURL(`${garden.server.url}/linking-your-thinking/`);
  });

  it('with a modified click', async () => {
    const page = await wideTab();
    await page.goto(`${garden.server.url}${START}`);
    const opened = page.context().waitForEvent('page');
    await page.locator('main .note-body a.internal', { hasText: 'evergreen' }).first().click({ modifiers: ['Control'] });
    expect(new URL((await opened).url()).pathname).toBe('/evergreen-notes/');
    expect(await page.locator('.stack').count()).toBe(0);
  });
});

describe('stacked notes elsewhere', () => {
  let browser: Browser;
  const builds: Record<'off' | 'subPath', { site: BuiltSite; server: Awaited<ReturnType<typeof serve>> }> = {} as never;
  const obsidian = siteInBrowser(async () => path.join(ROOT, 'tests/fixtures/obsidian-vault'));

  beforeAll(async () => {
    const off = await buildSite(SAMPLE_GARDEN, { GARDEN_SETTINGS: JSON.stringify({ stackedNotes: false }) });
    const subPath = await buildSite(SAMPLE_GARDEN, { GARDEN_SITE_URL: 'https://garden.test/garden/' });
    for (const site of [off, subPath]) expect(site.code, site.output).toBe(0);
    builds.off = { site: off, server: await serve(off.outDir) };
    builds.subPath = { site: subPath, server: await serve(subPath.outDir, { prefix: '/garden/' }) };
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    for (const build of Object.values(builds)) await build.server?.close();
  });

  it('the setting off leaves the script off every note page, and links are page loads', async () => {
    const script = (html: string) => html.includes('data-stacked-notes');
    expect(script(await fs.readFile(path.join(garden.site.outDir, 'evergreen-notes/index.html'), 'utf8'))).toBe(true);
    expect(script(await fs.readFile(path.join(builds.off.site.outDir, 'evergreen-notes/index.html'), 'utf8'))).toBe(false);
    const page = await wideTab({}, browser);
    await page.goto(`${builds.off.server.url}${START}`);
    await page.locator('main .note-body a.internal', { hasText: 'evergreen' }).first().click();
    await page.waitForURL(`${builds.off.server.url}/evergreen-notes/`);
  });

  it('under a sub-path, every address keeps the base path', async () => {
    const page = await wideTab({}, browser);
    const failed: string[] = [];
    page.on('response', (response) => void (response.status() >= 400 && failed.push(response.url())));
    await openStackOfThree(page, builds.subPath.server.url, '/garden/');
    expect(addressOf(page)).toBe(`/garden${STACK_OF_THREE}`);
    await page.reload();
    await expect.poll(() => paneNames(page), soon).toHaveLength(3);
    await page.locator('.stack-pane').last().locator('.stack-close').click();
    expect(addressOf(page)).toBe(`/garden${START}?stack=evergreen-notes`);
    expect(failed).toEqual([]);
  });

  it('draws a stacked note’s diagrams and styles its math, on a page that has neither', async () => {
    const page = await wideTab({}, obsidian.browser);
    await page.goto(`${obsidian.server.url}/plain-note/?stack=diagrams,math`);
    await expect.poll(() => paneNames(page), soon).toHaveLength(3);
    await page.locator('.stack-pane[data-slug="diagrams"] figure.diagram .diagram-drawing svg').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('head link[rel="stylesheet"][href*="katex"]').count()).toBe(1);
    // KaTeX's own style sheet is in force in the pane: its fonts' class is set.
    expect(await page.locator('.stack-pane[data-slug="math"] .katex').first().evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/KaTeX/);
  });
});
