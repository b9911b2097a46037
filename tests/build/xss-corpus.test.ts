import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, listFiles, type BuiltSite } from '../helpers/build.ts';
import { makeVault } from '../helpers/vault.ts';
import { BODY_NOTES, FIELD_CODES, FIELD_NOTES, N, PAYLOADS, PROJECT, corpus, corpusVault, groupOf, post, pre } from '../helpers/xss-corpus.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';

/*
 * A public XSS corpus, placed everywhere a note can carry text, built, and then run in Chromium:
 * every built page, and each feed item's title, description and content:encoded rendered as HTML
 * the way a feed reader that does not sanitize would (document.write). Script that runs, through
 * any of alert/confirm/prompt/print, a dialog, a new window or a javascript: navigation, is recorded;
 * so is markup that could still run (event handler attributes, javascript: URLs, script elements
 * in feed fields). Each payload sits between two markers, which must still be on the page: a payload
 * may be dropped, the note around it may not.
 *
 * Corpus: the payloads of DOMPurify's test suite, cure53/DOMPurify test/fixtures/expect.mjs
 * (https://github.com/cure53/DOMPurify, commit 0d574c0a93474bfffb51200785c481fd6366e702), Copyright
 * 2014-2026 Mario Heiderich, Cure53, used under the Apache License 2.0 (DOMPurify is Apache-2.0 OR
 * MPL-2.0): tests/fixtures/xss-corpus/ (see its README.md). Nothing is fetched at test time.
 */

interface Hit {
  where: string;
  kind: string;
  detail: string;
}

let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
const hits: Hit[] = [];
/** What each tab is showing, for telling where a hit came from. */
const showing = new WeakMap<Page, string>();
const started = Date.now();
let built = 0;

beforeAll(async () => {
  site = await buildSite(await makeVault(corpusVault()));
  built = Date.now();
  if (site.code !== 0) return;
  server = await serve(site.outDir);
  browser = await launch();
  context = await browser.newContext();
  // Nothing leaves this machine: only the local server answers.
  await context.route((url) => url.origin !== server.url, (route) => route.abort());
  await context.exposeBinding('__xssHit', (source, kind: string, detail: string) =>
    void hits.push({ where: showing.get(source.page) ?? source.page.url(), kind, detail: String(detail).slice(0, 120) }),
  );
  await context.addInitScript(() => {
    const record = (kind: string, detail: unknown) => {
      try {
        (window as unknown as { __xssHit: (k: string, d: string) => void }).__xssHit(kind, String(detail));
      } catch {
        // The binding is missing only where Playwright cannot reach; the dialog event covers those.
      }
    };
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, { value: (message?: unknown) => record(name, message), configurable: false, writable: false });
    }
    Object.defineProperty(window, 'open', { value: (url?: unknown) => (record('window.open', url), null), configurable: false, writable: false });
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A tab that records dialogs, pop-ups and javascript:/data: navigations, and navigations away from `expected()`. */
async function tab(expected: () => string): Promise<Page> {
  const page = await context.newPage();
  const where = () => showing.get(page) ?? '?';
  page.on('dialog', (dialog) => {
    hits.push({ where: where(), kind: `dialog ${dialog.type()}`, detail: dialog.message() });
    void dialog.dismiss().catch(() => {});
  });
  page.on('popup', (popup) => void hits.push({ where: where(), kind: 'pop-up', detail: popup.url() }));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (/^(javascript|vbscript|data):/i.test(url)) hits.push({ where: where(), kind: 'navigation', detail: url.slice(0, 120) });
    else if (frame === page.mainFrame() && new URL(url).href.split('#')[0] !== new URL(expected()).href.split('#')[0]) hits.push({ where: where(), kind: 'navigation away', detail: url });
  });
  return page;
}

/**
 * Fires what a visitor's pointer and keyboard would, on every element (up to `cap`), focuses each,
 * and returns the markup that could still run: event handler attributes, javascript:/vbscript:
 * URLs, data: documents, srcdoc; in a feed field, also any element that runs or frames content (the
 * site's own pages have their own scripts and search form).
 */
async function exercise(page: Page, feedField: boolean): Promise<string[]> {
  return page.evaluate(
    async ({ cap, feedField }) => {
      const found: string[] = [];
      const all = [...document.querySelectorAll('*')];
      const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'codebase', 'cite'];
      for (const el of all) {
        for (const name of el.getAttributeNames()) {
          if (/^on/i.test(name)) found.push(`<${el.localName} ${name}>`);
          if (name === 'srcdoc') found.push(`<${el.localName} srcdoc>`);
        }
        for (const name of urlAttributes) {
          const value = el.getAttribute(name);
          if (value === null) continue;
          try {
            const url = new URL(value, document.baseURI);
            if (url.protocol === 'javascript:' || url.protocol === 'vbscript:') found.push(`<${el.localName} ${name}="${value.slice(0, 60)}">`);
            if (url.protocol === 'data:' && /^data:\s*(text\/html|image\/svg|application\/xhtml|text\/xml)/i.test(value.trim()) && !['img', 'source'].includes(el.localName)) {
              found.push(`<${el.localName} ${name}="${value.slice(0, 60)}">`);
            }
          } catch {
            // Not a URL: nothing to follow.
          }
        }
        if (feedField && ['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'form', 'style'].includes(el.localName)) found.push(`<${el.localName}>`);
      }
      const events = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'mouseout', 'mouseleave', 'focusin', 'focus', 'blur', 'focusout', 'keydown', 'keyup', 'input', 'change', 'toggle', 'dragstart', 'scroll', 'wheel', 'animationstart', 'transitionend', 'contextmenu', 'dblclick'];
      for (const el of all.slice(0, cap)) {
        for (const type of events) {
          try {
            el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
          } catch {
            // An element that refuses an event is fine.
          }
        }
        if (el instanceof HTMLElement || el instanceof SVGElement) el.focus?.();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      return found;
    },
    { cap: 1000, feedField },
  );
}

/**
 * A real pointer over the first elements of the page and a few Tab presses; with `preview`, over a
 * link to a note until its preview card (the target's title and opening words, fetched) shows.
 */
async function pointer(page: Page, preview: boolean): Promise<void> {
  const points = await page.evaluate(() =>
    [...document.querySelectorAll('article *, main *')].slice(0, 6).map((el) => {
      const r = el.getBoundingClientRect();
      return [r.x + r.width / 2, r.y + r.height / 2] as const;
    }),
  );
  for (const [x, y] of points) if (x >= 0 && y >= 0 && x < 1280 && y < 720) await page.mouse.move(x, y);
  for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
  const link = page.locator('.note-body a.internal').first();
  if (preview && (await link.count())) {
    await link.hover({ timeout: 1000 }).catch(() => {});
    await page.locator('.link-preview').waitFor({ timeout: 1000 }).catch(() => {});
  }
}

const report = { pages: 0, feedFields: 0, live: [] as string[], missing: [] as string[] };
const spent = { load: 0, events: 0, pointer: 0 };
async function timed<T>(phase: keyof typeof spent, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await run();
  } finally {
    spent[phase] += Date.now() - start;
  }
}

describe(`an XSS corpus (${corpus.payloads.length} payloads of DOMPurify's tests and ${PROJECT.length} of the project) in every place a note holds text`, () => {
  it('builds', () => {
    expect(site.code, site.output.slice(-3000)).toBe(0);
  });

  it('runs nothing on any built page, and loses no note text around a payload', async () => {
    const hitsBefore = hits.length;
    const files = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'));
    const text = new Map<string, string>();
    let next = 0;
    // Two tabs: page loads wait on Chromium more than on the CPU.
    await Promise.all(
      [0, 1].map(async () => {
        let current = '';
        const page = await tab(() => current);
        while (next < files.length) {
          const rel = path.relative(site.outDir, files[next++]!).replace(/index\.html$/, '');
          current = `${server.url}/${rel.split(path.sep).map(encodeURIComponent).join('/')}`;
          showing.set(page, `page /${rel}`);
          await timed('load', () => page.goto(current, { waitUntil: 'load' }));
          for (const danger of await timed('events', () => exercise(page, false))) report.live.push(`page /${rel}: ${danger}`);
          const note = /^(corpus-|field-)/.test(rel);
          // Preview cards are one piece of code: every third note's is enough (its link's target title holds payloads).
          if (note) await timed('pointer', () => pointer(page, Number(/^field-(\d+)/.exec(rel)?.[1] ?? 1) % 3 === 0));
          if (note) text.set(rel.replace(/\/$/, ''), (await page.evaluate(() => document.body.textContent ?? '')).replace(/\s+/g, ' '));
        }
        await page.close();
      }),
    );
    report.pages = files.length;

    for (const [name, { code }] of Object.entries(BODY_NOTES)) {
      const shown = text.get(name) ?? '';
      for (let i = 0; i < N; i++) for (const marker of [pre(code, i), post(code, i)]) if (!shown.includes(marker)) report.missing.push(`/${name}/ lost ${marker}`);
      if (!shown.includes(`The end of ${name}.`)) report.missing.push(`/${name}/ lost its end`);
    }
    for (let k = 0; k < FIELD_NOTES; k++) {
      const shown = text.get(`field-${k}`) ?? '';
      for (const i of groupOf(k)) {
        for (const code of ['t', 'o', 'g', 'l', 'm', 'u', 'w']) {
          for (const marker of [pre(code, i), post(code, i)]) if (!shown.includes(marker)) report.missing.push(`/field-${k}/ lost ${marker} (${FIELD_CODES[code as keyof typeof FIELD_CODES]})`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(hits.slice(hitsBefore), JSON.stringify(hits.slice(hitsBefore, hitsBefore + 20), null, 1)).toEqual([]);
    expect(report.live.filter((l) => l.startsWith('page '))).toEqual([]);
    expect(report.missing).toEqual([]);
  });

  it('runs nothing from any feed item title, description or content:encoded rendered as HTML', async () => {
    const hitsBefore = hits.length;
    const page = await tab(() => 'about:blank');
    // Read as a reader reads it: a strict XML parser (Chromium's), then each field's text.
    const xml = await fs.readFile(path.join(site.outDir, 'rss.xml'), 'utf8');
    const items = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return null;
      const field = (item: Element, name: string) => item.getElementsByTagName(name)[0]?.textContent ?? '';
      return [...doc.querySelectorAll('item')].map((item) => ({ link: field(item, 'link'), title: field(item, 'title'), description: field(item, 'description'), content: field(item, 'content:encoded') }));
    }, xml);
    expect(items, 'rss.xml is well-formed XML').not.toBeNull();
    expect(items!.length).toBe(50);
    const missing: string[] = [];
    for (const item of items!) {
      const name = new URL(item.link).pathname.replaceAll('/', '');
      for (const fieldName of ['title', 'description', 'content'] as const) {
        const where = `feed ${name} ${fieldName}`;
        showing.set(page, where);
        // As a reader that does not sanitize shows it: the field's text as the HTML of a document.
        await page.setContent(item[fieldName], { waitUntil: 'load' });
        for (const danger of await exercise(page, true)) report.live.push(`${where}: ${danger}`);
        report.feedFields++;
        const shown = (await page.evaluate(() => document.documentElement.textContent ?? '')).replaceAll('\u2060', '').replace(/\s+/g, ' ');
        const k = /^field-(\d+)$/.exec(name)?.[1];
        const codes = k === undefined ? (fieldName === 'content' ? [BODY_NOTES[name]!.code] : []) : { title: ['t'], description: ['d'], content: ['l', 'm', 'u', 'w'] }[fieldName];
        const indices = k === undefined ? PAYLOADS.map((_, i) => i) : groupOf(Number(k));
        for (const code of codes) for (const i of indices) for (const marker of [pre(code, i), post(code, i)]) if (!shown.includes(marker)) missing.push(`${where} lost ${marker}`);
      }
    }
    await page.close();
    expect(hits.slice(hitsBefore), JSON.stringify(hits.slice(hitsBefore, hitsBefore + 20), null, 1)).toEqual([]);
    expect(report.live.filter((l) => l.startsWith('feed '))).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('runs nothing from search results', async () => {
    const hitsBefore = hits.length;
    let current = '';
    const page = await tab(() => current);
    for (const query of ['alert', 'onerror', 'zq']) {
      current = `${server.url}/search/?q=${query}`;
      showing.set(page, `search ${query}`);
      await page.goto(current);
      await page.waitForFunction(() => document.querySelectorAll('.pf-result-link').length > 0, undefined, { timeout: 20_000 });
      for (const danger of await exercise(page, false)) report.live.push(`search ${query}: ${danger}`);
      await pointer(page, false);
    }
    await page.close();
    expect(hits.slice(hitsBefore)).toEqual([]);
    expect(report.live.filter((l) => l.startsWith('search '))).toEqual([]);
  });

  it('reports what it ran', () => {
    console.log(
      `xss corpus: ${N} payloads (${corpus.payloads.length} DOMPurify + ${PROJECT.length} project), ` +
        `${Object.keys(BODY_NOTES).length} whole-body placements + ${Object.keys(FIELD_CODES).length} field placements; ` +
        `${report.pages} pages, ${report.feedFields} feed fields; ${hits.length} executions, ${report.live.length} live markup, ${report.missing.length} lost markers; ` +
        `build ${((built - started) / 1000).toFixed(1)} s, all ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(pages, summed over two tabs: loading ${(spent.load / 1000).toFixed(1)} s, events ${(spent.events / 1000).toFixed(1)} s, pointer ${(spent.pointer / 1000).toFixed(1)} s)`,
    );
    if (hits.length || report.live.length) {
      // Where they were: a page, search, or which field of the feed (and in how many feed fields).
      const place = (where: string) => (where.startsWith('feed ') ? `feed ${where.split(' ').at(-1)}` : where.split(' ')[0]!);
      const tally = (places: string[]) => Object.entries(Object.groupBy(places, (p) => p)).map(([p, list]) => `${p}: ${list!.length}`).join(', ');
      console.log(`executions by place: ${tally(hits.map((h) => place(h.where)))}; in ${new Set(hits.map((h) => h.where)).size} pages or fields`);
      console.log(`live markup by place: ${tally(report.live.map((l) => place(l.split(':')[0]!)))}; in ${new Set(report.live.map((l) => l.split(':')[0])).size} pages or fields`);
      console.log(JSON.stringify({ hits: hits.slice(0, 10), live: report.live.slice(0, 10) }, null, 1));
    }
  });
});
