import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeVault } from './vault.ts';

const run = promisify(execFile);

/** One commit of a vault's history: files written (text) or deleted (null), renames made first. */
export interface Commit {
  date: string;
  message: string;
  files?: Record<string, string | null>;
  renames?: [from: string, to: string][];
}

/** The identity every test commit is made with: a canary test looks for it in the output. */
export const AUTHOR = { name: 'Zqauthorname Person', email: 'zqauthormail@example.test' };

/** Git with that identity, no user configuration, and commits dated `date`. */
export function git(cwd: string, args: string[], date = '2000-01-01T00:00:00Z') {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const config = ['-c', `user.name=${AUTHOR.name}`, '-c', `user.email=${AUTHOR.email}`, '-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always'];
  return run('git', [...config, ...args], { cwd, env });
}

/** A vault that is a git repository with the given history, committed in order. */
export async function gitVault(commits: Commit[]): Promise<string> {
  const vault = await makeVault({});
  await git(vault, ['init', '-q']);
  for (const commit of commits) {
    for (const [from, to] of commit.renames ?? []) await git(vault, ['mv', from, to]);
    for (const [name, text] of Object.entries(commit.files ?? {})) {
      const file = path.join(vault, name);
      if (text === null) await fs.rm(file);
      else {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, text);
      }
    }
    await git(vault, ['add', '-A']);
    await git(vault, ['commit', '-qm', commit.message], commit.date);
  }
  return vault;
}

/** Words of the private past of the growth history's notes: none may reach the output. */
export const PAST_CANARIES = {
  oldText: 'zqoldbodytext',
  oldTitle: 'zqoldtitleword',
  oldPath: 'zqoldpathname',
  oldTag: 'zqoldtagword',
  message: 'zqcommitmessage',
  author: 'zqauthorname',
  email: 'zqauthormail',
  withdrawn: 'zqwithdrawntext',
  betweenText: 'zqbetweentext',
} as const;

/** Git follows a renamed file by its likeness to the old one: a note's text, not just its frontmatter. */
const MOVING = 'A note that moves from one name to another, and keeps its history on the way: git sees the likeness of its text.';
const note = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;
const c = PAST_CANARIES;

/**
 * A vault whose history has every case growth history must get right: a note that grows seed →
 * bud → evergreen and is tended after; one private (under another name, title and tags) before it
 * was shared; one renamed; one shared then made private; one shared, private a while, shared again.
 * Commit messages and the author's name and e-mail are canaries too.
 */
export const GROWTH_HISTORY: Commit[] = [
  {
    date: '2024-03-03T10:00:00Z',
    message: `Plant the garden ${c.message}`,
    files: {
      'Growing.md': note('share: true\nstate: seed', 'Growing begins.'),
      [`${c.oldPath}.md`]: note(`share: false\ntitle: Old ${c.oldTitle}\nstate: evergreen\ntags: [${c.oldTag}]`, `Private words ${c.oldText}.`),
      'Old name.md': note('share: true\nstate: seed', MOVING),
      'Withdrawn.md': note('share: true\nstate: bud', `Words ${c.withdrawn}.`),
      'Returning.md': note('share: true\nstate: seed', 'A note that comes back.'),
    },
  },
  {
    date: '2024-06-12T10:00:00Z',
    message: `Grow ${c.message}`,
    renames: [['Old name.md', 'New name.md']],
    files: {
      'Growing.md': note('share: true\nstate: bud', 'Growing begins. More.'),
      'New name.md': note('share: true\nstate: bud', `${MOVING}\nIt moved.`),
      'Returning.md': note('share: false\nstate: evergreen', `Away ${c.betweenText}.`),
    },
  },
  {
    date: '2025-02-02T10:00:00Z',
    message: `Share and withdraw ${c.message}`,
    renames: [[`${c.oldPath}.md`, 'Later.md']],
    files: {
      'Growing.md': note('share: true\nstate: evergreen', 'Growing begins. More. Done.'),
      'Later.md': note('share: true\nstate: bud', 'Shared at last.'),
      'Withdrawn.md': note('share: false\nstate: evergreen', `Words ${c.withdrawn}.`),
      'Returning.md': note('share: true\nstate: bud', 'A note that came back.'),
    },
  },
  {
    date: '2025-03-01T10:00:00Z',
    message: `Tend ${c.message}`,
    files: { 'Growing.md': note('share: true\nstate: evergreen', 'Growing begins. More. Done. Tended.') },
  },
];
