import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';
import { makeVault, shared } from '../helpers/vault.ts';
import { emptyOutput } from '../../src/integration/empty-output.ts';
import { moveBackReusedPages, pageFile, recordOutput, takeOutputRecord } from '../../src/integration/reuse-pages.ts';
import type { PathWithRoute } from 'astro';

describe('the render cache', () => {
  it('reuses a rendered note until its text changes', async () => {
    const vault = await makeVault({ 'a.md': shared('Alpha [[b]] and [[zqprivatename|a thought]]'), 'b.md': shared('Beta'), 'zqprivatename.md': '---\nshare: false\n---\nPRIVATE TEXT' });
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-'));
    const config = { ...resolveConfig({ contentDir: vault }, {}), cacheDir };
    const first = await buildGarden(config);
    const file = path.join(cacheDir, 'rendered-notes.json');
    const cached = await fs.readFile(file, 'utf8');
    expect(cached).not.toContain('PRIVATE TEXT');
    // a's link names the private note: the cache keeps what a links to, but not readably.
    expect(cached).not.toContain('zqprivatename');
    expect(JSON.parse(cached)).toHaveLength(2);

    // Mark the cached HTML: a second build must serve the mark, not render again.
    await fs.writeFile(file, cached.replaceAll('<p>Beta</p>', '<p>FROM CACHE</p>'));
    const second = await buildGarden(config);
    expect(second.notes.find((n) => n.slug === 'b')!.html).toBe('<p>FROM CACHE</p>');
    expect(second.notes.find((n) => n.slug === 'a')!.html).toBe(first.notes.find((n) => n.slug === 'a')!.html);

    // Editing the note renders it again.
    await fs.writeFile(path.join(vault, 'b.md'), shared('Beta, tended'));
    const third = await buildGarden(config);
    expect(third.notes.find((n) => n.slug === 'b')!.html).toBe('<p>Beta, tended</p>');
  });

  it('renders again exactly the notes whose links now lead elsewhere', async () => {
    const vault = await makeVault({
      'a.md': shared('Alpha links [[b]], [[c]] and ![[pic.png]].'),
      'b.md': shared('Beta'),
      'd.md': shared('Delta links nothing.'),
      'elsewhere/b.md': shared('Another b, further away'),
    });
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-'));
    const config = { ...resolveConfig({ contentDir: vault }, {}), cacheDir };
    const file = path.join(cacheDir, 'rendered-notes.json');
    /** Builds after `change` with every cached body marked, and tells which notes were rendered again. */
    const renderedAgain = async (change: () => Promise<void>) => {
      const cached = await fs.readFile(file, 'utf8');
      await fs.writeFile(file, cached.replaceAll('Alpha', 'STALE Alpha').replaceAll('Delta', 'STALE Delta'));
      await change();
      const garden = await buildGarden(config);
      return ['a', 'd'].filter((slug) => !garden.notes.find((n) => n.slug === slug)!.html.includes('STALE'));
    };
    const write = (name: string, text: string) => fs.writeFile(path.join(vault, name), text);
    await buildGarden(config);

    expect(await renderedAgain(() => write('e.md', shared('A note nobody links to')))).toEqual([]);
    expect(await renderedAgain(() => write('c.md', shared('Gamma, which a already linked')))).toEqual(['a']);
    expect(await renderedAgain(() => write('pic.png', 'PNG'))).toEqual(['a']);
    expect(await renderedAgain(() => write('b.md', shared('Beta', 'title: Bee\n')))).toEqual(['a']);
    expect(await renderedAgain(() => write('c.md', '---\nshare: false\n---\nGamma, now private'))).toEqual(['a']);
    // `[[b]]` led to the nearer b.md; without it, to the one further away.
    expect(await renderedAgain(() => fs.rm(path.join(vault, 'b.md')))).toEqual(['a']);
    expect(await renderedAgain(async () => {})).toEqual([]);

    // Unmarked, what the cache serves is what a build without it renders.
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replaceAll('STALE ', ''));
    const cold = await buildGarden({ ...config, cacheDir: undefined });
    const warm = await buildGarden(config);
    expect(warm.notes.map((n) => [n.slug, n.html])).toEqual(cold.notes.map((n) => [n.slug, n.html]));
  });
});

describe('the render cache key', () => {
  it('names the installed version of every package rendering uses, their dependencies too', async () => {
    const { installedVersions } = await import('../../src/garden/version.ts');
    const installed = async (name: string) => JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../../node_modules', name, 'package.json'), 'utf8')).version as string;
    const versions = await installedVersions();
    // Direct (unified, rehype-sanitize) and transitive (micromark via remark-parse, parse5 via rehype-raw).
    for (const name of ['unified', 'rehype-sanitize', 'micromark', 'parse5', 'highlight.js']) {
      expect(versions).toContain(`${name}@${await installed(name)}`);
    }
    expect(versions.filter((v) => v.endsWith('@missing'))).toEqual([]);
  });
});

describe('the caches after a build that was stopped while writing', () => {
  it('lose the temporary copies a stopped build left, which held the notes shared then', async () => {
    const { removeAbandonedCopies, temporaryCopyOf } = await import('../../src/garden/cache-files.ts');
    // The id of a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-'));
    const file = path.join(dir, 'rendered-notes.json');
    await fs.writeFile(path.join(dir, `rendered-notes.json.${ended}.1.tmp`), 'zqsharedthen');
    await fs.mkdir(path.join(dir, `search.${ended}.a1b2c3d4.1.tmp`));
    // An earlier process in a container that had this process's id.
    await fs.writeFile(path.join(dir, `rendered-notes.json.${process.pid}.a1b2c3d4.1.tmp`), 'zqsharedthen');
    const ours = temporaryCopyOf(file);
    await fs.writeFile(ours, 'being written');
    await removeAbandonedCopies(file);
    await removeAbandonedCopies(path.join(dir, 'search'));
    expect(await fs.readdir(dir)).toEqual([path.basename(ours)]);
  });
});

describe('the search index kept between builds', () => {
  it('is removed as soon as it is found out of date, before indexing again (which may fail)', async () => {
    const { folderStore } = await import('../../src/integration/search-index.ts');
    const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-')), 'search');
    const store = folderStore(dir);
    await store.set('with the note shared', new Map([['fragment/en_1.pf_fragment', new TextEncoder().encode('zqturnedprivate')]]));
    expect(await store.get('with the note shared')).toBeDefined();
    expect(await store.get('with the note private')).toBeUndefined();
    await expect(fs.stat(dir)).rejects.toThrow();
  });

  it('puts its files into a site as they were indexed, in place of what the folder held', async () => {
    const { folderStore } = await import('../../src/integration/search-index.ts');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-'));
    const store = folderStore(path.join(root, 'search'));
    const files = new Map([
      ['pagefind.js', new TextEncoder().encode('the library')],
      ['fragment/en_1.pf_fragment', new TextEncoder().encode('one note')],
      ['index/en_2.pf_index', new TextEncoder().encode('its words')],
    ]);
    await store.set('k', files);
    const site = path.join(root, 'dist', 'pagefind');
    await fs.mkdir(path.join(site, 'fragment'), { recursive: true });
    await fs.writeFile(path.join(site, 'fragment', 'en_0.pf_fragment'), 'an older index');
    await (await store.get('k'))!.writeTo(site);
    const written = await fs.readdir(site, { recursive: true, withFileTypes: true });
    const contents = Object.fromEntries(
      await Promise.all(written.filter((e) => e.isFile()).map(async (e) => [path.relative(site, path.join(e.parentPath, e.name)), await fs.readFile(path.join(e.parentPath, e.name), 'utf8')])),
    );
    expect(contents).toEqual({ 'pagefind.js': 'the library', 'fragment/en_1.pf_fragment': 'one note', 'index/en_2.pf_index': 'its words' });
  });

  it('is not used again once a file put into a site was rewritten in place (a link shares it with the cache)', async () => {
    const { folderStore } = await import('../../src/integration/search-index.ts');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-cache-'));
    const store = folderStore(path.join(root, 'search'));
    await store.set('k', new Map([['pagefind.js', new TextEncoder().encode('the library')]]));
    const site = path.join(root, 'dist', 'pagefind');
    await (await store.get('k'))!.writeTo(site);
    expect(await store.get('k')).toBeDefined();
    // As a compressor run after the build might: the same file, truncated and written.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fs.writeFile(path.join(site, 'pagefind.js'), 'the library, minified');
    expect(await store.get('k')).toBeUndefined();
  });
});

describe("the last build's output", () => {
  const outputOf = async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-out-'));
    const out = path.join(root, 'dist');
    // `i`, `g` and `t`: the slugs Astro's own emptying would keep.
    for (const slug of ['zqold', 'i', 'g', 't']) {
      await fs.mkdir(path.join(out, slug), { recursive: true });
      await fs.writeFile(path.join(out, slug, 'index.html'), 'a page of the last build');
    }
    return { root, out, cache: path.join(root, 'cache', 'garden') };
  };

  it('is moved out of the way at once and deleted from the cache folder', async () => {
    const { out, cache } = await outputOf();
    const { remove } = await emptyOutput(out, cache);
    await expect(fs.stat(out)).rejects.toThrow();
    await remove();
    expect(await fs.readdir(cache)).toEqual([]);
  });

  it('keeps only a .git folder, and a link to the output stays a link', async () => {
    const kept = await outputOf();
    await fs.mkdir(path.join(kept.out, '.git'));
    await (await emptyOutput(kept.out, kept.cache)).remove();
    expect(await fs.readdir(kept.out)).toEqual(['.git']);
    expect(await fs.readdir(kept.cache)).toEqual([]);

    const linked = await outputOf();
    const link = path.join(linked.root, 'site');
    await fs.symlink(linked.out, link);
    await (await emptyOutput(link, linked.cache)).remove();
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readdir(linked.out)).toEqual([]);
  });

  it('left behind by a stopped build is removed by the next one, even one with nothing to empty', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const { root, cache } = await outputOf();
    await fs.mkdir(path.join(cache, `old-output.${ended}.a1b2c3d4.1.tmp`, 'zqprivatenow'), { recursive: true });
    await fs.mkdir(path.join(cache, `old-output.${process.pid}.a1b2c3d4.1.tmp`, 'zqprivatenow'), { recursive: true });
    await (await emptyOutput(path.join(root, 'never-built'), cache)).remove();
    expect(await fs.readdir(cache)).toEqual([]);
  });
});

describe("the pages a rebuild keeps from the last build's output", () => {
  // Only `pathname` and `cacheKey` are read; a route is whatever Astro gave.
  const page = (pathname: string, cacheKey?: string) => ({ pathname, cacheKey, route: {} }) as PathWithRoute;
  const lastBuild = async (pages: PathWithRoute[]) => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-reuse-'));
    const out = path.join(root, 'dist');
    const cache = path.join(root, 'cache');
    for (const { pathname } of pages) {
      await fs.mkdir(path.dirname(path.join(out, pageFile(pathname))), { recursive: true });
      await fs.writeFile(path.join(out, pageFile(pathname)), `last build's ${pathname}`);
    }
    await recordOutput(cache, out, pages);
    return { out, cache };
  };
  const pagesIn = async (folder: string) => (await fs.readdir(folder, { recursive: true }).catch(() => [] as string[])).filter((name) => name.endsWith('.html')).sort();

  it('are the pages this build lists with the key they had, moved back into the emptied output', async () => {
    const { out, cache } = await lastBuild([page('/alpha/', 'a1'), page('/beta/', 'b1'), page('/zqturned/', 'z1'), page('/tags/garden/', 't1'), page('/tags/garden/moss/', 'm1'), page('/café/', 'c1')]);
    const { pages: record } = await takeOutputRecord(cache, out);
    const last = await emptyOutput(out, cache);
    // Beta's key changed; zqturned is private now, so not listed; a new note has no page to keep.
    const now = [page('/alpha/', 'a1'), page('/beta/', 'b2'), page('/tags/garden/', 't1'), page('/tags/garden/moss/', 'm1'), page('/café/', 'c1'), page('/gamma/', 'g1'), page('/')];
    expect(await moveBackReusedPages(now, record, last.folder!, out)).toBe(4);
    expect(await pagesIn(out)).toEqual(['alpha/index.html', 'café/index.html', 'tags/garden/index.html', 'tags/garden/moss/index.html']);
    expect(await fs.readFile(path.join(out, 'alpha/index.html'), 'utf8')).toBe("last build's /alpha/");
    await last.remove();
    await expect(fs.stat(last.folder!)).rejects.toThrow();
  });

  it('are not the files changed since the last build: rewritten in place, or replaced (a `git checkout` in the output)', async () => {
    const pages = [page('/alpha/', 'a1'), page('/beta/', 'b1'), page('/gamma/', 'g1')];
    const { out, cache } = await lastBuild(pages);
    await fs.writeFile(path.join(out, 'beta/index.html'), 'zqrewritten');
    await fs.writeFile(path.join(out, 'gamma/new.html'), 'zqreplaced');
    await fs.rename(path.join(out, 'gamma/new.html'), path.join(out, 'gamma/index.html'));
    const { pages: record } = await takeOutputRecord(cache, out);
    const last = await emptyOutput(out, cache);
    expect(await moveBackReusedPages(pages, record, last.folder!, out)).toBe(1);
    expect(await pagesIn(out)).toEqual(['alpha/index.html']);
  });

  it('are none when the last build did not complete: its record is taken by the build that starts', async () => {
    const pages = [page('/alpha/', 'a1')];
    const { out, cache } = await lastBuild(pages);
    const { completed, pages: recorded } = await takeOutputRecord(cache, out);
    expect(completed).toBe(true);
    expect([...recorded.keys()]).toEqual(['/alpha/']);
    // The build that took it stopped halfway, after writing into the output: the next finds no record.
    const next = await takeOutputRecord(cache, out);
    expect(next).toEqual({ completed: false, pages: new Map() });
    const last = await emptyOutput(out, cache);
    expect(await moveBackReusedPages(pages, next.pages, last.folder!, out)).toBe(0);
    expect(await pagesIn(out)).toEqual([]);
  });

  it("are none from another output folder's record, or from a record that cannot be read", async () => {
    const { out, cache } = await lastBuild([page('/alpha/', 'a1')]);
    // It completed, into another folder.
    expect(await takeOutputRecord(cache, path.join(out, '..', 'elsewhere'))).toEqual({ completed: true, pages: new Map() });
    await fs.writeFile(path.join(cache, 'last-output.json'), '{"outDir": 1, "pages": [["/alpha/", 2]]}');
    expect(await takeOutputRecord(cache, out)).toEqual({ completed: false, pages: new Map() });
  });

  it('leave to Astro a pathname two routes claim, a page without a key, and a page missing from the last output', async () => {
    const { out, cache } = await lastBuild([page('/alpha/', 'a1'), page('/beta/', 'b1'), page('/gamma/', 'g1')]);
    const { pages: record } = await takeOutputRecord(cache, out);
    const last = await emptyOutput(out, cache);
    await fs.rm(path.join(last.folder!, 'gamma'), { recursive: true });
    // `/alpha` and `/alpha/` are one page to Astro.
    const now = [page('/alpha/', 'a1'), page('/alpha', 'a1'), page('/beta/'), page('/gamma/', 'g1')];
    expect(await moveBackReusedPages(now, record, last.folder!, out)).toBe(0);
    expect(await pagesIn(out)).toEqual([]);
  });
});
