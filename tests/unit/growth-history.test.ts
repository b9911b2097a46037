import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, type GardenSettings } from '../../src/garden/config/config.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { growthOf } from '../../src/garden/normalize/growth.ts';
import { blobHeadReader } from '../../src/garden/collect/git-history.ts';
import type { Garden } from '../../src/garden/types.ts';
import { git, gitVault, GROWTH_HISTORY } from '../helpers/git-vault.ts';
import { makeVault, noteOf, shared } from '../helpers/vault.ts';

const build = (contentDir: string, settings: GardenSettings = {}) => buildGarden(resolveConfig({ ...settings, contentDir }, {}));
const steps = (garden: Garden, slug: string) => noteOf(garden, slug).growth?.steps.map((s) => `${s.state} ${s.date.slice(0, 10)}`);

describe('growth history from git', () => {
  let vault: string;
  let garden: Garden;
  beforeAll(async () => {
    vault = await gitVault(GROWTH_HISTORY);
    garden = await build(vault);
  });

  it('follows a note from seed to bud to evergreen, and counts the commits that tended it', () => {
    expect(steps(garden, 'growing')).toEqual(['seed 2024-03-03', 'bud 2024-06-12', 'evergreen 2025-02-02']);
    expect(noteOf(garden, 'growing').growth).toMatchObject({ tended: 3, planted: true });
  });

  it('starts a note shared late at the commit that shared it: its private past has no state and no date', () => {
    expect(steps(garden, 'later')).toEqual(['bud 2025-02-02']);
    expect(noteOf(garden, 'later').growth?.tended).toBe(0);
    // Git's dates come from the shared versions too: the note was planted in the garden when it was shared.
    expect(noteOf(garden, 'later').created).toBe('2025-02-02T10:00:00Z');
  });

  it('follows a renamed note back to its first name', () => {
    expect(steps(garden, 'new-name')).toEqual(['seed 2024-03-03', 'bud 2024-06-12']);
  });

  it('does not count a move or a rename as tending: the note and its dates stay as they were', async () => {
    const text = '---\nshare: true\nstate: bud\n---\nA note long enough for git to know it again after a move, whatever its name.\n';
    const moved = await build(await gitVault([
      { date: '2024-03-03T10:00:00Z', message: 'plant', files: { 'Walking.md': text } },
      { date: '2024-05-05T10:00:00Z', message: 'tend', files: { 'Walking.md': `${text}More.\n` } },
      { date: '2025-01-01T10:00:00Z', message: 'file it', renames: [['Walking.md', 'Walks.md']] },
    ]));
    expect(noteOf(moved, 'walks').growth).toMatchObject({ steps: [{ state: 'bud' }], tended: 1 });
    expect(noteOf(moved, 'walks').updated).toBe('2024-05-05T10:00:00Z');
  });

  it('leaves out a private period between two shared ones, and the state the note had then', () => {
    expect(steps(garden, 'returning')).toEqual(['seed 2024-03-03', 'bud 2025-02-02']);
    expect(noteOf(garden, 'returning').growth?.tended).toBe(1);
  });

  it('has nothing of a note that was shared and is private now', () => {
    expect(garden.notes.map((n) => n.slug)).not.toContain('withdrawn');
    expect(garden.grown.map((e) => e.slug)).not.toContain('withdrawn');
  });

  it('lists every change of state, newest first, plantings left out', () => {
    expect(garden.grown.map((e) => `${e.slug} ${e.state} ${e.date.slice(0, 10)} #${e.step}`)).toEqual([
      'growing evergreen 2025-02-02 #2',
      'returning bud 2025-02-02 #1',
      'growing bud 2024-06-12 #1',
      'new-name bud 2024-06-12 #1',
    ]);
  });

  it('ends with a state changed since the last commit, dated when the note was tended', async () => {
    const dirty = await gitVault(GROWTH_HISTORY);
    await fs.writeFile(path.join(dirty, 'New name.md'), '---\nshare: true\nstate: evergreen\nupdated: 2025-04-04\n---\nIt grew.\n');
    expect(steps(await build(dirty), 'new-name')).toEqual(['seed 2024-03-03', 'bud 2024-06-12', 'evergreen 2025-04-04']);
  });

  it('is not read when growthHistory is false', async () => {
    const off = await build(vault, { growthHistory: false });
    expect(off.notes.every((n) => n.growth === undefined)).toBe(true);
    expect(off.grown).toEqual([]);
  });

  it('is absent without git, and from a shallow clone (with the dates warning)', async () => {
    const plain = await build(await makeVault({ 'A.md': shared('No history.', 'state: bud\n') }));
    expect(plain.notes[0]!.growth).toBeUndefined();
    const clone = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'garden-shallow-')), 'clone');
    await git(vault, ['clone', '-q', '--depth', '1', `file://${vault}`, clone]);
    const shallow = await build(clone);
    expect(shallow.notes.every((n) => n.growth === undefined)).toBe(true);
    expect(shallow.problems.map((p) => p.message)).toEqual([expect.stringMatching(/shallow git clone.*no growth history/)]);
  });
});

describe('a note’s growth from its shared versions', () => {
  const version = (time: string, state: string) => ({ time: Date.parse(time), data: { share: true, state } });

  it('says nothing without a shared version', () => {
    expect(growthOf([], { state: 'bud' }, 'UTC')).toBeUndefined();
  });

  it('keeps one step per change of state, in the garden’s time zone', () => {
    const growth = growthOf([version('2024-01-01T23:30:00Z', 'seed'), version('2024-02-01T00:00:00Z', 'seed'), version('2024-03-01T00:00:00Z', 'tree')], { state: 'evergreen' }, 'Europe/Paris');
    expect(growth?.steps).toEqual([{ state: 'seed', date: '2024-01-02T00:30:00+01:00' }, { state: 'evergreen', date: '2024-03-01T01:00:00+01:00' }]);
    expect(growth?.tended).toBe(2);
  });

  it('calls the first step a planting unless the note says it was planted before', () => {
    const first = [version('2024-05-01T00:00:00Z', 'seed')];
    expect(growthOf(first, { state: 'seed', created: '2024-05-01T09:00:00Z' }, 'UTC')?.planted).toBe(true);
    expect(growthOf(first, { state: 'seed', created: '2020-01-01T00:00:00Z' }, 'UTC')?.planted).toBe(false);
  });
});

describe('reading old versions from git cat-file', () => {
  const answers = Buffer.concat([
    Buffer.from('aaa blob 13\n---\nx: 1\n---\n\n'),
    Buffer.from('bbb missing\n'),
    Buffer.from('ccc blob 0\n\n'),
    Buffer.from(`ddd blob 70000\n${'y'.repeat(70000)}\n`),
    Buffer.from('eee blob 3\nabc\n'),
  ]);

  it('keeps each blob’s beginning, however the output is cut into chunks', () => {
    for (const size of [1, 2, 7, 64, 4096, answers.length]) {
      const heads = new Map<string, Buffer>();
      const read = blobHeadReader(heads);
      for (let at = 0; at < answers.length; at += size) read(answers.subarray(at, at + size));
      expect([...heads.keys()], `chunks of ${size}`).toEqual(['aaa', 'ccc', 'ddd', 'eee']);
      expect(heads.get('aaa')!.toString(), `chunks of ${size}`).toBe('---\nx: 1\n---\n');
      expect(heads.get('ccc')!.length).toBe(0);
      expect(heads.get('ddd')!.length).toBe(64 * 1024);
      expect(heads.get('eee')!.toString()).toBe('abc');
    }
  });
});
