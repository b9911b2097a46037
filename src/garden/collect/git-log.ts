import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Problems } from '../problems.ts';

/*
 * Git's output names every file of the vault, private ones too: it is only ever read here and by
 * its two readers (git-dates.ts, git-history.ts), in memory, and only what the wanted (shared)
 * notes' lines say leaves them. Nothing git prints is written anywhere or put in a problem, and
 * commit messages, authors' names and e-mails are never asked for.
 */

export interface GitRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** One commit that changed a file: its author time (milliseconds) and the file's blob after it. */
export interface FileChange {
  time: number;
  /** The file's content id after the commit (absent in `--name-status` output). */
  blob?: string;
}

/**
 * Runs git in `cwd`, `input` written to its standard input; undefined when git is not installed.
 * Its output is handed to `consume` as it comes when one is given (and not kept), else returned.
 */
export function runGit(cwd: string, args: string[], input?: string, consume?: (chunk: Buffer) => void): Promise<GitRun | undefined> {
  // A GIT_DIR or GIT_WORK_TREE inherited from a hook would point git at another repository.
  const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, GIT_INDEX_FILE: _index, ...env } = process.env;
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn('git', ['-c', 'core.quotepath=off', ...args], { cwd, env: { ...env, GIT_OPTIONAL_LOCKS: '0' } });
  } catch {
    // A vault path that is not a folder (reported by the collect stage) cannot be a work tree.
    return Promise.resolve(undefined);
  }
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout!.on('data', consume ?? ((chunk: Buffer) => out.push(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => {});
  child.stdin!.end(input);
  return new Promise((resolve) => {
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/** Whether a `.git` sits in the vault folder or above it (to say so when git itself is missing). */
async function looksLikeRepository(dir: string): Promise<boolean> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (await fs.stat(path.join(at, '.git')).then(() => true, () => false)) return true;
    if (path.dirname(at) === at) return false;
  }
}

/**
 * Whether git can read the vault's history: it is in a work tree (its own, a parent's, or a
 * submodule's) with full history. A shallow clone (CI checkouts fetch one commit by default) would
 * date every note to that one commit, so it is refused with one warning and the next source is used.
 */
async function gitCanRead(vaultDir: string, problems: Problems): Promise<boolean> {
  const run = await runGit(vaultDir, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  if (!run) {
    if (await looksLikeRepository(vaultDir)) problems.warn('.', 'the vault is in a git repository but git is not installed; its history is not read (dates come from the next source in `dates`)');
    return false;
  }
  const [inside, shallow] = run.stdout.toString().trim().split('\n');
  if (run.code !== 0 || inside !== 'true') {
    // "not a git repository" is the ordinary case; anything else (dubious ownership) is worth a word.
    const reason = run.stderr.split('\n').find((line) => line.trim() && !/not a git repository/i.test(line));
    if (reason) problems.warn('.', `git cannot read the vault's history (${reason.replace(/^fatal:\s*/, '').trim()}); dates come from the next source in \`dates\``);
    return false;
  }
  if (shallow === 'true') {
    problems.warn('.', 'the vault is a shallow git clone, where every note would get the date of its one commit; its history is not read (no git dates, no growth history). Fetch the whole history (actions/checkout: `fetch-depth: 0`)');
    return false;
  }
  return true;
}

/** The vault's git history, read at most once a build by whichever reader asks first. */
export interface VaultGit {
  folder: string;
  /** Every commit's changes under the vault, newest first; undefined without a readable history. */
  log(): Promise<Buffer | undefined>;
}

export function vaultGit(vaultDir: string, problems: Problems): VaultGit {
  let log: Promise<Buffer | undefined> | undefined;
  const read = async () => {
    if (!(await gitCanRead(vaultDir, problems))) return undefined;
    const run = await runGit(vaultDir, ['log', '--topo-order', '--format=%x01%at', '--raw', '--no-abbrev', '-z', '--find-renames', '--relative', '--no-color', '--', '.']);
    // A repository without a commit yet has no history to read.
    return run && run.code === 0 ? run.stdout : undefined;
  };
  return { folder: vaultDir, log: () => (log ??= read()) };
}

/** A change line: `--name-status` (`M`, `R086`) or `--raw` (`:100644 100644 <old> <new> M`). */
const CHANGE = /^(?::\d+ \d+ [0-9a-f]+ ([0-9a-f]+) )?([A-Z])\d*$/;

/**
 * Each wanted file's commits, newest first, from one `git log -z` walked newest first: author
 * times (kept through rebases), paths relative to the vault, renames followed back so a renamed
 * note keeps the history of its earlier name.
 */
export function walkGitLog(output: Buffer, wanted: Set<string>): Map<string, FileChange[]> {
  const changes = new Map<string, FileChange[]>();
  // Older history of a path belongs to the file it is now (after a rename), or to none (deleted, then re-created).
  const laterName = new Map<string, string | null>();
  const tokens = output.toString('utf8').split('\0');
  let time = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      time = Number(token.slice(1)) * 1000;
      continue;
    }
    const change = CHANGE.exec(token);
    if (!change) continue;
    const [, blob, status] = change;
    const older = (tokens[++i] ?? '').normalize('NFC');
    const newer = status === 'R' || status === 'C' ? (tokens[++i] ?? '').normalize('NFC') : older;
    if (status === 'D') {
      laterName.set(older, null);
      continue;
    }
    const current = laterName.has(newer) ? laterName.get(newer)! : newer;
    if (current !== null && wanted.has(current)) {
      const list = changes.get(current) ?? changes.set(current, []).get(current)!;
      list.push(blob ? { time, blob } : { time });
    }
    if (status === 'R') laterName.set(older, current);
  }
  return changes;
}
