import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import type { Root, RootContent } from 'hast';
import { buildSite, listFiles, pageHtml, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { en } from '../../src/garden/locale/en.ts';
import { CATALOGUES, catalogueKey } from '../../src/garden/locale/locale.ts';
import { toString } from 'hast-util-to-string';
import { SAME_AS_ENGLISH } from '../helpers/locales.ts';
import settings from '../../garden.config.ts';

/** The sample's own description of itself, in English: the gardener's words. */
const SAMPLE_DESCRIPTION = settings.description ?? '';

/*
 * The sample garden built in each language the garden ships: every page says `<html lang dir>`,
 * writes its dates in that language's form, and leaves none of the site's English words behind
 * (the notes themselves stay in English: their text, titles, tags and moods are left out of the
 * check, as the gardener's own words).
 */
const LOCALES: { locale: string; dir: 'ltr' | 'rtl'; planted: string }[] = [
  // "Tools I use" was planted on 1 May 2024, as each language writes that day.
  { locale: 'de', dir: 'ltr', planted: '1. Mai 2024' },
  { locale: 'fr', dir: 'ltr', planted: '1 mai 2024' },
  { locale: 'es', dir: 'ltr', planted: '1 de mayo de 2024' },
  { locale: 'pt-BR', dir: 'ltr', planted: '1 de maio de 2024' },
  { locale: 'ja', dir: 'ltr', planted: '2024年5月1日' },
  { locale: 'zh-CN', dir: 'ltr', planted: '2024年5月1日' },
  { locale: 'ar', dir: 'rtl', planted: '1 مايو 2024' },
];

/** The gardener's words on a page: a note's text and headings (its contents list), titles, tags, moods, the garden's name. */
const GARDENERS = ['.note-body', '.toc ol', 'article.note > header h1', '.home-intro h1', '.prev-next a > :not(small)', '.site-title', 'title', '.note-list a', '.excerpt', '.backlinks a', '.backlink-context', '.note-footer section ul a', '.graph text', '.graph title', '.breadcrumbs a[href]:not([href$="/tags/"])', '.breadcrumbs [aria-current]', '.tag', '.mood', '.tag-tree', '.home-intro .lede', '.search-facet', 'h1 + .lede:not(.state-header .lede)', 'code'].join(', ');

/** The site's English words: every catalogue string, split where values go, kept where it has a word of four letters. */
function englishPhrases(): string[] {
  const phrases = new Set<string>();
  const walk = (value: unknown) => {
    if (value && typeof value === 'object') return Object.values(value).forEach(walk);
    for (const piece of String(value).split(/\{\w+\}/)) phrases.add(piece.trim().replace(/^[·,.\s]+|[·,.\s…]+$/g, ''));
  };
  walk({ ...en, defaults: {} });
  return [...phrases].filter((p) => /[A-Za-z]{4}/.test(p));
}
const PHRASES = englishPhrases();

/** Every string in a JSON value. */
const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);

/** The text a page writes itself: text nodes outside the gardener's words, and the attributes people read. */
function siteText(tree: Root): string[] {
  const found: string[] = [];
  const gardeners = new Set<unknown>(selectAll(GARDENERS, tree));
  // A neighbour's link is the site's "Older →" and the note's title, as a bare text node.
  for (const link of selectAll('.prev-next a', tree)) link.children = link.children.filter((child) => child.type === 'element');
  const notePage = selectAll('article.note:not(.base-page)', tree).length > 0;
  const walk = (node: Root | RootContent) => {
    // A tag (`#writing/notes`, a tag page's heading) is the gardener's word.
    if (node.type === 'text') return void found.push(node.value.replace(/#[\p{L}\p{N}/_-]+/gu, ''));
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      if (gardeners.has(node)) return;
      const { ariaLabel, placeholder, dataWords, dataFailed, dataTip, content, name } = node.properties;
      for (const value of [ariaLabel, placeholder, dataFailed, dataTip]) if (typeof value === 'string') found.push(value);
      // The search script's words: their values, not the keys it reads them by.
      if (typeof dataWords === 'string') found.push(...strings(JSON.parse(dataWords)));
      // A note's description is its own, or its opening words; the garden's is the gardener's setting.
      if (node.tagName === 'meta' && name === 'description' && typeof content === 'string' && !notePage) found.push(content.replace(SAMPLE_DESCRIPTION, ''));
      if (node.tagName === 'style' || node.tagName === 'script' && !node.properties.type) return;
    }
    for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}

for (const { locale, dir, planted } of LOCALES) {
  describe(`the sample garden in ${locale}`, () => {
    let site: BuiltSite;
    beforeAll(async () => {
      site = await buildSite(SAMPLE_GARDEN, { GARDEN_SETTINGS: JSON.stringify({ locale }) });
      expect(site.code, site.output).toBe(0);
    });

    it(`names its language and direction on every page (lang="${locale}" dir="${dir}")`, async () => {
      const pages = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html') && !f.includes(`${path.sep}_`));
      expect(pages.length).toBeGreaterThan(40);
      for (const page of pages) {
        const html = await fs.readFile(page, 'utf8');
        if (html.includes('http-equiv="refresh"')) continue;
        expect(html, page).toMatch(new RegExp(`<html lang="${locale}" dir="${dir}"`));
      }
    });

    it('leaves none of the site’s English words on any page, search page and its script’s words included', async () => {
      const left: string[] = [];
      for (const page of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
        const text = siteText(fromHtml(await fs.readFile(page, 'utf8'))).join('\n');
        const shared = new Set(SAME_AS_ENGLISH[catalogueKey(locale)!] ?? []);
        for (const phrase of PHRASES) if (!shared.has(phrase) && new RegExp(`(^|[^A-Za-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(text)) left.push(`${path.relative(site.outDir, page)}: "${phrase}"`);
      }
      expect(left).toEqual([]);
    });

    it("names a note's footnotes in the garden's language, for screen readers", async () => {
      const words = CATALOGUES[catalogueKey(locale)!]!.footnotes;
      const page = fromHtml(await pageHtml(site, 'callouts-and-formatting'));
      expect(selectAll('section.footnotes h2', page).map((h) => toString(h))).toEqual([words.label]);
      expect(selectAll('a[data-footnote-backref]', page)[0]?.properties.ariaLabel).toBe(words.back.replace('{n}', '1'));
    });

    it("writes dates in the language's own form, and the feed's language", async () => {
      expect(await pageHtml(site, 'tools-i-use')).toContain(`>${planted}</time>`);
      expect(await pageHtml(site, 'rss.xml')).toContain(`<language>${locale}</language>`);
    });
  });
}

describe('the check itself', () => {
  it('knows the English words to look for, and finds them in an English page', async () => {
    expect(PHRASES).toEqual(expect.arrayContaining(['Linked from', 'Recently tended', 'Skip to content', 'No other note links here yet', 'Searching for', 'results for']));
    const english = siteText(fromHtml('<html><body><nav aria-label="Garden"></nav><h2>Linked from</h2><div class="note-body"><p>Recently tended</p></div></body></html>')).join('\n');
    expect(english).toContain('Linked from');
    expect(english).not.toContain('Recently tended');
  });
});
