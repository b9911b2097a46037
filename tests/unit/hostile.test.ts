import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { resolveConfig, type GardenSettings } from '../../src/garden/config/config.ts';
import { readNote } from '../../src/garden/collect/read-note.ts';
import { Problems } from '../../src/garden/problems.ts';
import type { Garden, VaultPath } from '../../src/garden/types.ts';
import { makeVault, shared } from '../helpers/vault.ts';

/*
 * Hostile files: each one either publishes (perhaps degraded) or is reported by file, within
 * bounded time and memory, and the healthy note beside it always publishes. Each case prints what
 * it cost (time, heap, peak resident memory of the process, worker threads included) for the
 * report; only generous bounds are asserted, never tight timing.
 */

const HEALTHY = { 'healthy.md': shared('A healthy note that must always publish.', 'title: Healthy\ntags: [fine]\n') };
const MB = 1024 * 1024;
const measured: string[] = [];

afterAll(() => {
  console.log(['hostile files (case | size | time | heap Δ | peak rss Δ | outcome)', ...measured].join('\n'));
});

/** Builds the garden of these files (beside the healthy note), measuring the build alone. */
async function hostile(name: string, files: Record<string, string | Uint8Array>, settings: GardenSettings = {}, prepare?: (vault: string) => Promise<void>) {
  const vault = await makeVault({ ...HEALTHY, ...files });
  await prepare?.(vault);
  const size = Object.values(files).reduce((sum, f) => sum + (typeof f === 'string' ? Buffer.byteLength(f) : f.byteLength), 0);
  const heap = process.memoryUsage().heapUsed;
  const rss = process.memoryUsage.rss();
  let peak = rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  let garden: Garden;
  try {
    garden = await buildGarden(resolveConfig({ ...settings, contentDir: vault }, {}));
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  const hostilePaths = Object.keys(files);
  const outcome = hostilePaths
    .map((file) => {
      const problem = garden.problems.find((p) => p.file === file || file.startsWith(`${p.file}/`));
      const published = garden.notes.some((n) => n.path === file);
      return `${file}: ${published ? 'published' : 'left out'}${problem ? ` (${problem.severity}: ${problem.message.slice(0, 70)})` : ''}`;
    })
    .join('; ');
  measured.push(
    `${name} | ${(size / 1024).toFixed(0)} KB | ${seconds.toFixed(2)} s | ${((process.memoryUsage().heapUsed - heap) / MB).toFixed(0)} MB | ${((peak - rss) / MB).toFixed(0)} MB | ${outcome}`,
  );
  expect(garden.notes.find((n) => n.path === 'healthy.md')?.html).toContain('A healthy note');
  return garden;
}

const problemsOf = (garden: Garden, file: string) => garden.problems.filter((p) => p.file === file);
const messageOf = (garden: Garden, file: string) => problemsOf(garden, file).map((p) => `${p.severity}: ${p.message}`).join(' | ');
const noteOf = (garden: Garden, file: string) => garden.notes.find((n) => n.path === file);

/** Deterministic bytes that are not text. */
function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = Buffer.alloc(0);
  for (let i = 0; i < length; i++) {
    if (i % 32 === 0) block = createHash('sha256').update(String(i)).digest();
    out[i] = block[i % 32]!;
  }
  return out;
}

const TIMEOUT = 180_000;

describe('hostile notes', () => {
  it('a note of several MB publishes or is reported', { timeout: TIMEOUT }, async () => {
    const paragraph = 'The quick brown fox jumps over the lazy dog, and [[healthy]] again. '.repeat(12) + '\n\n';
    const big = shared(paragraph.repeat(Math.ceil((4 * MB) / paragraph.length)));
    const garden = await hostile('4 MB note', { 'big.md': big });
    expect(noteOf(garden, 'big.md') !== undefined || problemsOf(garden, 'big.md').some((p) => p.severity === 'error')).toBe(true);
  });

  it('a file over 16 MB is not read, and reported as an error if it says share: true', { timeout: TIMEOUT }, async () => {
    const body = 'x'.repeat(17 * MB);
    const garden = await hostile('17 MB files', { 'dump.md': body, 'shared-dump.md': shared(body) });
    expect(messageOf(garden, 'dump.md')).toBe('warning: is 17 MB, larger than the 16 MB a note may be; skipped');
    expect(messageOf(garden, 'shared-dump.md')).toMatch(/^error: not published: says share: true, but is 17 MB, larger than the 16 MB a note may be/);
  });

  it('a note over the render time budget is reported and left out', { timeout: TIMEOUT }, async () => {
    const garden = await hostile(
      '40 KB of *_, twice (budget 1 s)',
      { 'slow.md': shared('*_'.repeat(20_000)), 'slower.md': shared('_*'.repeat(20_000)), 'then.md': shared('Rendered after the slow ones.') },
      { renderTimeout: 1 },
    );
    for (const file of ['slow.md', 'slower.md']) {
      expect(noteOf(garden, file)).toBeUndefined();
      expect(problemsOf(garden, file)).toEqual([{ file, severity: 'error', message: 'took longer than 1 s to render; not published' }]);
    }
    // The worker stopped on a slow note is replaced; the notes after it are rendered.
    expect(noteOf(garden, 'then.md')?.html).toContain('Rendered after the slow ones.');
  });

  it('text built to make the garden\'s own reading slow (titles, comments, wikilinks, raw HTML, lost words) publishes', { timeout: TIMEOUT }, async () => {
    const cases = {
      // Sizes at which a pattern that backtracks, or a check run once per match, takes minutes.
      'spaces.md': shared(`# a${' '.repeat(100_000)}b\n\n##${' '.repeat(100_000)}#x\n\nWords.`),
      'attributes.md': shared(`<div>\n${'<a x="'.repeat(10_000)}\n</div>\n\nWords.\n\n${'<script '.repeat(10_000)}words`),
      'comments.md': shared(`${'%% `a %% b` '.repeat(2_000)}\n\nWords.`),
      'wikilinks.md': shared(`${'[[a|b '.repeat(10_000)}\n\n${'![['.repeat(10_000)}\n\nWords.`),
      'tables.md': shared(`| a |\n| - |\n${'| [[x|y]] | z |\n'.repeat(2_000)}\n[^n]: ${'unreferred '.repeat(1_000)}`),
    };
    const garden = await hostile('text against the garden\'s own patterns', cases);
    for (const file of Object.keys(cases)) expect(noteOf(garden, file), messageOf(garden, file)).toBeDefined();
  });

  // Both budget cases hold on any CPU by their work, not the clock: 40 KB of *_ grows about as the
  // cube of its length and 15 MB of prose renders for tens of seconds, against a 1 s budget.
  it('a several-MB note over a short budget is reported, not waited for', { timeout: TIMEOUT }, async () => {
    const paragraph = 'Plain prose, nothing more. '.repeat(20) + '\n\n';
    const garden = await hostile('15 MB note (budget 1 s)', { 'huge.md': shared(paragraph.repeat(Math.floor((15 * MB) / paragraph.length))) }, { renderTimeout: 1 });
    expect(noteOf(garden, 'huge.md')).toBeUndefined();
    expect(messageOf(garden, 'huge.md')).toBe('error: took longer than 1 s to render; not published');
    expect(garden.seconds.render).toBeLessThan(60);
  });

  it.each([
    ['10,000 nested blockquotes', `${'>'.repeat(10_000)} deep quote`],
    ['10,000 nested lists', `${'- '.repeat(10_000)}deep item`],
    ['3,000-level indented list (9 MB)', Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- deep item ${i}`).join('\n')],
    ['10,000 nested <div>s', `${'<div>'.repeat(10_000)}deep div${'</div>'.repeat(10_000)}`],
    ['10,000 nested <span>s in a paragraph', `Some text ${'<span>'.repeat(10_000)}deep span`],
  ])('%s publish as plain text, with a warning', { timeout: TIMEOUT }, async (name, body) => {
    const text = shared(`Opening words.\n\n${body}\n\n%% hidden comment %%\n\n<!-- hidden html comment -->\n\n<script>alert(1)</script>\n\nClosing words & <b>more</b>.`, 'secret: FRONTMATTER-SECRET\n');
    const garden = await hostile(name, { 'deep.md': text });
    const note = noteOf(garden, 'deep.md');
    expect(note, messageOf(garden, 'deep.md')).toBeDefined();
    expect(note!.html).toContain('Opening words.');
    expect(note!.html).toContain('Closing words &amp; more.');
    expect(note!.html).toMatch(/deep (quote|item|div|span)/);
    // Still only text: nothing hidden or private comes through, no markup from the note.
    expect(note!.html).not.toMatch(/hidden|FRONTMATTER-SECRET|share: true|<script|<b>|<div|<span|alert/);
    expect(problemsOf(garden, 'deep.md')).toEqual([
      { file: 'deep.md', severity: 'warning', message: expect.stringMatching(/levels deep \(more than 100\); published as plain text/) },
    ]);
    expect(garden.problems.filter((p) => /call stack/i.test(p.message))).toEqual([]);
  });

  it('50,000 runs of [[ and ![[ publish', { timeout: TIMEOUT }, async () => {
    const garden = await hostile('[[ and ![[ runs (50,000 each)', {
      'brackets.md': shared(`${'[['.repeat(50_000)}\n\n${'![['.repeat(50_000)}\n\n${'[[[[[[healthy]]'.repeat(5_000)}`),
    // Several seconds on a busy machine: the default budget is not what this case is about.
    }, { renderTimeout: 120 });
    expect(noteOf(garden, 'brackets.md')?.html).toContain('href="/healthy/"');
  });

  it('embeds that multiply (each note embedding the next 200 times) are bounded and reported', { timeout: TIMEOUT }, async () => {
    const garden = await hostile('embed bomb (4 notes, 200 embeds each)', {
      'a.md': shared('![[b]]\n'.repeat(200)),
      'b.md': shared('![[c]]\n'.repeat(200)),
      'c.md': shared('![[d]]\n'.repeat(200)),
      'd.md': shared('Some words in d. '.repeat(10)),
    });
    for (const file of ['a.md', 'b.md', 'c.md', 'd.md']) expect(noteOf(garden, file)).toBeDefined();
    expect(noteOf(garden, 'a.md')!.html.length).toBeLessThan(2_000_000);
    expect(messageOf(garden, 'a.md')).toMatch(/^warning: embeds more than 1,000,000 characters of other notes/);
  });

  it('a YAML alias bomb is refused with an error naming the file, not expanded', { timeout: TIMEOUT }, async () => {
    const anchors = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      anchors.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = (field: string, share = 'true') => `---\nshare: ${share}\ntitle: Bomb\n${anchors.join('\n')}\n${field}: *i\n---\nBoom.`;
    const garden = await hostile('YAML alias bomb (9⁹ values)', {
      'bomb-created.md': bomb('created'),
      'bomb-tags.md': bomb('tags'),
      'bomb-private.md': bomb('state', 'false'),
    });
    for (const file of ['bomb-created.md', 'bomb-tags.md']) {
      expect(noteOf(garden, file)).toBeUndefined();
      expect(problemsOf(garden, file)).toEqual([
        { file, severity: 'error', message: expect.stringMatching(/^not published: says share: true, but its YAML aliases expand its frontmatter to more than [\d,]+ characters/) },
      ]);
    }
    // Private either way; reported as a warning, since it was never meant to be shared.
    expect(messageOf(garden, 'bomb-private.md')).toMatch(/^warning: private: its YAML aliases expand/);
    // A few aliases, as gardeners use them, still read.
    const modest = await hostile('modest YAML aliases', { 'modest.md': shared('Fine.', 'base: &t [plants, shade]\ntags: *t\n') });
    expect(noteOf(modest, 'modest.md')!.tags).toEqual(['plants', 'shade']);
  });

  it('NUL and other control characters never reach the page', { timeout: TIMEOUT }, async () => {
    const garden = await hostile('NUL in YAML title, tags, mood, description and body', {
      'nul.md': shared('Body \u0000 with a NUL and a \u0001 bell.\n\n# Head\u0000ing', 'title: "Tit\\0le\\x01"\ndescription: "De\\0scribed"\ntags: ["ta\\0g"]\nmood: "Mo\\0od"\naliases: ["Ali\\0as"]\n'),
    });
    const note = noteOf(garden, 'nul.md')!;
    expect(note.title).toBe('Title');
    expect(note.description).toBe('Described');
    expect(note.mood!.name).toBe('Mood');
    expect(note.aliases).toEqual(['Alias']);
    expect(note.tags).toContain('tag');
    const everything = JSON.stringify({ notes: garden.notes, tags: [...garden.tags.values()], moods: garden.moods });
    expect(everything).not.toMatch(/\\u000[0-8]|\\u001[0-9a-f]/);
    expect(note.html).toContain('Body');
  });

  it('binary files named .md are skipped as not text, and private', { timeout: TIMEOUT }, async () => {
    const png = Uint8Array.from([...Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), ...randomBytes(4000)]);
    const garden = await hostile('binary .md (random bytes, PNG, PNG after share: true)', {
      'random.md': randomBytes(64 * 1024),
      'picture.md': png,
      'shared-binary.md': Uint8Array.from([...Buffer.from('---\nshare: true\n---\n'), ...png]),
    });
    expect(messageOf(garden, 'random.md')).toBe('warning: is not a text file; skipped');
    expect(messageOf(garden, 'picture.md')).toBe('warning: is not a text file; skipped');
    expect(messageOf(garden, 'shared-binary.md')).toMatch(/^error: not published: says share: true, but is not a text file/);
    for (const file of ['random.md', 'picture.md', 'shared-binary.md']) {
      expect(garden.private).toContainEqual({ path: file, reason: 'is not a text file' });
    }
  });

  it('files that cannot be read are reported, and a FIFO or a symbolic link loop does not hang the build', { timeout: TIMEOUT }, async () => {
    const garden = await hostile('FIFO, folder named .md, dangling link, link loop', { 'folder.md/inside.md': shared('Inside a folder named like a note.') }, {}, async (vault) => {
      expect(spawnSync('mkfifo', [path.join(vault, 'pipe.md')]).status).toBe(0);
      await fs.symlink('nowhere.md', path.join(vault, 'dangling.md'));
      await fs.symlink('.', path.join(vault, 'loop'));
      await fs.mkdir(path.join(vault, 'attachments'));
      await fs.symlink('..', path.join(vault, 'attachments', 'up'));
    });
    expect(messageOf(garden, 'pipe.md')).toBe('warning: is not a regular file (a pipe, socket or device); skipped');
    expect(messageOf(garden, 'dangling.md')).toMatch(/symbolic link skipped/);
    expect(messageOf(garden, 'loop')).toMatch(/symbolic link skipped/);
    expect(noteOf(garden, 'folder.md/inside.md')).toBeDefined();

    // A note that vanishes or turns into a folder between listing and reading is reported, not thrown.
    const vault = await makeVault({ 'x.md/a.md': 'not a note' });
    const problems = new Problems();
    const read = await readNote({ path: 'x.md' as VaultPath, absolute: path.join(vault, 'x.md') }, problems);
    expect(read.frontmatter.ok).toBe(false);
    expect(problems.list).toEqual([{ file: 'x.md', severity: 'error', message: expect.stringMatching(/^cannot be read: /) }]);
  });

  it('over-long slugs, tags and moods are shortened stably, kept apart, and reported', { timeout: TIMEOUT }, async () => {
    const long = (word: string, end: string) => `${word} `.repeat(60) + end;
    const files = {
      'long-slug.md': shared('Long slug.', `slug: "${long('path', 'one')}/${long('deeper', 'two')}"\n`),
      [`${'ж'.repeat(120)}.md`]: shared('Long file name.'),
      'long-tag-mood.md': shared(`Inline #${'日本'.repeat(60)}a too.`, `tags: ["${long('tag', 'one')}", "${long('tag', 'two')}", "${Array.from({ length: 40 }, (_, i) => `${'level'.repeat(20)}${i}`).join('/')}"]\nmood: "${long('mood', 'one')}"\n`),
      'long-mood-2.md': shared('Another long mood.', `mood: "${long('mood', 'two')}"\n`),
    };
    const garden = await hostile('over-long slug, file name, tags, moods', files);
    const again = await hostile('over-long slug, file name, tags, moods (again)', files);
    const segments = [
      ...garden.notes.flatMap((n) => n.slug.split('/')),
      ...[...garden.tags.values()].flatMap((t) => t.urlPath.split('/')),
      ...garden.moods.map((m) => m.slug),
    ];
    for (const segment of segments) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(150);
    // Astro writes <segment>/index.html for each: the whole path must stay well under PATH_MAX too.
    for (const tag of garden.tags.values()) expect(Buffer.byteLength(tag.urlPath)).toBeLessThan(2048);
    // Two long names stay apart; the same name always gives the same URL.
    expect(garden.moods).toHaveLength(2);
    expect(garden.tags.size).toBe(new Set([...garden.tags.values()].map((t) => t.urlPath)).size);
    expect(garden.notes.map((n) => n.slug).sort()).toEqual(again.notes.map((n) => n.slug).sort());
    expect([...garden.tags.keys()].sort()).toEqual([...again.tags.keys()].sort());
    expect(noteOf(garden, 'long-slug.md')!.slug).toMatch(/^path-path-.*-[0-9a-f]{8}\/deeper-deeper-.*-[0-9a-f]{8}$/);
    expect(noteOf(garden, `${'ж'.repeat(120)}.md`)).toBeDefined();
    // The inline tag links to the page its note is filed under.
    const inline = noteOf(garden, 'long-tag-mood.md')!;
    const inlineHref = /href="\/tags\/([^"]*)\/" class="tag"/.exec(inline.html)?.[1];
    expect(inline.tags).toContain(decodeURIComponent(inlineHref!));
    for (const file of ['long-slug.md', `${'ж'.repeat(120)}.md`]) expect(messageOf(garden, file)).toMatch(/too long for a web address/);
    expect(messageOf(garden, 'long-tag-mood.md')).toMatch(/tag ".*" is too long for a web address/);
    expect(messageOf(garden, 'long-tag-mood.md')).toMatch(/mood ".*" is too long for a web address/);
  });
});
