import { describe, expect, it } from 'vitest';
import { resolveConfig, redirectPath, sampleSettingWarnings } from '../../src/garden/config/config.ts';
import { emptyGardenFailure } from '../../src/garden/report/report.ts';
import { siteUrls, type SiteAddress } from '../../src/garden/urls.ts';
import { gardenOf, makeVault, shared } from '../helpers/vault.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';

/* Publishing settings (redirects, noindex, allowEmpty) and the redirects a garden makes. */

describe('the redirects setting', () => {
  it.each([
    ['/old/path/', '/old/path/'],
    ['old/path', '/old/path/'],
    ['/my%20post/', '/my post/'],
    ['/Caf%C3%A9', '/Café/'],
    ['/old-page.html', '/old-page.html'],
    ['/old/index.html', '/old/'],
    ['/x//y/', '/x/y/'],
  ])('reads %j as %j', (given, kept) => {
    expect(redirectPath(given)).toBe(kept);
    expect(resolveConfig({ redirects: { [given]: 'Note' } }, {}).redirects).toEqual({ [kept]: 'Note' });
  });

  it.each([
    ['/', 'home page'],
    ['/index.html', 'home page'],
    ['https://old.example/x/', 'not a full URL'],
    ['//old.example/x/', 'not a full URL'],
    ['/x/?page=2', 'without ? or #'],
    ['/a/../../etc/', 'cannot be part of an address'],
    ['/a/%2E%2E/b/', 'cannot be part of an address'],
    ['/a%2Fb/', 'cannot be part of an address'],
    ['/a%5Cb/', 'cannot be part of an address'],
    ['/a%00/', 'cannot be part of an address'],
    ['/100%/', 'valid URL path'],
  ])('refuses the old address %j', (given, message) => {
    expect(() => resolveConfig({ redirects: { [given]: 'Note' } }, {})).toThrow(message);
  });

  it('refuses a target that names no note, and anything but an object', () => {
    expect(() => resolveConfig({ redirects: { '/x/': '' } }, {})).toThrow('redirects["/x/"] must name a note');
    expect(() => resolveConfig({ redirects: { '/x/': 3 } } as never, {})).toThrow('must name a note');
    expect(() => resolveConfig({ redirects: ['/x/'] } as never, {})).toThrow('redirects must be an object');
    expect(() => resolveConfig({ redirects: { '/x/': 'A', 'x': 'B' } }, {})).toThrow('the same address as another redirect');
  });

  it('takes noindex and allowEmpty as true or false only, off by default', () => {
    expect(resolveConfig({}, {})).toMatchObject({ noindex: false, allowEmpty: false, redirects: {} });
    expect(() => resolveConfig({ noindex: 'yes' } as never, {})).toThrow('noindex must be true or false');
    expect(() => resolveConfig({ allowEmpty: 1 } as never, {})).toThrow('allowEmpty must be true or false');
  });

  it('lays GARDEN_SETTINGS over the file, checked like it', () => {
    expect(resolveConfig({ title: 'Mine' }, { GARDEN_SETTINGS: '{"noindex": true}' })).toMatchObject({ title: 'Mine', noindex: true });
    expect(() => resolveConfig({}, { GARDEN_SETTINGS: '{"noindx": true}' })).toThrow('unknown setting "noindx"; did you mean "noindex"?');
    expect(() => resolveConfig({}, { GARDEN_SETTINGS: '{noindex}' })).toThrow('GARDEN_SETTINGS must be JSON');
  });
});

describe('redirects of a garden', () => {
  const vault = {
    'Gardening in public.md': shared('Public.', 'aliases: [Learning in public, learning in Public, Ferns, Tags, "!!!"]\n'),
    'Ferns.md': shared('Ferns.', 'aliases: [Shade plants, Ferns]\n'),
    'Moss.md': shared('Moss.', 'aliases: [Shade plants]\n'),
    'Oak.md': shared('Oak.', 'aliases: [Big tree]\n'),
    'Secret.md': '---\nshare: false\naliases: [Hidden alias]\n---\nSecret.',
  };

  it("redirects each shared note's aliases to it, and the gardener's old addresses", async () => {
    const garden = await gardenOf(vault, { redirects: { '/2023/old-fern.html': 'Ferns', '/big-tree/': 'Moss', '/old/oak/': 'oak.md' } });
    expect(garden.redirects.map((r) => [r.from, r.to.slug])).toEqual([
      ['/2023/old-fern.html', 'ferns'],
      ['/big-tree/', 'moss'],
      ['/learning-in-public/', 'gardening-in-public'],
      ['/old/oak/', 'oak'],
    ]);
    expect(garden.redirects.find((r) => r.from === '/learning-in-public/')!.origin).toBe('Gardening in public.md (alias "Learning in public")');
  });

  it('never redirects for a private note, and reports every address it cannot take, by file or setting', async () => {
    const garden = await gardenOf(vault, { redirects: { '/big-tree/': 'Moss', '/ferns/': 'Oak', '/tags/x/': 'Oak', '/gone/': 'Nowhere', '/secret/': 'Secret', '/hidden/': 'Hidden alias' } });
    expect(JSON.stringify(garden.redirects)).not.toMatch(/hidden|secret/i);
    const problems = garden.problems.map((p) => `${p.file}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Gardening in public.md: alias "Ferns" makes no redirect: /ferns/ is the page of Ferns.md',
        'Gardening in public.md: alias "Tags" makes no redirect: "tags" is the site\'s own address',
        'Gardening in public.md: alias "!!!" makes no redirect: it gives no usable address',
        'Ferns.md: alias "Shade plants" makes no redirect: /shade-plants/ is also an alias of Moss.md',
        'Moss.md: alias "Shade plants" makes no redirect: /shade-plants/ is also an alias of Ferns.md',
        'Oak.md: alias "Big tree" makes no redirect: /big-tree/ is redirected by the redirects setting',
        'garden.config.ts: redirects["/ferns/"] makes no redirect: /ferns/ is the page of Ferns.md',
        'garden.config.ts: redirects["/tags/x/"] makes no redirect: "tags" is the site\'s own address',
        'garden.config.ts: redirects["/gone/"] makes no redirect: "Nowhere" is not a shared note',
        'garden.config.ts: redirects["/secret/"] makes no redirect: "Secret" is not a shared note',
        'garden.config.ts: redirects["/hidden/"] makes no redirect: "Hidden alias" is not a shared note',
      ]),
    );
    // A note's alias that is its own name, or an alias spelt twice, is no problem.
    expect(problems.filter((p) => p.includes('"Learning in public"') || p.includes('learning in Public'))).toEqual([]);
    expect(problems.filter((p) => p.startsWith('Ferns.md') && p.includes('"Ferns"'))).toEqual([]);
  });

  it('shortens an alias too long for a file name, in any script, and reports it; an old address too long makes no redirect', async () => {
    const japanese = '日本語の別名'.repeat(15); // 90 characters, 270 bytes in UTF-8
    const latin = 'a very long alias '.repeat(20);
    const garden = await gardenOf(
      { 'Long.md': shared('Long.', `aliases: ["${japanese}", "${latin}"]\n`), 'Oak.md': shared('Oak.') },
      { redirects: { [`/${'x'.repeat(300)}/`]: 'Oak' } },
    );
    const froms = garden.redirects.map((r) => r.from);
    expect(froms).toHaveLength(2);
    for (const from of froms) for (const segment of from.split('/')) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
    expect(froms.every((from) => garden.redirects.find((r) => r.from === from)!.to.slug === 'long')).toBe(true);
    const problems = garden.problems.map((p) => `${p.file}: ${p.message}`);
    expect(problems.filter((p) => p.startsWith('Long.md: alias "') && p.includes('is too long for a web address; its redirect is at /'))).toHaveLength(2);
    expect(problems).toContain(`garden.config.ts: redirects["/${'x'.repeat(300)}/"] makes no redirect: a part of the address is longer than a file name may be (255 bytes)`);
  });

  it('are made into URLs and output files under the base path', () => {
    const urls = siteUrls('https://x.org/garden', '/garden/');
    // Addresses as the configuration and the core write them (branded: a link is never one).
    const address = (path: string) => path as SiteAddress;
    expect(urls.redirect(address('/learning-in-public/'))).toBe('/garden/learning-in-public/');
    expect(urls.redirect(address('/my post/'))).toBe('/garden/my%20post/');
    expect(urls.redirectFile(address('/my post/'))).toBe('my post/index.html');
    expect(urls.redirectFile(address('/2023/old.html'))).toBe('2023/old.html');
    expect(urls.robots()).toBe('/garden/robots.txt');
    expect(urls.pagefind()).toBe('/garden/pagefind/');
  });
});

describe('a garden that cannot be deployed', () => {
  const configOf = (dir: string, settings = {}, env: NodeJS.ProcessEnv = {}) => resolveConfig({ ...settings, contentDir: dir }, env);

  it('names a missing vault folder and the setting that named it', async () => {
    const config = configOf('/nonexistent/vault');
    const garden = await buildGarden(config);
    expect(emptyGardenFailure(garden, config)).toBe('the vault folder /nonexistent/vault (contentDir in garden.config.ts) does not exist: point contentDir at the folder of your Obsidian vault');
    const fromEnv = resolveConfig({}, { GARDEN_CONTENT_DIR: '/nonexistent/vault' });
    expect(emptyGardenFailure(await buildGarden(fromEnv), { ...fromEnv, allowEmpty: true })).toMatch(/^the vault folder \/nonexistent\/vault \(set by GARDEN_CONTENT_DIR\) does not exist/);
  });

  it('refuses a file for a folder', async () => {
    const dir = await makeVault({ 'file.md': 'x' });
    const config = configOf(`${dir}/file.md`);
    expect(emptyGardenFailure(await buildGarden(config), config)).toMatch(/file\.md \(contentDir in garden\.config\.ts\) is not a folder/);
  });

  it('refuses an empty vault and one with no shared note, unless allowEmpty', async () => {
    const empty = await makeVault({ 'picture.png': 'x' });
    expect(emptyGardenFailure(await buildGarden(configOf(empty)), configOf(empty))).toMatch(/holds no notes \(\.md files\).*allowEmpty: true/);
    const none = await makeVault({ 'a.md': 'Private.', 'b.md': '---\nshare: false\n---\nb' });
    expect(emptyGardenFailure(await buildGarden(configOf(none)), configOf(none))).toMatch(/^none of the 2 notes in the vault folder .* is shared.*share: true.*allowEmpty: true/);
    expect(emptyGardenFailure(await buildGarden(configOf(none)), configOf(none, { allowEmpty: true }))).toBeUndefined();
    const one = await makeVault({ 'a.md': shared('Hello.') });
    expect(emptyGardenFailure(await buildGarden(configOf(one)), configOf(one))).toBeUndefined();
  });

  it("warns of the sample's example site URL, title and author", () => {
    const sample = resolveConfig({ siteUrl: 'https://garden.example.org', title: 'The Tended Garden', author: 'The Gardener' }, {});
    expect(sampleSettingWarnings(sample)).toEqual([
      expect.stringMatching(/^siteUrl is the example https:\/\/garden\.example\.org/),
      'title is still the sample\'s "The Tended Garden": set your own in garden.config.ts',
      'author is still the sample\'s "The Gardener": set your own in garden.config.ts',
    ]);
    expect(sampleSettingWarnings(resolveConfig({ siteUrl: 'https://example.com/garden/' }, {}))).toHaveLength(1);
    expect(sampleSettingWarnings(resolveConfig({ siteUrl: 'https://my.garden', title: 'Mine', author: 'Me' }, {}))).toEqual([]);
  });
});
