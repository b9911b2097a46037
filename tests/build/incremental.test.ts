import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVault, shared } from '../helpers/vault.ts';
import { buildInto, buildSite, listFiles, type BuiltSite } from '../helpers/build.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';
import { siteFiles } from '../helpers/site-files.ts';

/*
 * Incremental rebuilds (Astro's experimental.incrementalBuild, src/site/page-keys.ts, the render
 * cache): a small vault is built, then edited step by step, and after each edit rebuilt into the
 * same out and cache folders, as a gardener's next build would be. Every rebuild must equal a cold
 * build of the same vault (fresh out and cache folders) file for file, the search index included,
 * and a note turned private must leave no trace anywhere, the caches included.
 */
const CANARIES = ['zqturnedbody', 'zqturnedtitle', 'zqturnedtag', 'zqturnedfile', 'zqturnedalias', 'zqturnedletter'];
const PNG = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n, n, n]);

let vault: string;
let outDir: string;
let cacheDir: string;
/** The garden's settings from here on (GARDEN_SETTINGS), for the rebuild and the cold build alike. */
let settings: Record<string, unknown> = {};
const env = (): Record<string, string> => (Object.keys(settings).length ? { GARDEN_SETTINGS: JSON.stringify(settings) } : {});

const write = (name: string, text: string | Uint8Array) => fs.writeFile(path.join(vault, name), text);
/** Edits a note; an edit that changes nothing (its step run out of order, or alone) fails rather than testing nothing. */
const edit = async (name: string, change: (text: string) => string) => {
  const before = await fs.readFile(path.join(vault, name), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${name} changed nothing: the steps run in order, each after the one before`);
  await write(name, after);
};

/**
 * The first build's files: it was a cold build, so it is the cold build of the vault for the steps
 * that change only the output or the caches, not the vault or the settings.
 */
let firstBuild: Map<string, string>;

async function expectSameAsCold(step: string, { vaultUnchanged = false } = {}): Promise<BuiltSite> {
  // Side by side: the two builds share nothing but the vault, which neither writes.
  const [incremental, cold] = await Promise.all([buildInto(vault, outDir, cacheDir, env()), vaultUnchanged ? undefined : buildSite(vault, env())]);
  expect(incremental.code, `${step}: incremental build\n${incremental.output}`).toBe(0);
  if (cold) expect(cold.code, `${step}: cold build\n${cold.output}`).toBe(0);
  const [after, expected] = await Promise.all([siteFiles(outDir), cold ? siteFiles(cold.outDir) : firstBuild]);
  expect([...after.keys()], `${step}: the same files`).toEqual([...expected.keys()]);
  const differing = [...expected].filter(([name, text]) => after.get(name) !== text).map(([name]) => name);
  if (differing.length) {
    // Kept for inspection: both versions of each differing file.
    const keep = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-incremental-differing-'));
    for (const name of differing) {
      await fs.writeFile(path.join(keep, `${name.replaceAll('/', '_')}.incremental`), after.get(name) ?? '', 'latin1');
      await fs.writeFile(path.join(keep, `${name.replaceAll('/', '_')}.cold`), expected.get(name)!, 'latin1');
    }
    differing.push(`(both versions in ${keep})`);
  }
  expect(differing, `${step}: files whose contents differ from a cold build`).toEqual([]);
  if (cold) await fs.rm(path.dirname(cold.outDir), { recursive: true, force: true });
  return incremental;
}

beforeAll(async () => {
  vault = await makeVault({
    'Alpha.md': shared('Alpha links [[Beta]] and [[zqturnedfile|a note]].\n\n![[picture.png]]', 'title: Alpha\ntags: [garden, garden/moss]\nmood: Calm\nupdated: 2025-03-01\n'),
    'Beta.md': shared('Beta, linked from Alpha, links [[Gamma]].', 'title: Beta\ntags: [garden]\nupdated: 2025-02-01\n'),
    'Gamma.md': shared('Gamma links [[Alpha]].', 'title: Gamma\ntags: [stone]\nmood: Calm\nupdated: 2025-01-01\n'),
    // [[Old beta]] names no note until Beta takes it as an alias.
    'Delta.md': shared('Delta stands alone and links [[Beta]] and [[Old beta|the old name]].', 'title: Delta\ntags: [stone]\nupdated: 2024-12-01\n'),
    'zqturnedfile.md': shared('zqturnedbody links [[Alpha]].', 'title: zqturnedtitle\ntags: [zqturnedtag, garden]\naliases: [zqturnedalias]\nupdated: 2025-04-01\n'),
    // A page whose path is not ASCII, under a nested tag's page too, kept in place like any other.
    '日本の庭.md': shared('A garden in Japanese.', 'tags: [garden/庭]\nupdated: 2024-11-01\n'),
    // Its page is dist/i/: Astro's own emptying of dist/ keeps entries named `.`, `g`, `i` and `t`.
    'I.md': shared('zqturnedletter, a note of one letter.', 'title: I\nupdated: 2025-04-02\n'),
    'Private.md': '---\nshare: false\n---\nNever published.',
    // A view whose rows are other notes: a note entering it (Gamma's tags), leaving it or turned
    // private (zqturnedfile) changes this page and the base's, which the rebuild must then equal a
    // cold build of.
    'Shelf.md': shared(
      [...['```base', 'filters:', '  and:', '    - file.hasTag("garden")', 'views:', '  - type: table', '    name: Garden notes', '    order: [file.name, tags]', '    sort:', '      - property: file.name', '        direction: ASC', '```'], '', 'As a page: [[Garden.base]]'].join('\n'),
      'title: Shelf\nupdated: 2024-10-01\n',
    ),
    // The same view as a base's own page, which Shelf's link publishes.
    'Garden.base': ['filters:', '  and:', '    - file.hasTag("garden")', 'views:', '  - type: list', '    name: Garden notes', '    order: [file.name]'].join('\n'),
    'picture.png': PNG(1),
  });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-incremental-'));
  outDir = path.join(work, 'dist');
  cacheDir = path.join(work, 'cache');
  const first = await buildInto(vault, outDir, cacheDir);
  expect(first.code, first.output).toBe(0);
  firstBuild = await siteFiles(outDir);
  expect(firstBuild.get('garden-base/index.html'), 'the base page Shelf links').toMatch(/Alpha.*Beta/s);
}, 300_000);

describe('an incremental rebuild equals a cold build', { timeout: 600_000 }, () => {
  it('with nothing changed, reusing every keyed page where the last build left it', async () => {
    const site = await expectSameAsCold('no change', { vaultUnchanged: true });
    // `(cached)`: the page was in place; `(restored)`: Astro copied it from its cache (reuse-pages.ts).
    expect(site.output).toMatch(/\(cached\)/);
    expect(site.output).not.toMatch(/\(restored\)/);
    expect(site.output).toMatch(/\d+ unchanged pages kept from the last build/);
  });
  it('after a build that stopped halfway, taking no page from what it wrote', async () => {
    // A build that stops while Astro writes pages has already put into Astro's cache the pages it
    // rendered, under the keys of the build before, and has taken the garden's record of the output.
    const copy = path.join(cacheDir, 'dist', 'delta', 'index.html');
    await fs.writeFile(copy, (await fs.readFile(copy, 'utf8')).replace('Delta stands alone', 'zqstoppedbuild'));
    await fs.rm(path.join(cacheDir, 'garden', 'last-output.json'));
    const site = await expectSameAsCold('after a stopped build', { vaultUnchanged: true });
    expect(site.output).not.toMatch(/\((cached|restored)\)/);
  });
  it('after a page in the output was changed since the last build (a `git checkout` in it, a deploy step)', async () => {
    const page = path.join(outDir, 'delta', 'index.html');
    const text = await fs.readFile(page, 'utf8');
    await fs.rm(page);
    await fs.writeFile(page, text.replace('Delta stands alone', 'zqchangedoutput'));
    const site = await expectSameAsCold('output changed', { vaultUnchanged: true });
    expect(site.output).toMatch(/\(cached\)/);
  });
  it("after a note's body is edited", () => edit('Beta.md', (t) => `${t}\n\nA new paragraph about moss.\n`).then(() => expectSameAsCold('body')));
  it("after a note's title changes (its backlinkers, neighbours and lists show it)", () => edit('Beta.md', (t) => t.replace('title: Beta', 'title: Beta renamed')).then(() => expectSameAsCold('title')));
  it("after a note's tags change", () => edit('Gamma.md', (t) => t.replace('tags: [stone]', 'tags: [garden/moss, river]')).then(() => expectSameAsCold('tags')));
  it("after a note's up changes", () => edit('Delta.md', (t) => t.replace('title: Delta\n', 'title: Delta\nup: "[[Alpha]]"\n')).then(() => expectSameAsCold('up')));
  // Every other field a page shows, two to a rebuild where they are on different pages (a rebuild
  // and a cold build cost ~10 s): the differing files a failure lists say which field it was.
  it("after a note's mood and another's growth state change (mood and state pages, lists, the notes' own)", async () => {
    await edit('Alpha.md', (t) => t.replace('mood: Calm', 'mood: Curious'));
    await edit('Beta.md', (t) => t.replace('title: Beta renamed\n', 'title: Beta renamed\nstate: evergreen\n'));
    await expectSameAsCold('mood and state');
  });
  it("after a note's description and tended date change (lists; the order, so its old and new neighbours)", async () => {
    await edit('Delta.md', (t) => t.replace('title: Delta\n', 'title: Delta\ndescription: Delta, described.\n').replace('updated: 2024-12-01', 'updated: 2025-06-01'));
    await expectSameAsCold('description and updated');
  });
  it("after a note's aliases change (its redirect pages, and a link by the alias now landing)", () => edit('Beta.md', (t) => t.replace('title: Beta renamed\n', 'title: Beta renamed\naliases: [Old beta]\n')).then(() => expectSameAsCold('aliases')));
  it("after the garden's title, colours and redirects change (GARDEN_SETTINGS)", async () => {
    settings = { ...settings, title: 'A renamed garden', colors: { accent: { light: '#5c2a8a' } }, redirects: { '/old-alpha/': 'Alpha', '/older/delta/': 'Delta' } };
    await expectSameAsCold('title, colors and redirects settings');
  });
  it('after the redirects setting changes: one old address gone, one sent to another note', async () => {
    settings = { ...settings, redirects: { '/old-alpha/': 'Beta' } };
    await expectSameAsCold('redirects changed');
  });
  it('after an attachment changes and another is embedded', async () => {
    await write('picture.png', PNG(2));
    await write('second.png', PNG(3));
    await edit('Gamma.md', (t) => `${t}\n\n![[second.png]]\n`);
    await expectSameAsCold('attachment');
  });
  it('after a note is added', () => write('Epsilon.md', shared('Epsilon links [[Alpha]] and [[Delta]].', 'title: Epsilon\ntags: [garden]\nmood: Curious\nupdated: 2025-05-01\n')).then(() => expectSameAsCold('added')));
  it('after a note is deleted', () => fs.rm(path.join(vault, 'Gamma.md')).then(() => expectSameAsCold('deleted')));
  it('after a shared note is turned private, leaving no trace in the site or the caches', async () => {
    await edit('zqturnedfile.md', (t) => t.replace('share: true', 'share: false'));
    await edit('I.md', (t) => t.replace('share: true', 'share: false'));
    await expectSameAsCold('turned private');
    const files = [...(await listFiles(outDir)), ...(await listFiles(cacheDir))];
    expect(files.length).toBeGreaterThan(10);
    const found = await scanForCanaries([outDir, cacheDir, ...SHARED_BUILD_FOLDERS], CANARIES);
    expect(found).toEqual([]);
  });
});
