import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { stem } from 'porter2';
import { canaryForms, scanForCanaries } from '../helpers/canaries.ts';
import { readAsText } from '../helpers/build.ts';
import { cbor } from '../helpers/site-files.ts';
import { gardenOf, shared } from '../helpers/vault.ts';
import { closeSearch, memoryStore, searchIndex } from '../../src/integration/search-index.ts';

/*
 * The canary scan every privacy test uses (tests/helpers/canaries.ts) must find a canary in every
 * form the build stores it, the search index's stemmed words above all, and must be able to fail.
 */

/** Words of the shapes the suites' canaries take: each English suffix Porter2 strips or changes, a digit, one very long. */
const WORDS = [
  'zqcanarybody',
  'zqcanarytitle',
  'zqcanaryyes',
  'zqcanaryembedded',
  'zqcanaryhtmlcomment',
  'zqcanaryattbytes',
  'zqcanaryheading',
  'zqcanaryunlisted',
  'zqcanaryredirect',
  'zqturnedletter',
  'zqdevcanary',
  'zqrealtitle0',
  'zqhiddencanaryness',
  'zqhiddencanaryational',
  `zqcanary${'long'.repeat(60)}ing`,
];

/** The folder of a search index the project's own indexing wrote for one shared note whose body is `words`. */
async function indexOf(words: string[]): Promise<string> {
  const garden = await gardenOf({ 'Canary words.md': shared(`${words.join(' ')}\n`) });
  const { bundle } = await searchIndex(garden, { locale: 'en-GB', timeZone: 'UTC' }, memoryStore());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-canary-index-'));
  for (const [name, bytes] of bundle) {
    await fs.mkdir(path.dirname(path.join(dir, 'pagefind', name)), { recursive: true });
    await fs.writeFile(path.join(dir, 'pagefind', name), bytes);
  }
  return dir;
}

/** Every word an index chunk (`pagefind/index/*.pf_index`) stores, as stored. */
async function storedWords(dir: string): Promise<string[]> {
  const words: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') words.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  for (const name of await fs.readdir(path.join(dir, 'pagefind', 'index'))) {
    const bytes = zlib.gunzipSync(await fs.readFile(path.join(dir, 'pagefind', 'index', name)));
    collect(cbor(bytes.subarray('pagefind_dcd'.length)));
  }
  return words;
}

afterAll(() => closeSearch());

describe('canary forms', () => {
  it('are the word and its Porter2 stem, and for a numbered canary its letters too, longest first', () => {
    expect(canaryForms('zqcanarybody')).toEqual(['zqcanarybody', 'zqcanarybodi']);
    expect(canaryForms('zqcanaryredirect')).toEqual(['zqcanaryredirect']);
    expect(canaryForms('zqturnedletter')).toEqual(['zqturnedletter', 'zqturnedlett']);
    expect(canaryForms('zqrealtitle0')).toEqual(['zqrealtitle0', 'zqrealtitle', 'zqrealtitl']);
  });

  it('refuse a canary Pagefind would split or change beyond them', () => {
    for (const word of ['zqCanary', 'zq-canary-body', 'zqcanary body', 'zqcanaryé', 'zq9canary', 'zqcanary12x', 'zq']) {
      expect(() => canaryForms(word), word).toThrow(/not one lower-case ASCII word/);
    }
  });

  it("are what Pagefind 1.5 stores: the project's search index holds each word, written in any case, only in these forms", async () => {
    // Every other word as a visitor might write it: capitalised, or in capitals.
    const written = WORDS.map((w, i) => [w, `${w[0]!.toUpperCase()}${w.slice(1)}`, w.toUpperCase()][i % 3]!);
    const stored = (await storedWords(await indexOf(written))).filter((w) => w.startsWith('zq'));
    const forms = new Set(WORDS.flatMap(canaryForms));
    expect(stored.filter((w) => !forms.has(w))).toEqual([]);
    for (const word of WORDS) expect(stored.filter((w) => canaryForms(word).includes(w)), word).toContain(stem(word));
    // Lower-cased, stemmed, and a numbered word's letters stemmed on their own too; nothing truncated.
    expect(stored).toContain('zqcanarybodi');
    expect(stored).toContain('zqrealtitl');
    expect(stored).toContain(stem(WORDS.at(-1)!));
    expect(stored).not.toContain('zqcanarybody');
  }, 60_000);
});

describe('the canary scan', () => {
  it('finds a canary the search index holds only as its stem, which a scan for the word as written misses', async () => {
    const dir = await indexOf(['Ferns', 'zqcanarybody', 'and', 'zqcanarytitle']);
    // The fragments hold the note's text as written: without them, only the stems are left.
    await fs.rm(path.join(dir, 'pagefind', 'fragment'), { recursive: true });
    const asWritten: string[] = [];
    for (const file of await fs.readdir(dir, { recursive: true })) {
      const full = path.join(dir, file);
      if (!(await fs.stat(full)).isFile()) continue;
      const text = await readAsText(full);
      for (const word of ['zqcanarybody', 'zqcanarytitle']) if (text.includes(word)) asWritten.push(word);
    }
    expect(asWritten).toEqual([]);
    const found = await scanForCanaries([dir], { body: 'zqcanarybody', title: 'zqcanarytitle' });
    // In the index chunk, and as the last word of that chunk in the metadata file.
    expect(found.sort()).toEqual([
      expect.stringMatching(/^body "zqcanarybodi" in garden-canary-index-\w+\/pagefind\/index\/en-gb_\w+\.pf_index$/),
      expect.stringMatching(/^title "zqcanarytitl" in garden-canary-index-\w+\/pagefind\/index\/en-gb_\w+\.pf_index$/),
      expect.stringMatching(/^title "zqcanarytitl" in garden-canary-index-\w+\/pagefind\/pagefind\.en-gb_\w+\.pf_meta$/),
    ]);
  }, 60_000);

  it('finds a canary in a file name and in gzip, and nothing where there is none', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-canary-scan-'));
    await fs.mkdir(path.join(dir, 'out', 'zqcanaryfolder'), { recursive: true });
    await fs.writeFile(path.join(dir, 'out', 'zqcanaryfolder', 'index.html'), 'nothing here');
    await fs.writeFile(path.join(dir, 'out', 'data.gz'), zlib.gzipSync('{"words":"ZQCANARYBODIES"}'));
    await fs.writeFile(path.join(dir, 'out', 'clean.html'), 'a canary, a body');
    expect((await scanForCanaries([path.join(dir, 'out')], ['zqcanaryfolder', 'zqcanarybody'])).sort()).toEqual([
      '"zqcanarybodi" (of zqcanarybody) in out/data.gz',
      '"zqcanaryfolder" in the name out/zqcanaryfolder/index.html',
    ]);
    expect(await scanForCanaries([path.join(dir, 'out'), path.join(dir, 'missing')], ['zqcanarytitle'])).toEqual([]);
  });

  it('reports every symbolic link, and scans what it points to, outside the folder too, without looping', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-canary-links-'));
    await fs.mkdir(path.join(dir, 'out'));
    await fs.mkdir(path.join(dir, 'outside', 'deeper'), { recursive: true });
    await fs.writeFile(path.join(dir, 'outside', 'note.md'), 'zqcanarybody');
    await fs.writeFile(path.join(dir, 'outside', 'deeper', 'other.md'), 'zqcanarytitle');
    await fs.writeFile(path.join(dir, 'out', 'page.html'), 'public words');
    await fs.symlink('../outside/note.md', path.join(dir, 'out', 'page-link.html'));
    await fs.symlink('../outside', path.join(dir, 'out', 'folder-link'));
    await fs.symlink('.', path.join(dir, 'out', 'loop'));
    await fs.symlink('nowhere', path.join(dir, 'out', 'dangling'));
    const found = await scanForCanaries([path.join(dir, 'out')], { body: 'zqcanarybody', title: 'zqcanarytitle' });
    expect(found.filter((f) => f.startsWith('symbolic link')).sort()).toEqual([
      'symbolic link out/dangling -> nowhere',
      'symbolic link out/folder-link -> ../outside',
      'symbolic link out/loop -> .',
      'symbolic link out/page-link.html -> ../outside/note.md',
    ]);
    expect(found.filter((f) => !f.startsWith('symbolic link')).sort()).toEqual([
      'body "zqcanarybody" in out/folder-link/note.md',
      'body "zqcanarybody" in out/page-link.html (-> ../outside/note.md)',
      'title "zqcanarytitle" in out/folder-link/deeper/other.md',
    ]);
  });
});
