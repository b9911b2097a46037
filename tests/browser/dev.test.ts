import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { makeVault, shared } from '../helpers/vault.ts';
import { ROOT } from '../helpers/build.ts';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';
import { launch } from '../helpers/browser.ts';

/*
 * `npm run dev` as a gardener uses it: the site in a browser while the vault is edited. Search
 * works, an edit shows in search within 2 s, and un-sharing a note takes it off every page and out
 * of search within a few seconds. A garden without moods, so Astro's warning about an empty
 * collection would show if anything still asked for one.
 *
 * One server for the file; each test starts from the same vault (`VAULT`, put back before each
 * test and waited for: `resetVault`) and sets up what else it needs itself, so any one test passes
 * alone (`-t`) and the file in any order (`--sequence.shuffle`). Tests wait for what they need (a
 * line the server prints, a page's content, polled until a deadline), never a fixed sleep.
 */
const FERNS = (word: string) => shared(`Ferns love shade; the word ${word} is found only here. See [[Oak]].`, 'tags: [plants]\naliases: [Old fern]\n');
const OAK = (share: boolean) => `---\nshare: ${share}\ntags: [plants]\naliases: [Big tree]\n---\nOaks grow slowly and drop acorns. Back to [[Ferns]].\n`;

/** A private note's name, words and attachment; the dev server must serve none of them. */
const SECRET = 'zqdevcanary';

/** The vault every test starts from. */
const VAULT: Record<string, string> = {
  'Ferns.md': FERNS('fiddlehead'),
  'Oak.md': OAK(true),
  'Moss.md': shared('Moss carpets the stones.', 'tags: [plants]\n'),
  'Growth.md': shared('Growth is $e^{rt}$.\n\n```mermaid\nflowchart LR\n  Seed --> Bud --> Evergreen\n```\n'),
  [`${SECRET}.md`]: `---\nshare: false\naliases: [${SECRET} alias]\n---\n${SECRET}word ![[${SECRET}.png]] [[Ferns]]`,
  [`${SECRET}.png`]: `${SECRET}bytes`,
};
/** A private note written last whenever the vault is put back: once the server says it changed, it has seen every change before it. */
const MARK = 'Reset mark.md';

let vault: string;
/** What the dev server told this test's page over its live-reload socket. */
const frames: string[] = [];
let server: DevServer;
let browser: Browser;
let page: Page;
/** Milliseconds from a write to the vault to the change seen in the browser, for the report. */
const timings: Record<string, number> = {};

const write = (file: string, text: string) => fs.writeFile(path.join(vault, file), text);

/** Escapes a file name for a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Once the dev server has followed every change to the vault made so far: `file` (written last)
 * was among the files it said changed after `from` (an offset into its output), and its search
 * index, written after it says so, is ready (the index's address answers once it is).
 */
async function followed(file: string, from: number): Promise<void> {
  await server.waitFor(new RegExp(`(^|, |\\] )${literal(file)}(, [^\\n]*)? changed: \\d+ notes published`, 'm'), from, 20_000);
  await page.request.get(`${server.url}/pagefind/pagefind-entry.json`);
}

let resets = 0;
/** Puts the vault back as `VAULT` has it, and waits until the dev server has followed (nothing to wait for if nothing changed). */
async function resetVault(): Promise<void> {
  const from = server.output().length;
  let changed = false;
  for (const name of await fs.readdir(vault)) {
    if (!(name in VAULT) && name !== MARK) {
      await fs.rm(path.join(vault, name), { recursive: true, force: true });
      changed = true;
    }
  }
  for (const [name, text] of Object.entries(VAULT)) {
    if ((await fs.readFile(path.join(vault, name), 'utf8').catch(() => undefined)) === text) continue;
    await write(name, text);
    changed = true;
  }
  if (!changed) return;
  await write(MARK, `---\nshare: false\n---\nThe vault as every test starts, put back ${++resets} times.\n`);
  await followed(MARK, from);
}

/**
 * Opens a page. The dev server reloads an open page when the garden changes (Astro's live reload),
 * which aborts a navigation under way: that one is simply made again.
 */
async function goto(url: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      // The document is enough: what a test waits for, it waits for itself.
      return await page.goto(`${server.url}${url}`, { waitUntil: 'domcontentloaded', timeout: 15_000 });
    } catch (error) {
      if (attempt >= 5 || !reloaded(error)) throw error;
      await page.waitForLoadState().catch(() => {});
    }
  }
}

/** Whether an error is the page being reloaded under the test's feet (see `goto`). */
const reloaded = (error: unknown) => /ERR_ABORTED|interrupted by another navigation|navigating|Execution context was destroyed|Target closed/.test(String(error));

/**
 * Searches as a visitor does, by opening /search/?q=…; the titles of the results once Pagefind has
 * answered. A search the page says failed (the index changed under it) is made again, as a visitor
 * would; one that never answers fails with what the page and the server last said.
 */
async function search(query: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      await goto(`/search/?q=${encodeURIComponent(query)}`);
      const answer = await page.waitForFunction((q) => {
        const summary = document.querySelector('#search-summary');
        if (summary?.hasAttribute('data-failed')) return 'failed';
        const text = summary?.textContent ?? '';
        if (!text.includes(q) || /searching/i.test(text)) return false;
        const said = /^\s*(\d+) result/.exec(text)?.[1];
        // The search page shows five results at a time.
        return document.querySelectorAll('.pf-result-link').length === (said ? Math.min(Number(said), 5) : 0) && 'answered';
      }, query, { timeout: 20_000 });
      if ((await answer.jsonValue()) === 'answered') return await page.locator('.pf-result-link').allTextContents();
      if (attempt >= 5) throw new Error(`the search page failed to search for "${query}" ${attempt} times`);
    } catch (error) {
      if (attempt < 5 && reloaded(error)) continue;
      const summary = await page.locator('#search-summary').textContent({ timeout: 1000 }).catch(() => '(no summary)');
      throw new Error(`searching for "${query}": ${String(error)}\nthe page's summary: ${summary}\nthe server's last lines:\n${server.output().slice(-2000)}`, { cause: error });
    }
  }
}

/**
 * What the dev server's index finds, asked through Pagefind's own API by the open page (a search
 * through the search page takes over a second in dev, its scripts loaded unbundled: too slow to
 * poll by). Written as text: the test runner would rewrite an import() in a function handed to
 * the page. The page may be live-reloaded meanwhile (Vite reloads it when it first bundles the
 * page's dependencies, Astro when the garden changes): then it is asked again once reloaded, as
 * an answer of nothing would pass for a word gone from the index.
 */
async function found(query: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await page.evaluate(`(async () => {
        const pagefind = await import('/pagefind/pagefind.js?fresh=' + Math.random());
        await pagefind.options({ basePath: '/pagefind/' });
        const { results } = await pagefind.search(${JSON.stringify(query)});
        return Promise.all(results.map(async (r) => (await r.data()).url));
      })()`)) as string[];
    } catch (error) {
      if (attempt >= 5 || !reloaded(error)) throw error;
      await page.waitForLoadState('domcontentloaded').catch(() => {});
    }
  }
}

/**
 * Polls `check` until it holds, which must be within `ms` of `started` (a check that ends later
 * fails); the milliseconds it took.
 */
async function within(ms: number, check: () => Promise<boolean>, started = performance.now()): Promise<number> {
  for (;;) {
    const held = await check();
    const elapsed = Math.round(performance.now() - started);
    if (held && elapsed <= ms) return elapsed;
    if (elapsed > ms) throw new Error(`${held ? 'held only after' : 'still not after'} ${elapsed} ms; wanted within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A page as the dev server serves it, asked by the browser's context without rendering it (an open page may be live-reloaded). */
async function html(url: string): Promise<{ status: number; text: string; tree: ReturnType<typeof fromHtml> }> {
  const response = await page.request.get(`${server.url}${url}`);
  const text = await response.text();
  return { status: response.status(), text, tree: fromHtml(text) };
}
const links = (tree: ReturnType<typeof fromHtml>, selector: string) => selectAll(selector, tree).map((a) => `${String(a.properties.href)} ${toString(a).trim()}`);

describe('the dev server', () => {
  beforeAll(async () => {
    // Inside the project, as content/ is, where Vite would serve its files if nothing stopped it
    // (in .cache/, ignored by git; Vite does not watch test-results/).
    await fs.mkdir(path.join(ROOT, '.cache'), { recursive: true });
    vault = await fs.mkdtemp(path.join(ROOT, '.cache', 'dev-vault-'));
    for (const [name, text] of Object.entries(VAULT)) await write(name, text);
    const started = performance.now();
    server = await startDevServer(vault);
    timings['server answers'] = Math.round(performance.now() - started);
    browser = await launch();
  }, 120_000);

  // A page of its own for each test, so a live reload one test caused cannot reach the next, and
  // the vault as every test starts.
  beforeEach(async () => {
    page = await browser.newPage();
    frames.length = 0;
    // What the dev server tells the page over its live-reload socket.
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
    await resetVault();
  }, 60_000);
  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log('dev server timings (ms):', JSON.stringify(timings));
    if (process.env.GARDEN_DEV_LOG) await fs.writeFile(process.env.GARDEN_DEV_LOG, server?.output() ?? '');
    if (vault) await fs.rm(vault, { recursive: true, force: true });
  }, 30_000);

  it('searches the garden, and a result opens the note on the dev server', async () => {
    expect(await search('fiddlehead')).toEqual(['Ferns']);
    await page.locator('.pf-result-link', { hasText: 'Ferns' }).click();
    await page.waitForURL(`${server.url}/ferns/`);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });

  it('finds a changed word within 2 s of the edit, and shows the edited note', async () => {
    await goto('/search/');
    expect(await found('fiddlehead')).toEqual(['/ferns/']);
    // The note's page compiled before the clock starts, as when a gardener has it open.
    await html('/ferns/');
    const written = performance.now();
    await write('Ferns.md', FERNS('crozier'));
    timings['edit found by search'] = await within(2000, async () => (await found('crozier')).includes('/ferns/'), written);
    timings['edit shown on the note page'] = await within(2000, async () => (await html('/ferns/')).text.includes('crozier'), written);
    // And as a visitor searches.
    const started = performance.now();
    expect(await search('crozier')).toEqual(['Ferns']);
    timings['one search as a visitor'] = Math.round(performance.now() - started);
    expect(await search('fiddlehead')).toEqual([]);
  });

  it('draws diagrams and typesets math with Mermaid and KaTeX served from their packages, as the build copies them', async () => {
    const failed: string[] = [];
    page.on('response', (response) => void (/\/_(mermaid|katex)\//.test(response.url()) && !response.ok() && failed.push(response.url())));
    await goto('/growth/');
    await page.locator('figure.diagram .diagram-drawing svg').waitFor({ timeout: 30_000 });
    expect(await page.locator('figure.diagram .diagram-drawing svg').textContent()).toContain('Evergreen');
    expect(await page.locator('.katex').count()).toBe(1);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.katex')!).fontFamily)).toMatch(/KaTeX/);
    expect(failed).toEqual([]);
  });

  it('serves redirect pages for aliases in dev too', async () => {
    await goto('/old-fern/');
    await page.waitForURL(`${server.url}/ferns/`);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });

  it('takes an un-shared note off every page and out of search within a few seconds; its page and alias 404', async () => {
    // Before: Oak is on the home page, its tag's page, among Ferns' backlinks, in search.
    expect(links((await html('/')).tree, '.note-list a')).toContain('/oak/ Oak');
    expect(links((await html('/tags/plants/')).tree, '.note-list a')).toContain('/oak/ Oak');
    expect(links((await html('/ferns/')).tree, '.backlinks a')).toEqual(['/oak/ Oak']);
    expect(await search('acorns')).toEqual(['Oak']);

    await write('Oak.md', OAK(false));
    timings['un-shared note gone everywhere'] = await within(5000, async () => {
      const everywhere = [links((await html('/')).tree, 'a'), links((await html('/tags/plants/')).tree, 'a'), links((await html('/ferns/')).tree, 'a')].flat();
      return !everywhere.some((link) => /\/oak\/|Oak$/.test(link)) && (await found('acorns')).length === 0;
    });
    expect(await search('acorns')).toEqual([]);
    expect((await html('/oak/')).status).toBe(404);
    expect((await html('/big-tree/')).status).toBe(404);
    expect(links((await html('/ferns/')).tree, '.backlinks a')).toEqual([]);
  });

  it('adds a new shared note to lists, tags, backlinks and search, and a deleted one leaves them', async () => {
    const lists = async () => [
      ...links((await html('/')).tree, '.note-list a'),
      ...links((await html('/tags/plants/')).tree, '.note-list a'),
      ...links((await html('/ferns/')).tree, '.backlinks a'),
    ];
    await goto('/search/');
    // The lists' pages compiled before the clock starts.
    await lists();
    await write('Birch.md', shared('Birch bark peels in papery strips. Near [[Ferns]].', 'tags: [plants]\n'));
    timings['added note everywhere'] = await within(5000, async () => (await lists()).filter((l) => l === '/birch/ Birch').length === 3 && (await found('papery')).includes('/birch/'));
    expect(await search('papery')).toEqual(['Birch']);
    await goto('/search/');
    await fs.rm(path.join(vault, 'Birch.md'));
    timings['deleted note gone everywhere'] = await within(5000, async () => !(await lists()).some((l) => l.includes('birch')) && (await found('papery')).length === 0);
    expect(await search('papery')).toEqual([]);
    expect((await html('/birch/')).status).toBe(404);
  });

  it("serves nothing of a private note: not its file however asked, nor its words, name or alias on any page, in search or over the live-reload socket", async () => {
    // A page open on the server's live-reload socket while the private note changes.
    await goto('/ferns/');
    const from = server.output().length;
    await write(`${SECRET}.md`, `---\nshare: false\n---\n${SECRET}word edited`);
    await followed(`${SECRET}.md`, from);
    const rel = path.relative(ROOT, vault).split(path.sep).join('/');
    for (const asked of [
      `/${rel}/${SECRET}.md`,
      `/${rel}/${SECRET}.md?raw`,
      `/${rel}/${SECRET}.md?import`,
      `/${rel}/${SECRET}.md?url`,
      `/@fs${vault}/${SECRET}.md?raw`,
      `/${rel}/${SECRET}.png`,
      `/@fs${vault}/${SECRET}.png`,
      `/_image?href=/@fs${vault}/${SECRET}.png&w=4&h=4&f=png`,
      `/${rel}/Ferns.md?raw`,
      `/${SECRET}/`,
      `/${SECRET}-alias/`,
      `/attachments/${SECRET}.png`,
    ]) {
      const { status, text } = await html(encodeURI(asked));
      expect(status, asked).toBe(404);
      expect(text, asked).not.toContain(SECRET);
    }
    for (const url of ['/', '/ferns/', '/tags/plants/', '/graph/', '/search/', '/rss.xml', '/pagefind/pagefind-entry.json']) expect((await html(url)).text, url).not.toContain(SECRET);
    expect(await search(`${SECRET}word`)).toEqual([]);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((frame) => frame.includes(SECRET))).toEqual([]);
    // Nor is anything of it in what the dev server writes: its cache folder, Astro's data store in .astro/.
    expect(await scanForCanaries([server.cacheDir, ...SHARED_BUILD_FOLDERS], [SECRET])).toEqual([]);
  });

  it("prints a changed note's problems when it changes, and no warning noise", async () => {
    // A garden of three shared notes: Oak is private.
    const before = server.output().length;
    await write('Oak.md', OAK(false));
    await followed('Oak.md', before);
    const from = server.output().length;
    await write('Moss.md', shared('Moss links to [[Nowhere]].', 'tags: [plants]\n'));
    timings['problem printed'] = await within(5000, async () => server.output().slice(from).includes('Moss.md: links to "Nowhere", which is not in the vault'));
    expect(server.output().slice(from)).toMatch(/Moss\.md changed: 3 notes published/);
    expect(server.output()).not.toContain('does not exist or is empty');
    expect(server.output()).not.toMatch(/pagefind.*404|404.*pagefind/);
  });
});

describe('the dev server under a base path', () => {
  it('serves the search bundle, redirect pages and attachments under it, and nothing outside it', async () => {
    const based = await makeVault({
      'Ferns.md': shared('Ferns. ![[fern.svg]]\n\n```mermaid\nflowchart LR\n  Spore --> Fern\n```\n', 'aliases: [Old fern]\n'),
      'fern.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const dev = await startDevServer(based, { GARDEN_SITE_URL: 'https://garden.test/garden/' });
    try {
      const get = (url: string) => fetch(`${dev.url}${url}`, { redirect: 'manual' });
      const entry = (await (await get('/garden/pagefind/pagefind-entry.json')).json()) as { languages: Record<string, { page_count: number }> };
      expect(Object.values(entry.languages).map((l) => l.page_count)).toEqual([1]);
      expect((await get('/garden/pagefind/pagefind.js')).status).toBe(200);
      expect(await (await get('/garden/old-fern/')).text()).toContain('url=/garden/ferns/');
      const note = await (await get('/garden/ferns/')).text();
      const image = /src="(\/garden\/attachments\/[^"]+)"/.exec(note)?.[1];
      expect(image).toBeDefined();
      expect((await get(image!)).status).toBe(200);
      // Mermaid, from the address the page links, and a chunk it imports, relative to it.
      const mermaid = /<link rel="modulepreload" href="(\/garden\/_mermaid\/[^"]+)"/.exec(note)?.[1];
      expect(mermaid).toBeDefined();
      const module = await get(mermaid!);
      expect([module.status, module.headers.get('content-type')]).toEqual([200, 'text/javascript']);
      const chunk = /from\s*"(\.\/chunks\/[^"]+)"/.exec(await module.text())?.[1];
      expect((await get(new URL(chunk!, `http://x${mermaid}`).pathname)).status).toBe(200);
      for (const outside of ['/pagefind/pagefind-entry.json', '/old-fern/', mermaid!.replace('/garden/', '/')]) expect((await get(outside)).status, outside).toBe(404);
    } finally {
      await dev.stop();
    }
  }, 120_000);
});
