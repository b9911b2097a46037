import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, ConfigError, type GardenSettings } from '../../src/garden/config/config.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { walkGitLog } from '../../src/garden/collect/git-log.ts';
import { gardenOf, shared } from '../helpers/vault.ts';
import { ROOT } from '../helpers/build.ts';

const run = promisify(execFile);

/** Git with a throwaway identity and no user configuration; commits dated `date`. */
async function git(cwd: string, args: string[], date = '2000-01-01T00:00:00Z') {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const config = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always'];
  return run('git', [...config, ...args], { cwd, env });
}

async function write(root: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
}

const setMtime = (file: string, iso: string) => fs.utimes(file, new Date(iso), new Date(iso));
const tempDir = () => fs.mkdtemp(path.join(os.tmpdir(), 'garden-dates-'));
const build = (contentDir: string, settings: GardenSettings = {}) => buildGarden(resolveConfig({ ...settings, contentDir }, {}));
const bySlug = (garden: Awaited<ReturnType<typeof build>>, slug: string) => garden.notes.find((n) => n.slug === slug)!;

const FIRST = '2021-03-01T10:00:00Z';
const SECOND = '2022-04-02T10:00:00Z';
let repo: string;
let vault: string;

/*
 * A repository whose vault is its `garden/` folder: two commits touching `a.md` at different dates,
 * a rename, a non-ASCII name, frontmatter dates, a private note, a note never committed and one
 * with uncommitted changes.
 */
beforeAll(async () => {
  repo = await tempDir();
  vault = path.join(repo, 'garden');
  await git(repo, ['init', '-q']);
  await write(repo, {
    'README.md': 'outside the vault',
    'garden/a.md': shared('first'),
    'garden/Café déjà vu.md': shared('accents'),
    'garden/dated.md': shared('written', 'created: 2020-01-01\nupdated: 2020-02-02\n'),
    'garden/old-name.md': shared('renamed later, same text'),
    'garden/dirty.md': shared('committed'),
    'garden/secret-private-name.md': '---\nshare: false\n---\nhidden',
  });
  await git(repo, ['add', '.']);
  await git(repo, ['commit', '-qm', 'first'], FIRST);
  await write(repo, { 'garden/a.md': shared('second') });
  await git(repo, ['mv', 'garden/old-name.md', 'garden/new-name.md']);
  await git(repo, ['commit', '-qam', 'second'], SECOND);
  await write(repo, { 'garden/fresh.md': shared('never committed'), 'garden/dirty.md': shared('changed since') });
  await setMtime(path.join(vault, 'fresh.md'), '2023-05-05T12:00:00Z');
  await setMtime(path.join(vault, 'dirty.md'), '2024-06-06T12:00:00Z');
});

describe('dates a vault does not write down', () => {
  it('come from frontmatter, then git history, then the file system, in the garden time zone', async () => {
    const garden = await build(vault, { timeZone: 'Europe/Paris' });
    const dates = (slug: string) => {
      const note = bySlug(garden, slug);
      return [note.created, note.updated, note.dateSources];
    };
    expect(dates('a')).toEqual(['2021-03-01T11:00:00+01:00', '2022-04-02T12:00:00+02:00', { created: 'git', updated: 'git' }]);
    expect(dates('cafe-deja-vu')).toEqual(['2021-03-01T11:00:00+01:00', '2021-03-01T11:00:00+01:00', { created: 'git', updated: 'git' }]);
    expect(dates('dated')).toEqual(['2020-01-01T00:00:00+01:00', '2020-02-02T00:00:00+01:00', { created: 'frontmatter', updated: 'frontmatter' }]);
    // The rename is followed back: the note keeps the day it was first committed, and a rename
    // that left its text as it was did not tend it.
    expect(dates('new-name')).toEqual(['2021-03-01T11:00:00+01:00', '2021-03-01T11:00:00+01:00', { created: 'git', updated: 'git' }]);
    expect(dates('fresh')).toEqual(['2023-05-05T14:00:00+02:00', '2023-05-05T14:00:00+02:00', { created: 'filesystem', updated: 'filesystem' }]);
    // Uncommitted changes: git knows when it was planted, the file when it was last tended.
    expect(dates('dirty')).toEqual(['2021-03-01T11:00:00+01:00', '2024-06-06T14:00:00+02:00', { created: 'git', updated: 'filesystem' }]);
    expect(garden.problems).toEqual([]);
    expect(JSON.stringify(garden.notes)).not.toContain('secret-private-name');
  });

  it('order the garden’s lists: newest tended first', async () => {
    const garden = await build(vault);
    expect(garden.notes.map((n) => n.slug)).toEqual(['dirty', 'fresh', 'a', 'cafe-deja-vu', 'new-name', 'dated']);
  });

  it('follow the configured order', async () => {
    const garden = await build(vault, { dates: ['git', 'frontmatter'] });
    expect(bySlug(garden, 'dated').dateSources).toEqual({ created: 'git', updated: 'git' });
    expect(bySlug(garden, 'dated').created).toBe(FIRST);
    // Without the file system in the order, a note git has never seen stays undated.
    expect(bySlug(garden, 'fresh').dateSources).toEqual({});
    expect(bySlug(garden, 'fresh').created).toBeUndefined();
    const written = await build(vault, { dates: ['frontmatter'] });
    expect(bySlug(written, 'a').created).toBeUndefined();
  });

  it('come from the file system when the vault is not a git repository', async () => {
    const garden = await gardenOf({ 'note.md': shared('x', 'created: 2020-01-01\n') });
    expect(garden.notes[0]!.dateSources).toEqual({ created: 'frontmatter', updated: 'filesystem' });
    expect(Date.now() - Date.parse(garden.notes[0]!.updated!)).toBeLessThan(10 * 60_000);
    expect(garden.problems).toEqual([]);
  });

  it('are not taken from a shallow clone: one warning, and the next source', async () => {
    const clone = path.join(await tempDir(), 'clone');
    await git(repo, ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const garden = await build(path.join(clone, 'garden'));
    expect(bySlug(garden, 'a').dateSources).toEqual({ created: 'filesystem', updated: 'filesystem' });
    expect(garden.problems).toHaveLength(1);
    expect(garden.problems[0]).toMatchObject({ file: '.', severity: 'warning' });
    expect(garden.problems[0]!.message).toMatch(/shallow.*fetch-depth: 0/);
  });

  it('come from a vault that is a git submodule’s own history', async () => {
    const parent = await tempDir();
    await git(parent, ['init', '-q']);
    await git(parent, ['submodule', 'add', '-q', repo, 'vault-repo']);
    await git(parent, ['commit', '-qm', 'add the vault'], '2025-01-01T00:00:00Z');
    const garden = await build(path.join(parent, 'vault-repo', 'garden'));
    expect([bySlug(garden, 'a').created, bySlug(garden, 'a').updated]).toEqual([FIRST, SECOND]);
  });

  it('fall back, with one warning, when the vault is a repository but git is not installed', async () => {
    const before = process.env.PATH;
    process.env.PATH = await tempDir();
    try {
      const garden = await build(vault);
      expect(bySlug(garden, 'a').dateSources).toEqual({ created: 'filesystem', updated: 'filesystem' });
      expect(garden.problems.map((p) => p.message)).toEqual([expect.stringMatching(/git is not installed/)]);
    } finally {
      process.env.PATH = before;
    }
  });

  it('are said, with their sources, by `npm run check`', async () => {
    const { stdout } = await run(process.execPath, ['scripts/check.ts'], { cwd: ROOT, env: { ...process.env, GARDEN_CONTENT_DIR: vault } });
    expect(stdout).toContain('a.md  →  /a/  (created: git, updated: git)');
    expect(stdout).toContain('dated.md  →  /dated/  (created: frontmatter, updated: frontmatter)');
    expect(stdout).toContain('fresh.md  →  /fresh/  (created: filesystem, updated: filesystem)');
  });
});

describe('reading git history', () => {
  it('gives a re-created file the dates of its new life only', () => {
    // Newest first: c.md re-created at 30, deleted at 20, first added at 10; b.md renamed to a.md at 25.
    const log = '\x0130\0\nA\0c.md\0\x0125\0\nR100\0b.md\0a.md\0\x0120\0\nD\0c.md\0\x0110\0\nA\0c.md\0A\0b.md\0';
    const changes = walkGitLog(Buffer.from(log), new Set(['a.md', 'c.md']));
    expect(changes.get('c.md')).toEqual([{ time: 30_000 }]);
    expect(changes.get('a.md')).toEqual([{ time: 25_000 }, { time: 10_000 }]);
    expect(changes.has('b.md')).toBe(false);
  });
});

describe('the dates setting', () => {
  it('defaults to frontmatter, git, file system', () => {
    expect(resolveConfig({}, {}).dates).toEqual(['frontmatter', 'git', 'filesystem']);
  });

  it.each([
    [['frontmatter', 'mtime'], /"mtime" is not a source of dates/],
    [['git', 'git'], /names 'git' twice/],
    [[], /dates must list/],
    ['git', /dates must list/],
  ])('refuses %j', (dates, message) => {
    expect(() => resolveConfig({ dates: dates as never }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ dates: dates as never }, {})).toThrow(message);
  });
});
