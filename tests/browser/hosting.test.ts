import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite, listFiles, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';

/*
 * The sample garden as a visitor meets it on a host: under a sub-path (a GitHub Pages project site,
 * served here only under /garden/) and at a domain's root. Every page is opened in Chromium and
 * every request it makes, every link it holds and every URL of the feed and sitemap must work.
 */
interface Hosted {
  site: BuiltSite;
  server: Awaited<ReturnType<typeof serve>>;
  prefix: string;
}

let browser: Browser;
const hosts: Record<'sub-path' | 'root', Hosted> = {} as never;

beforeAll(async () => {
  for (const [name, prefix] of [['sub-path', '/garden/'], ['root', '/']] as const) {
    const site = await buildSite(SAMPLE_GARDEN, { GARDEN_SITE_URL: `https://garden.test${prefix}` });
    expect(site.code, site.output).toBe(0);
    hosts[name] = { site, prefix, server: await serve(site.outDir, { prefix }) };
  }
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  for (const host of Object.values(hosts)) await host.server?.close();
});

/** Every page of the build, as its URL path under the prefix. */
async function pagePaths(host: Hosted): Promise<string[]> {
  const files = (await listFiles(host.site.outDir)).filter((f) => f.endsWith('.html') && !f.endsWith('404.html'));
  return files.map((f) => `${host.prefix}${path.relative(host.site.outDir, f).replace(/index\.html$/, '')}`);
}

/** Opens every page; returns every failed request and every link that does not answer 200. */
async function crawl(host: Hosted): Promise<{ pages: number; broken: string[] }> {
  const broken = new Set<string>();
  const links = new Set<string>();
  const context = await browser.newContext();
  const paths = await pagePaths(host);
  // Redirect pages (an alias's) send the browser on at once: their addresses are checked as links.
  const pages: string[] = [];
  for (const pathname of paths) {
    const relative = decodeURIComponent(pathname.slice(host.prefix.length));
    const file = path.join(host.site.outDir, relative, relative === '' || relative.endsWith('/') ? 'index.html' : '');
    if ((await fs.readFile(file, 'utf8').catch(() => '')).includes('http-equiv="refresh"')) links.add(`${host.server.url}${pathname}`);
    else pages.push(pathname);
  }
  // Three tabs, each opening page after page: a load waits on Chromium more than on the CPU.
  await Promise.all(
    [0, 1, 2].map(async () => {
      const page = await context.newPage();
      let pathname = '';
      page.on('response', (r) => void (r.status() >= 400 && broken.add(`${pathname}: ${r.status()} ${r.url()}`)));
      // Not a request the next page's load cancelled (the favicon, asked for after load): a missing
      // file answers 404, and every address a page names is asked for again below.
      page.on('requestfailed', (r) => void (r.failure()?.errorText !== 'net::ERR_ABORTED' && broken.add(`${pathname}: failed ${r.url()}`)));
      while (pages.length) {
        pathname = pages.shift()!;
        await page.goto(`${host.server.url}${pathname}`, { waitUntil: 'load' });
        const found = await page.$$eval('a[href], img[src], link[href], script[src], use', (nodes) =>
          nodes.map((n) => (n as HTMLAnchorElement).href ?? (n as HTMLImageElement).src ?? n.getAttribute('href')).filter(Boolean).map(String),
        );
        for (const url of found) if (url.startsWith(host.server.url)) links.add(url.split('#')[0]!);
      }
      await page.close();
    }),
  );
  for (const url of links) {
    const response = await context.request.get(url);
    if (response.status() !== 200) broken.add(`link ${url}: ${response.status()}`);
  }
  await context.close();
  return { pages: paths.length, broken: [...broken] };
}

async function searchFor(host: Hosted, word: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${host.server.url}${host.prefix}search/?q=${word}`);
  await page.locator('.pf-result-link').first().waitFor();
  return page;
}

describe.each(['sub-path', 'root'] as const)('the sample garden hosted at its %s', (name) => {
  it('has no broken link, image, stylesheet or script on any page', async () => {
    const { pages, broken } = await crawl(hosts[name]);
    expect(pages).toBeGreaterThan(30);
    expect(broken).toEqual([]);
  });

  it('searches, and its results open the note', async () => {
    const host = hosts[name];
    const page = await searchFor(host, 'thrive');
    const href = await page.locator('.pf-result-link').first().getAttribute('href');
    expect(href).toBe(`${host.prefix}ferns/`);
    await page.locator('.pf-result-link').first().click();
    await page.waitForURL(`**${host.prefix}ferns/`);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });

  it('opens a link preview', async () => {
    const host = hosts[name];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${host.server.url}${host.prefix}linking-your-thinking/`);
    await page.locator('.note-body a.internal', { hasText: 'Evergreen notes' }).first().hover();
    await expect(page.locator('.link-preview strong').textContent()).resolves.toBe('Evergreen notes');
  });

  it('gives the feed and the sitemap absolute URLs under its path', async () => {
    const { site, prefix } = hosts[name];
    const origin = `https://garden.test${prefix}`;
    const read = (file: string) => fs.readFile(path.join(site.outDir, file), 'utf8');
    const feedUrls = [...(await read('rss.xml')).matchAll(/<(?:link|guid[^>]*)>([^<]+)</g), ...(await read('rss.xml')).matchAll(/(?:href|src)="(https?:[^"]+)"/g)].map((m) => m[1]!);
    const sitemapUrls = [...(await read('sitemap-index.xml')).matchAll(/<loc>([^<]+)</g), ...(await read('sitemap-0.xml')).matchAll(/<loc>([^<]+)</g)].map((m) => m[1]!);
    expect(feedUrls.length).toBeGreaterThan(20);
    expect(sitemapUrls.length).toBeGreaterThan(20);
    for (const url of [...feedUrls, ...sitemapUrls]) if (url.startsWith('https://garden.test')) expect(url).toMatch(new RegExp(`^${origin}`));
  });

  it('gives every page the tags a shared link is previewed with, its address absolute under its path', async () => {
    const { site, prefix } = hosts[name];
    const faults: string[] = [];
    let notes = 0;
    for (const file of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
      const html = await fs.readFile(file, 'utf8');
      if (html.includes('http-equiv="refresh"')) continue;
      const tree = fromHtml(html);
      const meta = (key: string) => select(`meta[property="${key}"], meta[name="${key}"]`, tree)?.properties.content as string | undefined;
      const page = path.relative(site.outDir, file);
      const wanted: Record<string, string | RegExp | undefined> = {
        'og:type': select('article.note:not(.base-page)', tree) ? 'article' : 'website',
        'og:site_name': 'The Tended Garden',
        'og:title': /\S/,
        'og:locale': 'en_GB',
        'twitter:card': 'summary',
        'twitter:title': meta('og:title'),
        'og:description': (select('meta[name="description"]', tree)?.properties.content as string) || undefined,
        'og:url': page === '404.html' ? undefined : (select('link[rel="canonical"]', tree)?.properties.href as string),
      };
      for (const [key, value] of Object.entries(wanted)) {
        const found = meta(key);
        if (value instanceof RegExp ? !value.test(found ?? '') : found !== value) faults.push(`${page}: ${key} is ${JSON.stringify(found)}`);
      }
      if (page !== '404.html' && !meta('og:url')?.startsWith(`https://garden.test${prefix}`)) faults.push(`${page}: og:url ${meta('og:url')} is not under ${prefix}`);
      if (wanted['og:type'] === 'article') {
        notes++;
        const planted = select('.note-meta time', tree)?.properties.dateTime;
        if (planted && meta('article:published_time') !== planted && meta('article:modified_time') !== planted) faults.push(`${page}: no article time matches ${String(planted)}`);
      }
    }
    expect(notes).toBeGreaterThan(15);
    expect(faults).toEqual([]);
  });
});
