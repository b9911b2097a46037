import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSite, listFiles, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * A garden of three linked notes (and unlinked ones), without tags or moods: its header
 * offers only what is there, and its home page draws no map (a map is worth its room from five
 * linked notes on). Two of its notes are written in other languages than the garden's.
 */
/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite(
    await makeVault({
      'First.md': shared('The first, linking [[Second]] and [[Third]].'),
      'Second.md': shared('The second, linking [[Third]].'),
      'Third.md': shared('The third, linking [[First]].'),
      'Jardin.md': shared('Une note écrite en français.', 'lang: fr\n'),
      'Hadiqa.md': shared('ملاحظة مكتوبة بالعربية.', 'lang: ar\n'),
      'Odd.md': shared('A note whose language is not one.', 'lang: python\n'),
      'Pictured.md': shared('A note with a cover.', 'cover: "[[fern.png]]"\n'),
      'Unpictured.md': shared('A note whose cover is missing.', 'image: nowhere.png\n'),
      'Secret.md': '---\nimage: "[[zqcoversecret.png]]"\n---\nPrivate.',
      'Pictures/fern.png': PNG,
      'Pictures/zqcoversecret.png': PNG,
    }),
  );
  expect(site.code, site.output).toBe(0);
});

const tree = async (url: string) => fromHtml(await pageHtml(site, url));

describe('a garden of three linked notes', () => {
  it('offers in its menu only sections with something in them', async () => {
    for (const url of ['', 'first', 'tags', 'states/seed']) {
      const sections = selectAll('.site-nav a', await tree(url)).map((a) => toString(a));
      expect(sections, url).toEqual(['Growth', 'Graph']);
    }
  });

  it('draws no map on its home page, and keeps the whole map a link away', async () => {
    const home = await tree('');
    expect(selectAll('.graph', home)).toEqual([]);
    expect(selectAll('.site-footer a', home).map((a) => toString(a))).toContain('Map of the garden');
    expect(selectAll('.graph', await tree('graph'))).toHaveLength(1);
  });

  it('shows no growth history, not being in git: no line on a note, no page of what grew, no link to one', async () => {
    expect(selectAll('.note-growth', await tree('first'))).toEqual([]);
    const files = await listFiles(site.outDir);
    expect(files.filter((file) => file.includes('grown'))).toEqual([]);
    expect(selectAll('a', await tree('')).map((a) => toString(a))).not.toContain('Recently grown');
  });
});

describe('a note in another language than the garden\'s', () => {
  it('says so on its article, in its direction, and leaves the garden\'s own words as they are', async () => {
    const french = await tree('jardin');
    for (const part of ['article.note h1', '.note-body']) {
      const element = selectAll(part, french)[0]!;
      expect([element.properties.lang, element.properties.dir], part).toEqual(['fr', 'ltr']);
    }
    // The garden's words around the note stay in the garden's language, unmarked.
    expect(selectAll('html', french)[0]!.properties.lang).toBe('en-GB');
    expect(selectAll('article.note, .note-footer, [lang="fr"] #note\\.backlinks', french).map((e) => e.properties.lang ?? null)).toEqual([null, null]);
    const arabic = await tree('hadiqa');
    expect(['article.note h1', '.note-body'].map((part) => selectAll(part, arabic)[0]!.properties.dir)).toEqual(['rtl', 'rtl']);
  });

  it('names its language in the feed, and a note in the garden\'s language names none', async () => {
    const feed = await pageHtml(site, 'rss.xml');
    const item = (slug: string) => feed.split('<item>').find((one) => one.includes(`/${slug}/</link>`)) ?? '';
    expect(item('jardin')).toContain('<dc:language>fr</dc:language>');
    expect(item('hadiqa')).toContain('<dc:language>ar</dc:language>');
    expect(item('first')).not.toContain('dc:language');
    expect(feed).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('is reported when its `lang` names no language, and published as in the garden\'s', async () => {
    expect(site.output).toContain('Odd.md');
    expect(site.output).toContain('lang "python" is not a language tag');
    expect(selectAll('article.note', await tree('odd'))[0]!.properties.lang).toBeUndefined();
  });
});

describe('a note with an image of its own', () => {
  const meta = (tree: Awaited<ReturnType<typeof fromHtml>>, key: string) => selectAll(`meta[property="${key}"], meta[name="${key}"]`, tree)[0]?.properties.content;

  it('is shared with that image, published with the note', async () => {
    const page = await tree('pictured');
    const image = String(meta(page, 'og:image'));
    expect(image).toMatch(/^https:\/\/garden\.test\/attachments\/fern-[\w-]+\.png$/);
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(meta(page, 'og:image:alt')).toBe('Pictured');
    await expect(fs.stat(path.join(site.outDir, new URL(image).pathname))).resolves.toBeTruthy();
  });

  it('is shared without one when the vault has no such image, and says so', async () => {
    const page = await tree('unpictured');
    expect(meta(page, 'og:image')).toBeUndefined();
    expect(meta(page, 'twitter:card')).toBe('summary');
    expect(site.output).toContain('image "nowhere.png" names no image of the vault');
  });

  it("never publishes a private note's image", async () => {
    const files = await listFiles(site.outDir);
    expect(files.filter((f) => /zqcoversecret|secret/i.test(f))).toEqual([]);
    expect(files.filter((f) => f.includes(`${path.sep}attachments${path.sep}`)).map((f) => path.basename(f))).toEqual([expect.stringMatching(/^fern-/)]);
  });
});

describe('a garden whose notes link to none', () => {
  it('offers no map: neither the Graph section nor the footer link', async () => {
    const unlinked = await buildSite(await makeVault({ 'One.md': shared('One.'), 'Two.md': shared('Two.') }));
    expect(unlinked.code, unlinked.output).toBe(0);
    const home = fromHtml(await pageHtml(unlinked, ''));
    expect(selectAll('.site-nav a', home).map((a) => toString(a))).toEqual(['Growth']);
    expect(selectAll('.site-footer a', home).map((a) => toString(a))).toEqual(['Follow by RSS']);
  });
});
