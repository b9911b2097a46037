import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { buildSite, pageHtml, type BuiltSite } from '../helpers/build.ts';
import { scanForCanaries } from '../helpers/canaries.ts';
import { gitVault, GROWTH_HISTORY, PAST_CANARIES } from '../helpers/git-vault.ts';

/*
 * A garden whose vault is a git repository with a history of growth, shares and renames
 * (tests/helpers/git-vault.ts): each note's page shows how it grew, the garden lists what grew
 * and offers it as a feed, and nothing of a note's private past reaches any file.
 */
let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite(await gitVault(GROWTH_HISTORY));
  expect(site.code, site.output).toBe(0);
});

const tree = async (url: string) => fromHtml(await pageHtml(site, url));
const growthLine = async (slug: string) => selectAll('.note-growth li', await tree(slug)).map((li) => toString(li));

describe('a note’s growth', () => {
  it('is told on its page, state by state, with the times it was tended', async () => {
    expect(await growthLine('growing')).toEqual(['planted as a seed on 3 March 2024', 'bud on 12 June 2024', 'evergreen on 2 February 2025', 'tended 3 times']);
    expect(await growthLine('new-name')).toEqual(['planted as a seed on 3 March 2024', 'bud on 12 June 2024', 'tended once']);
    expect(await growthLine('returning')).toEqual(['planted as a seed on 3 March 2024', 'bud on 2 February 2025', 'tended once']);
  });

  it('begins, for a note private before, when it was shared: no earlier date anywhere on its page', async () => {
    expect(await growthLine('later')).toEqual(['planted as a bud on 2 February 2025']);
    const page = await pageHtml(site, 'later');
    expect(page).not.toContain('2024');
  });

  it('gives each step an address, where the list of what grew links', async () => {
    const step = select('.note-growth li#note\\.grown-2', await tree('growing'));
    expect(step && toString(step)).toBe('evergreen on 2 February 2025');
  });
});

describe('what grew in the garden', () => {
  it('is a page listing every change of state, newest first, linked from the home page and the state pages', async () => {
    const page = await tree('states/grown');
    expect(selectAll('.grown-list li', page).map((li) => toString(li))).toEqual([
      '2 February 2025Growing became an evergreen',
      '2 February 2025Returning became a bud',
      '12 June 2024Growing became a bud',
      '12 June 2024New name became a bud',
    ]);
    expect(selectAll('.grown-list a', page).map((a) => a.properties.href)[0]).toBe('/growing/#note.grown-2');
    for (const url of ['', 'states/seed']) expect(selectAll('a', await tree(url)).map((a) => a.properties.href), url).toContain('/states/grown/');
  });

  it('is a feed, one item per change, each linking to its step', async () => {
    const feed = await pageHtml(site, 'states/grown.xml');
    const items = [...feed.matchAll(/<item><title>(.*?)<\/title><link>(.*?)<\/link>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(items).toEqual([
      'Growing became an evergreen https://garden.test/growing/#note.grown-2',
      'Returning became a bud https://garden.test/returning/#note.grown-1',
      'Growing became a bud https://garden.test/growing/#note.grown-1',
      'New name became a bud https://garden.test/new-name/#note.grown-1',
    ]);
    expect(await pageHtml(site, 'states/grown')).toContain('<link rel="alternate" type="application/rss+xml" title="The Tended Garden: recently grown" href="/states/grown.xml">');
  });
});

describe('a note’s private past', () => {
  it('reaches no file: not its old text, title, name or tags, not a note made private, not a commit message or author', async () => {
    expect(await scanForCanaries([site.outDir, site.cacheDir], PAST_CANARIES)).toEqual([]);
  });

  it('leaves no page for a note shared once and private now', async () => {
    const feed = await pageHtml(site, 'states/grown.xml');
    expect(feed).not.toContain('withdrawn');
    await expect(pageHtml(site, 'withdrawn')).rejects.toThrow(/ENOENT/);
  });
});
