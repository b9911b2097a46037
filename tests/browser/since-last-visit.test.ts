import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildInto, type BuiltSite } from '../helpers/build.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';
import { makeVault, shared } from '../helpers/vault.ts';
import { axeViolations } from '../helpers/look.ts';

/*
 * "Since your last visit" as a returning visitor meets it: a small garden is built, visited,
 * rebuilt with two notes tended into the same served folder, and visited again after more than
 * the 30 minutes that end a visit (Playwright's clock moves the page's Date).
 */
const SECRET = 'zqsincesecretxy';
const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
// Each note links the next, so the home page draws its map (five linked notes or more).
const note = (name: string, i: number, updated = '2026-02-01') =>
  shared(`${name} grows. See [[${NAMES[(i + 1) % NAMES.length]}]].`, `title: ${name}\ncreated: 2026-01-0${i + 1}\nupdated: ${updated}\n`);
const notesOf = (tended: Record<string, string> = {}) =>
  Object.fromEntries(NAMES.map((name, i) => [`${name}.md`, note(name, i, tended[name])]));
const PRIVATE = { 'Secret.md': `---\nshare: false\ntitle: ${SECRET}\n---\nNever published. [[Alpha]]` };

const T0 = Date.UTC(2026, 11, 6, 9);
const MINUTE = 60_000;

let browser: Browser;
let vault: string;
let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;

async function rebuild(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(vault, name), text);
  const built = await buildInto(vault, site.outDir, site.cacheDir);
  expect(built.code, built.output).toBe(0);
}

beforeAll(async () => {
  vault = await makeVault({ ...notesOf(), ...PRIVATE });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-since-'));
  site = await buildInto(vault, path.join(work, 'dist'), path.join(work, 'cache'));
  expect(site.code, site.output).toBe(0);
  server = await serve(site.outDir);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the home page and waits until the script has recorded this page view (its record changed). */
async function visitHome(page: Page, key = 'garden-visits:/', url = `${server.url}/`): Promise<void> {
  const before = await page.evaluate((k) => localStorage.getItem(k), key).catch(() => null);
  await page.goto(url);
  await page.waitForFunction(([k, was]) => localStorage.getItem(k!) !== null && localStorage.getItem(k!) !== was, [key, before] as const);
}

/** What the page marks: the home section's entries, the badges in its note lists and its graph's ringed nodes. */
async function marks(page: Page) {
  return {
    section: await page.locator('[data-since-section]').isVisible(),
    listed: await page.locator('[data-since-list] li').evaluateAll((items) => items.map((li) => li.textContent!.replace(/\s+/g, ' ').trim())),
    badges: await page.locator('.note-list [data-note-slug]:has(.since-badge)').evaluateAll((items) => items.map((li) => `${(li as HTMLElement).dataset.noteSlug}: ${li.querySelector('.since-badge')!.textContent}`)),
    graph: await page.locator('.graph .since-marked').evaluateAll((nodes) => nodes.map((n) => (n as SVGElement).dataset.noteSlug).sort()),
  };
}

const NONE = { section: false, listed: [], badges: [], graph: [] };

describe('since your last visit', { timeout: 180_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  it('publishes in recent.json the shared notes only, with their dates', async () => {
    const text = await fs.readFile(path.join(site.outDir, 'recent.json'), 'utf8');
    const { notes } = JSON.parse(text) as { notes: { slug: string; planted: string; tended: string }[] };
    expect(notes.map((n) => n.slug).sort()).toEqual(NAMES.map((n) => n.toLowerCase()).sort());
    expect(notes.find((n) => n.slug === 'alpha')).toMatchObject({ planted: expect.stringMatching(/^2026-01-01/), tended: expect.stringMatching(/^2026-02-01/) });
    expect(text).not.toContain(SECRET);
    expect(text.toLowerCase()).not.toContain('secret');
  });

  it('marks nothing on the first visit', async () => {
    context = await browser.newContext();
    await context.clock.install({ time: T0 });
    page = await context.newPage();
    await visitHome(page);
    expect(await marks(page)).toEqual(NONE);
    expect(await page.locator('.note-list [data-note-slug]').count()).toBe(NAMES.length);
    expect(await page.locator('.graph [data-note-slug]').count()).toBe(NAMES.length);
  });

  it('after a rebuild with two notes tended, marks those two on the next visit: on the home page, in its list and in the graph', async () => {
    await rebuild(notesOf({ Beta: '2026-12-05', Delta: '2026-12-05' }));
    // Within the same visit nothing changes: the snapshot is only compared when a visit starts.
    await context.clock.setSystemTime(T0 + 10 * MINUTE);
    await visitHome(page);
    expect(await marks(page)).toEqual(NONE);
    await context.clock.setSystemTime(T0 + 45 * MINUTE);
    await visitHome(page);
    expect(await marks(page)).toEqual({
      section: true,
      listed: ['Beta tended', 'Delta tended'],
      badges: ['beta: tended since your last visit', 'delta: tended since your last visit'],
      graph: ['beta', 'delta'],
    });
    expect(await page.locator('[data-since-count]').textContent()).toBe('2 notes were planted or tended since your last visit.');
    expect(await page.locator('[data-since-list] a').first().getAttribute('href')).toBe('/beta/');
    expect(await page.locator('.graph .since-marked title').first().textContent()).toContain('tended since your last visit');
  });

  it('keeps the marks through the visit: a reload, another page', async () => {
    await context.clock.setSystemTime(T0 + 50 * MINUTE);
    await visitHome(page);
    expect((await marks(page)).badges).toEqual(['beta: tended since your last visit', 'delta: tended since your last visit']);
    await page.goto(`${server.url}/graph/`);
    await page.locator('.graph .since-marked').first().waitFor();
    expect((await marks(page)).graph).toEqual(['beta', 'delta']);
  });

  it('shows the marks with no axe violations, light and dark', async () => {
    await context.clock.setSystemTime(T0 + 55 * MINUTE);
    await visitHome(page);
    expect(await page.locator('[data-since-section]').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // The same visit in the dark theme: this browser's storage, a page view within the 30 minutes.
    const dark = await browser.newContext({ colorScheme: 'dark', storageState: await context.storageState() });
    await dark.clock.install({ time: T0 + 56 * MINUTE });
    const darkPage = await dark.newPage();
    await visitHome(darkPage);
    expect((await marks(darkPage)).graph).toEqual(['beta', 'delta']);
    expect(await axeViolations(darkPage)).toEqual([]);
    await dark.close();
  });

  it('clears them with "Mark all as seen", for good, focus going to the page heading', async () => {
    await page.getByRole('button', { name: 'Mark all as seen' }).focus();
    await page.keyboard.press('Enter');
    expect(await marks(page)).toEqual(NONE);
    expect(await page.evaluate(() => document.activeElement?.matches('main h1'))).toBe(true);
    await context.clock.setSystemTime(T0 + 58 * MINUTE);
    await visitHome(page);
    expect(await marks(page)).toEqual(NONE);
  });

  it('marks a note planted between visits as new', async () => {
    await rebuild({ 'Eta.md': shared('Eta is new. [[Alpha]]', 'title: Eta\ncreated: 2026-12-06\nupdated: 2026-12-06\n') });
    await context.clock.setSystemTime(T0 + 3 * 60 * MINUTE);
    await visitHome(page);
    const seen = await marks(page);
    expect(seen.listed).toEqual(['Eta new']);
    expect(seen.badges).toEqual(['eta: new since your last visit']);
    expect(await page.locator('[data-since-count]').textContent()).toBe('One note was planted or tended since your last visit.');
    await context.close();
  });

  it('does nothing, silently, when the browser refuses storage', async () => {
    const refusing = await browser.newContext();
    await refusing.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('denied', 'SecurityError'); } });
    });
    const errors: string[] = [];
    const tab = await refusing.newPage();
    tab.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await tab.goto(`${server.url}/`);
    await tab.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    expect(requests).not.toContain('/recent.json');
    expect(await marks(tab)).toEqual(NONE);
    await refusing.close();
  });
});

describe('since your last visit under a sub-path', { timeout: 120_000 }, () => {
  it('keeps its record under the base path and links the marked notes there', async () => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-since-sub-'));
    const built = await buildInto(await makeVault(notesOf()), path.join(work, 'dist'), path.join(work, 'cache'), { GARDEN_SITE_URL: 'https://garden.test/garden/' });
    expect(built.code, built.output).toBe(0);
    const hosted = await serve(built.outDir, { prefix: '/garden/' });
    const context = await browser.newContext();
    try {
      // A record of a visit long ago that saw no note (and another garden's on the same host): every note is new now.
      await context.addInitScript((seeded) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('garden-visits:/garden/', seeded);
        localStorage.setItem('garden-visits:/', 'unrelated');
      }, JSON.stringify({ last: 0, seen: '', marks: [] }));
      const page = await context.newPage();
      await visitHome(page, 'garden-visits:/garden/', `${hosted.url}/garden/`);
      await page.locator('[data-since-section]').waitFor();
      const links = await page.locator('[data-since-list] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.sort()).toEqual(NAMES.map((n) => `/garden/${n.toLowerCase()}/`).sort());
      expect(await page.evaluate(() => localStorage.getItem('garden-visits:/'))).toBe('unrelated');
    } finally {
      await context.close();
      await hosted.close();
    }
  });
});
