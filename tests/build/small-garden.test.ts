import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { buildSite, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * A garden of three linked notes (and three unlinked ones), without tags or moods: its header
 * offers only what is there, and its home page draws no map (a map is worth its room from five
 * linked notes on). Two of its notes are written in other languages than the garden's.
 */
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
});

describe('a note in another language than the garden\'s', () => {
  it('says so on its article, in its direction, and leaves the garden\'s own words as they are', async () => {
    const french = await tree('jardin');
    const article = selectAll('article.note', french)[0]!;
    expect([article.properties.lang, article.properties.dir]).toEqual(['fr', 'ltr']);
    expect(selectAll('html', french)[0]!.properties.lang).toBe('en-GB');
    expect(selectAll('#note\\.backlinks', french).map((h) => toString(h))).toEqual(['Linked from']);
    const arabic = selectAll('article.note', await tree('hadiqa'))[0]!;
    expect([arabic.properties.lang, arabic.properties.dir]).toEqual(['ar', 'rtl']);
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
