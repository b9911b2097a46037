import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { buildSite, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * A garden of three linked notes, without tags or moods: its header offers only what is there,
 * and its home page draws no map (a map is worth its room from five linked notes on).
 */
let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite(
    await makeVault({
      'First.md': shared('The first, linking [[Second]] and [[Third]].'),
      'Second.md': shared('The second, linking [[Third]].'),
      'Third.md': shared('The third, linking [[First]].'),
    }),
  );
  expect(site.code, site.output).toBe(0);
});

const tree = async (url: string) => fromHtml(await pageHtml(site, url));

describe('a garden of three notes', () => {
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
