import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from 'feedsmith';
import { extractFromXml } from '@extractus/feed-extractor';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { buildSite, listFiles, type BuiltSite } from '../helpers/build.ts';
import { fixtureGarden, PRIVATE_WORD } from '../helpers/garden-fixture.ts';
import { shared } from '../helpers/vault.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';

let site: BuiltSite;
let xml: string;
const SITE = 'https://garden.test';

beforeAll(async () => {
  // 55 extra dated notes, so the default cap of 50 is exercised.
  const many: Record<string, string> = {};
  for (let i = 1; i <= 55; i++) many[`many/n${i}.md`] = shared(`Body ${i}.`, `title: Many ${i}\ncreated: 2020-01-${String((i % 28) + 1).padStart(2, '0')}\nupdated: 2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}\n`);
  // A note holding characters XML 1.0 forbids, in its body, title, description, tag and mood (and
  // file name); the frontmatter's are YAML escapes.
  many['Control \u0001 chars.md'] = shared(
    'Body with \u0001 a control character, \uFFFE and \uFFFF, and \u001B[31m an escape.',
    'title: "Control\\u0001 chars\\uFFFE"\ndescription: "Described\\u0001"\ntags: ["ctl\\u0001tag"]\nmood: "Calm\\u0002"\ncreated: 2025-01-01\nupdated: 2025-01-15\n',
  );
  site = await buildSite(await fixtureGarden(many));
  xml = await fs.readFile(path.join(site.outDir, 'rss.xml'), 'utf8');
});

describe('/rss.xml', () => {
  it('is well-formed XML, RSS 2.0 with a self link', () => {
    expect(site.code).toBe(0);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss.channel['atom:link']['@_href']).toBe(`${SITE}/rss.xml`);
    expect(doc.rss.channel['atom:link']['@_rel']).toBe('self');
  });

  it('reads the same in two independent parsers: capped, newest first, unique permalinks', () => {
    const a = parseFeed(xml);
    const b = extractFromXml(xml, { useISODateFormat: true, getExtraEntryFields: (entry: Record<string, unknown>) => ({ guid: entry.guid }) });
    expect(a.format).toBe('rss');
    const itemsA = (a.feed as { items: { title: string; link: string; guid?: { value: string }; pubDate?: string }[] }).items;
    const itemsB = b.entries!;
    expect(itemsA).toHaveLength(50);
    expect(itemsB).toHaveLength(50);
    expect(itemsA.map((i) => i.title)).toEqual(itemsB.map((i) => i.title));
    const dates = itemsA.map((i) => Date.parse(i.pubDate!));
    expect(dates).toEqual([...dates].sort((x, y) => y - x));
    const guids = itemsA.map((i) => i.guid?.value);
    expect(new Set(guids).size).toBe(50);
    for (const item of itemsA) {
      expect(item.link).toMatch(new RegExp(`^${SITE}/`));
      expect(item.guid?.value).toBe(item.link);
    }
    expect(itemsA[0]!.title).toBe('2025-06-18 – Decided to ask for a job shift');
  });

  it('links only to pages that were built, with absolute URLs in the content', async () => {
    const built = new Set((await listFiles(site.outDir)).map((f) => `/${path.relative(site.outDir, f)}`));
    const { feed } = parseFeed(xml) as { feed: { items: { link: string; content?: { encoded?: string } }[] } };
    for (const item of feed.items) {
      const page = new URL(item.link).pathname;
      expect(built.has(decodeURIComponent(`${page}index.html`)), page).toBe(true);
      const html = item.content?.encoded ?? '';
      for (const [, url] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        expect(url, `in ${page}`).toMatch(/^(https?:|mailto:)/);
        if (url!.startsWith(SITE)) expect(built.has(decodeURIComponent(new URL(url!).pathname.replace(/\/$/, '/index.html'))), url).toBe(true);
      }
    }
    const ferns = feed.items.find((i) => i.link === `${SITE}/ferns/`)!;
    expect(ferns.content?.encoded).toMatch(new RegExp(`src="${SITE}/attachments/fern-[0-9a-f]{8}\\.svg"`));
    expect(ferns.content?.encoded).toContain(`href="${SITE}/oak/"`);
  });

  it('carries tags as categories, repaired titles as text, and no private note', () => {
    const { feed } = parseFeed(xml) as { feed: { items: { title: string; link: string; categories?: { name: string }[] }[] } };
    const seed = feed.items.find((i) => i.title.startsWith('2025-06-18'))!;
    expect(seed.categories?.map((c) => c.name)).toEqual(['my/words/moments']);
    expect(feed.items.find((i) => i.link === `${SITE}/tricky-title/`)?.title).toBe('Tom & Jerry <3 ‘quotes’');
    expect(xml).not.toContain(PRIVATE_WORD);
    expect(xml.toLowerCase()).not.toContain('secret');
  });

  it('is advertised on every page', async () => {
    const pages = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'));
    for (const page of pages) {
      expect(await fs.readFile(page, 'utf8'), page).toContain('<link rel="alternate" type="application/rss+xml" title="The Tended Garden" href="/rss.xml">');
    }
  });

  it('lists only shared notes and index pages in the sitemap', async () => {
    const sitemap = await fs.readFile(path.join(site.outDir, 'sitemap-0.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(urls).toContain(`${SITE}/ferns/`);
    expect(urls).toContain(`${SITE}/tags/plants/shade/`);
    expect(urls.some((u) => /secret|private|404/i.test(u))).toBe(false);
  });
});

describe('XML the build writes, read by a strict parser', () => {
  const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

  it('parses the feed and the sitemaps, though a note holds U+0001, U+FFFE and U+FFFF', async () => {
    const files = ['rss.xml', 'sitemap-index.xml', 'sitemap-0.xml'];
    const texts = await Promise.all(files.map((f) => fs.readFile(path.join(site.outDir, f), 'utf8')));
    const browser = await launch();
    try {
      const page = await browser.newPage();
      for (const [i, text] of texts.entries()) {
        expect(text, files[i]).not.toMatch(FORBIDDEN);
        // Chromium's XML parser (libxml2) is strict: one forbidden character and it returns a parsererror document.
        const errors = await page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          return [...doc.getElementsByTagName('parsererror')].map((e) => e.textContent);
        }, text);
        expect(errors, files[i]).toEqual([]);
      }
    } finally {
      await browser.close();
    }
    const { feed } = parseFeed(xml) as { feed: { items: { title: string; description?: string; content?: { encoded?: string } }[] } };
    const item = feed.items.find((i) => i.title.startsWith('Control'))!;
    expect(item.title).toBe('Control chars');
    expect(item.content?.encoded).toContain('Body with  a control character,  and , and [31m an escape.');
    // Control characters are taken out when the note is read (reported then); U+FFFE and U+FFFF are
    // left out of the feed (reported too).
    expect(site.output).toMatch(/Control \u0001 chars\.md.*control characters? \(such as NUL\) in its text; removed/);
    expect(site.output).toMatch(/Control \u0001 chars\.md.*contains \d+ characters? XML forbids/);
  });
});

describe('a real feed reader', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(site.outDir);
  });
  afterAll(() => server?.close());

  it('newsboat lists the garden with the right titles', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'newsboat-'));
    const urls = path.join(home, 'urls');
    const cache = path.join(home, 'cache.db');
    await fs.writeFile(urls, `${server.url}/rss.xml\n`);
    // Asynchronously: the feed is served from this very process.
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn('newsboat', ['-u', urls, '-c', cache, '-C', '/dev/null', ...args], { env: { ...process.env, HOME: home } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const reload = await run('-x', 'reload');
    expect(reload.status, reload.stderr).toBe(0);
    expect((await run('-x', 'print-unread')).stdout).toMatch(/^50 unread articles/);
    // What newsboat stored, read from its own cache.
    const db = new DatabaseSync(cache, { readOnly: true });
    const rows = db.prepare('SELECT title, url FROM rss_item ORDER BY pubDate DESC').all() as { title: string; url: string }[];
    db.close();
    expect(rows).toHaveLength(50);
    expect(rows[0]).toEqual({ title: '2025-06-18 – Decided to ask for a job shift', url: `${SITE}/2025-06-18-decided-to-ask-for-a-job-shift/` });
    expect(rows.map((r) => r.title)).toContain('Tom & Jerry <3 ‘quotes’');
    expect(rows.map((r) => r.title)).toContain('日本の庭');
  });
});
