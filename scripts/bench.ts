/**
 * `npm run bench [-- --notes N]`: builds a deterministic synthetic vault and prints cold build
 * time, the rebuild times after no change and after a body edit, a title edit and an added note,
 * peak memory, the framework floor and what one search downloads, and what reading the vault's
 * git history costs (`--git`: the vault is made a repository with a history of growth first).
 * The vault is written outside the repository.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../tests/helpers/random.ts';

const { values } = parseArgs({
  // `--no-floor` skips the bare-Astro comparison build.
  allowNegative: true,
  options: {
    notes: { type: 'string', default: '10000' },
    words: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: true },
    git: { type: 'boolean', default: false },
  },
});
const NOTES = Number(values.notes);
const WORDS = Number(values.words);
const ROOT = path.resolve(import.meta.dirname, '..');

const VOCABULARY = `garden note idea seed bud tree root leaf soil water light shade moss fern oak path stone
  season spring summer autumn winter grow tend prune plant harvest compost bloom branch link thought
  memory reading writing question answer habit practice morning evening rain wind river field forest
  pattern system model change time attention patience curiosity craft tool map walk notice`.split(/\s+/).filter(Boolean);

async function generate(dir: string) {
  const rand = seededRandom(42);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const title = (i: number) => `Note ${i} ${VOCABULARY[i % VOCABULARY.length]}`;
  const states = ['seed', 'bud', 'evergreen'];
  const moods = ['Calm', 'Curious', 'In Awe', 'Hopeful', 'Playful'];
  let written = 0;
  const batch: Promise<void>[] = [];
  for (let i = 0; i < NOTES; i++) {
    const folder = `area-${i % 20}/topic-${i % 7}`;
    const tags = [`area/${i % 20}/t${i % 5}`, pick(['reading', 'writing', 'nature', 'tools', 'life'])];
    const paragraphs: string[] = [];
    let words = 0;
    while (words < WORDS) {
      const sentence: string[] = [];
      for (let w = 0; w < 12; w++) sentence.push(pick(VOCABULARY));
      if (rand() < 0.25) sentence.push(`[[${title(Math.floor(rand() * NOTES))}]]`);
      if (rand() < 0.05) sentence.push(`#${pick(['idea', 'question', 'later'])}`);
      words += sentence.length;
      paragraphs.push(sentence.join(' ') + '.');
    }
    const body = paragraphs.reduce<string[]>((acc, p, k) => (k % 4 === 0 ? [...acc, p] : [...acc.slice(0, -1), `${acc.at(-1)} ${p}`]), []);
    if (i % 10 === 0) body.splice(1, 0, `## Section ${i}`, '```js\nconst grow = (n) => n + 1;\n```');
    const share = rand() < 0.8;
    const text = `---\nshare: ${share}\ntitle: ${title(i)}\nstate: ${pick(states)}\nmood: ${pick(moods)}\ntags: [${tags.join(', ')}]\ncreated: 2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}\nupdated: 2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}\n---\n${body.join('\n\n')}\n`;
    const file = path.join(dir, folder, `${title(i)}.md`);
    batch.push(fs.mkdir(path.dirname(file), { recursive: true }).then(() => fs.writeFile(file, text)));
    if (batch.length >= 200) await Promise.all(batch.splice(0));
    written++;
  }
  await Promise.all(batch);
  return written;
}

interface Run {
  seconds: number;
  peakMiB: number;
  /** Seconds into the build when the peak was reached. */
  peakAt: number;
  output: string;
  code: number | null;
}

/** One `astro build`, with the peak resident memory read from /proc while it runs. */
function build(vault: string, outDir: string, cacheDir: string, root = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', GARDEN_CONTENT_DIR: vault, GARDEN_OUT_DIR: outDir, GARDEN_CACHE_DIR: cacheDir },
    });
    let output = '';
    let peakKiB = 0;
    let peakAt = 0;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const poll = setInterval(async () => {
      try {
        const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (hwm > peakKiB) [peakKiB, peakAt] = [hwm, (performance.now() - started) / 1000];
      } catch {
        // The process has just exited.
      }
    }, 100);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peakKiB / 1024, peakAt, output, code });
    });
  });
}

/*
 * The framework's floor on the same vault: a bare Astro 7 site (Astro's glob() loader and its own
 * Markdown processor, one page per shared note, nothing else) indexed by Pagefind the same way.
 * The garden's cost per page is measured against it.
 */
async function floorBuild(vault: string, dir: string): Promise<Run> {
  await fs.mkdir(path.join(dir, 'src/pages'), { recursive: true });
  await fs.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await fs.writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
  await fs.writeFile(
    path.join(dir, 'astro.config.mjs'),
    `import * as pagefind from 'pagefind';
export default {
  build: { format: 'directory', concurrency: 4 },
  integrations: [{ name: 'pagefind', hooks: { 'astro:build:done': async ({ dir }) => {
    const { index } = await pagefind.createIndex({});
    await index.addDirectory({ path: new URL(dir).pathname });
    await index.writeFiles({ outputPath: new URL('pagefind', dir).pathname });
    await pagefind.close();
  } } }],
};
`,
  );
  await fs.writeFile(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = { notes: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(vault)} }) }) };
`,
  );
  await fs.writeFile(
    path.join(dir, 'src/pages/[...slug].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  const notes = await getCollection('notes', (n) => n.data.share === true);
  return notes.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><title>{entry.data.title}</title></head><body><main data-pagefind-body><h1>{entry.data.title}</h1><Content /></main></body></html>
`,
  );
  return build(vault, path.join(dir, 'dist'), path.join(dir, 'cache'), dir);
}

/**
 * What a visitor downloads to search: load /search/?q=… in Chromium and count the bytes (`pagefindBytes`,
 * `totalBytes`, uncompressed as before); then, on the search page served compressed as a production
 * host serves it, the bytes on the wire for a first query typed after the page has loaded
 * (`firstSearchBytes`) and for a next one (`nextSearchBytes`), as tests/browser/search-weight.test.ts
 * measures them.
 */
async function searchDownload(site: string) {
  const { serve } = await import('../tests/helpers/serve.ts');
  const { launch } = await import('../tests/helpers/browser.ts');
  const { searchWeight } = await import('../tests/helpers/search-weight.ts');
  const server = await serve(site);
  const compressed = await serve(site, { compress: true });
  const browser = await launch();
  const query = 'patience';
  const nextQuery = 'river';
  let pagefindBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  let firstSearchBytes = 0;
  let nextSearchBytes = 0;
  let firstSearchRequests = 0;
  let nextSearchRequests = 0;
  try {
    const page = await browser.newPage();
    page.on('response', async (response) => {
      const size = (await response.body().catch(() => Buffer.alloc(0))).length;
      totalBytes += size;
      if (new URL(response.url()).pathname.startsWith('/pagefind/')) {
        pagefindBytes += size;
        requests++;
      }
    });
    await page.goto(`${server.url}/search/?q=${query}`);
    await page.waitForFunction(() => document.querySelectorAll('.pf-result-link').length > 0, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const weight = await searchWeight(browser, `${compressed.url}/`, [query, nextQuery]);
    [firstSearchBytes, nextSearchBytes] = weight.queries.map((q) => q.bytes) as [number, number];
    [firstSearchRequests, nextSearchRequests] = weight.queries.map((q) => q.requests) as [number, number];
  } finally {
    await browser.close();
    await server.close();
    await compressed.close();
  }
  return { query, pagefindBytes, totalBytes, requests, nextQuery, firstSearchBytes, nextSearchBytes, firstSearchRequests, nextSearchRequests };
}

/** Git with a throwaway identity, commits dated `date`. */
function git(cwd: string, args: string[], date: string): Promise<void> {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], { cwd, env, stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args[0]} failed`))));
  });
}

/**
 * The vault made a repository with a year of growth, as a gardener who commits every week leaves
 * it: every note planted as a seed, then grown to the state it has now (two in three change), then
 * fifty-two weekly commits each tending one note in a hundred, and one note in two hundred renamed
 * and renamed back (renames git has to find).
 */
async function makeHistory(dir: string) {
  const files = (await fs.readdir(dir, { recursive: true })).filter((file) => file.endsWith('.md')).map((file) => path.join(dir, file));
  const now = await Promise.all(files.map((file) => fs.readFile(file, 'utf8')));
  await git(dir, ['init', '-q'], '2024-01-01T00:00:00Z');
  const commit = async (date: string, write: (text: string, i: number) => string | undefined) => {
    await Promise.all(files.map((file, i) => {
      const text = write(now[i]!, i);
      if (text === undefined) return undefined;
      now[i] = text;
      return fs.writeFile(file, text);
    }));
    await git(dir, ['add', '-A'], date);
    await git(dir, ['commit', '-qm', date], date);
  };
  const final = [...now];
  await commit('2024-01-01T00:00:00Z', (text) => text.replace(/^state: .*$/m, 'state: seed'));
  await commit('2024-06-01T00:00:00Z', (_, i) => final[i]);
  for (let week = 0; week < 52; week++) {
    const date = new Date(Date.UTC(2025, 0, 1 + week * 7)).toISOString();
    await commit(date, (text, i) => (i % 100 === week ? `${text}\nTended in week ${week + 1}.\n` : undefined));
  }
  const moved = files.filter((_, i) => i % 200 === 7);
  await moveNotes(dir, moved, (file) => file.replace(/\.md$/, ' (moved).md'), '2025-12-20T00:00:00Z');
  await moveNotes(dir, moved.map((file) => file.replace(/\.md$/, ' (moved).md')), (file) => file.replace(/ \(moved\)\.md$/, '.md'), '2025-12-27T00:00:00Z');
}

/** One commit renaming `files`. */
async function moveNotes(dir: string, files: string[], to: (file: string) => string, date: string) {
  await Promise.all(files.map((file) => fs.rename(file, to(file))));
  await git(dir, ['add', '-A'], date);
  await git(dir, ['commit', '-qm', date], date);
}

/** Reading the shared notes' git history, as a build does (collect, publish rule, history), alone: seconds. */
async function historySeconds(dir: string): Promise<number> {
  const { Problems } = await import('../src/garden/problems.ts');
  const { collect } = await import('../src/garden/collect/collect.ts');
  const { decide } = await import('../src/garden/publish/decide.ts');
  const { vaultGit } = await import('../src/garden/collect/git-log.ts');
  const { readVaultHistory } = await import('../src/garden/collect/git-history.ts');
  const { decideHistories } = await import('../src/garden/publish/shared-versions.ts');
  const problems = new Problems();
  const { shared } = decide((await collect(dir, problems)).sources, problems);
  const started = performance.now();
  const history = await readVaultHistory(vaultGit(dir, problems), new Set(shared.map((source) => source.path.normalize('NFC'))));
  decideHistories(history.versions);
  return (performance.now() - started) / 1000;
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-bench-'));
const vault = path.join(work, 'vault');
console.log(`Generating ${NOTES} notes of ~${WORDS} words in ${vault} …`);
await generate(vault);
if (values.git) await makeHistory(vault);
if (values['generate-only']) {
  console.log(`generated: ${vault}`);
  process.exit(0);
}
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');

const cold = await build(vault, outDir, cacheDir);
if (cold.code !== 0) {
  console.error(cold.output);
  process.exit(1);
}

/* The rebuilds after a gardener's usual edits, each into the same out and cache folders. */
async function rebuild(label: string, edit: () => Promise<void>): Promise<Run & { label: string }> {
  await edit();
  const run = await build(vault, outDir, cacheDir);
  if (run.code !== 0) {
    console.error(run.output);
    process.exit(1);
  }
  return { ...run, label };
}
/** A shared note of the generated vault, well inside it (not the newest nor the oldest). */
async function sharedNote(from: number): Promise<string> {
  for (let i = from; ; i++) {
    const file = path.join(vault, `area-${i % 20}/topic-${i % 7}`, `Note ${i} ${VOCABULARY[i % VOCABULARY.length]}.md`);
    if ((await fs.readFile(file, 'utf8')).includes('share: true')) return file;
  }
}
const editTarget = await sharedNote(Math.floor(NOTES / 2));
const titleTarget = await sharedNote(Math.floor(NOTES / 3));
const rebuilds = [
  await rebuild('no-change rebuild', async () => {}),
  await rebuild('body edit', async () => {
    const text = await fs.readFile(editTarget, 'utf8');
    await fs.writeFile(editTarget, `${text}
A new paragraph about moss and patience, written after the first build.
`);
  }),
  await rebuild('title edit', async () => {
    const text = await fs.readFile(titleTarget, 'utf8');
    await fs.writeFile(titleTarget, text.replace(/^title: (.*)$/m, 'title: $1 renamed'));
  }),
  await rebuild('note added', async () => {
    const file = path.join(vault, 'area-0/topic-0/A new note.md');
    await fs.writeFile(file, `---\nshare: true\ntitle: A new note\nstate: seed\nmood: Curious\ntags: [area/0/t0, nature]\ncreated: 2025-06-01\nupdated: 2025-06-02 09:00\n---\nA note planted after the first build, linking [[${path.basename(editTarget, '.md')}]] and [[${path.basename(titleTarget, '.md')}]].\n`);
  }),
];
const download = await searchDownload(outDir);
const history = await historySeconds(vault);
const floor = values.floor ? await floorBuild(vault, path.join(work, 'floor')) : undefined;
if (floor && floor.code !== 0) console.error(floor.output);
const summaryLine = /\d+ notes found:.*/.exec(cold.output)?.[0] ?? '';
const pages = /(\d+) page\(s\) built/.exec(cold.output)?.[1];

console.log(summaryLine);
console.log(`pages built:        ${pages}`);
console.log(`cold build:         ${cold.seconds.toFixed(1)} s  (peak memory ${cold.peakMiB.toFixed(0)} MiB, reached at ${cold.peakAt.toFixed(0)} s)`);
for (const run of rebuilds) {
  const rendered = /(\d+) page\(s\) built/.exec(run.output)?.[1];
  const reused = run.output.split('\n').filter((line) => /\((cached|restored)\)/.test(line)).length;
  const search = /search index: \d+ notes(?: and \d+ base pages?)?(?:, (none changed)| indexed by Pagefind in ([\d.]+) s)/.exec(run.output);
  const indexed = search?.[1] ? 'search index reused' : search?.[2] ? `search indexed in ${search[2]} s` : 'search index: not logged';
  console.log(`${`${run.label}:`.padEnd(20)}${run.seconds.toFixed(1)} s  (${((run.seconds / cold.seconds) * 100).toFixed(0)}% of cold; ${reused} of ${rendered} pages reused; ${indexed}; peak memory ${run.peakMiB.toFixed(0)} MiB)`);
}
console.log(`git history read:    ${history.toFixed(2)} s (${((history / cold.seconds) * 100).toFixed(1)}% of the cold build; ${values.git ? 'a year of weekly commits' : 'the vault is not a git repository'})`);
console.log(`per published page: ${((cold.seconds * 1000) / Number(pages)).toFixed(2)} ms cold`);
if (floor) {
  const floorPages = Number(/(\d+) page\(s\) built/.exec(floor.output)?.[1]);
  console.log(`framework floor:    ${floor.seconds.toFixed(1)} s cold, ${floorPages} pages (bare Astro 7, glob() loader, its own Markdown, Pagefind; peak memory ${floor.peakMiB.toFixed(0)} MiB)`);
  console.log(`garden over floor:  ${(((cold.seconds - floor.seconds) * 1000) / Number(pages)).toFixed(2)} ms per page (${(cold.seconds - floor.seconds).toFixed(1)} s)`);
}
const pagefindSeconds = Number(/Pagefind in ([\d.]+) s/.exec(cold.output)?.[1] ?? NaN);
// Pagefind starts once the garden is read and runs beside Astro's page generation: its seconds overlap the rest.
console.log(`Pagefind:           ${pagefindSeconds.toFixed(1)} s in the cold build, beside page generation`);
console.log(`one search "${download.query}": ${(download.pagefindBytes / 1024).toFixed(0)} KiB from /pagefind/ (${download.requests} requests), ${(download.totalBytes / 1024).toFixed(0)} KiB with the page itself`);
console.log(`search on the wire (gzip): first query "${download.query}" ${(download.firstSearchBytes / 1000).toFixed(1)} kB (${download.firstSearchRequests} requests) after the page; next "${download.nextQuery}" ${(download.nextSearchBytes / 1000).toFixed(1)} kB (${download.nextSearchRequests} requests)`);
console.log('\ncold build, as Astro logged it:');
for (const line of cold.output.split('\n')) if (/Completed in|built in|Synced|Pagefind|garden read/.test(line)) console.log(`  ${line.trim()}`);
if (!values.keep) await fs.rm(work, { recursive: true, force: true });
else console.log(`kept: ${work}`);
