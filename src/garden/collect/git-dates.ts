import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Problems } from '../problems.ts';

/** When a file was first and last committed, or first and last changed on disk (milliseconds). */
export interface FileTimes {
  created?: number;
  updated?: number;
}

interface GitRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/*
 * Git's output names every file of the vault, private ones too: it is only ever read here, in
 * memory, and only the wanted (shared) notes' times leave this module. Nothing git prints is
 * written anywhere or put in a problem.
 */

/** Runs git in `cwd`; undefined when git is not installed. */
function runGit(cwd: string, args: string[]): Promise<GitRun | undefined> {
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
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
 * Whether git can date the vault: it is in a work tree (its own, a parent's, or a submodule's)
 * with full history. A shallow clone (CI checkouts fetch one commit by default) would date every
 * note to that one commit, so it is refused with one warning and the next source is used.
 */
async function gitCanDate(vaultDir: string, problems: Problems): Promise<boolean> {
  const run = await runGit(vaultDir, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  if (!run) {
    if (await looksLikeRepository(vaultDir)) problems.warn('.', 'the vault is in a git repository but git is not installed; dates come from the next source in `dates`');
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
    problems.warn('.', 'the vault is a shallow git clone, where every note would get the date of its one commit; git dates are not used. Fetch the whole history (actions/checkout: `fetch-depth: 0`)');
    return false;
  }
  return true;
}

/**
 * Every file's first and last commit under the vault, from one `git log` walked newest first:
 * author times (kept through rebases), paths relative to the vault, renames followed back so a
 * renamed note keeps the day it was planted.
 */
export function parseGitLog(output: Buffer, wanted: Set<string>): Map<string, FileTimes> {
  const times = new Map<string, FileTimes>();
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
    if (!/^[A-Z]\d*$/.test(token)) continue;
    const status = token[0]!;
    const older = (tokens[++i] ?? '').normalize('NFC');
    const newer = status === 'R' || status === 'C' ? (tokens[++i] ?? '').normalize('NFC') : older;
    if (status === 'D') {
      laterName.set(older, null);
      continue;
    }
    const current = laterName.has(newer) ? laterName.get(newer)! : newer;
    if (current !== null && wanted.has(current)) record(times, current, time);
    if (status === 'R') laterName.set(older, current);
  }
  return times;
}

function record(times: Map<string, FileTimes>, file: string, time: number): void {
  const known = times.get(file);
  if (!known) times.set(file, { created: time, updated: time });
  else {
    known.created = Math.min(known.created!, time);
    known.updated = Math.max(known.updated!, time);
  }
}

/** Vault files whose text differs from the last commit (staged or not). */
async function uncommitted(vaultDir: string): Promise<Set<string>> {
  const run = await runGit(vaultDir, ['diff', 'HEAD', '--name-only', '-z', '--no-renames', '--relative', '--', '.']);
  if (!run || run.code !== 0) return new Set();
  return new Set(run.stdout.toString('utf8').split('\0').filter(Boolean).map((file) => file.normalize('NFC')));
}

/**
 * The wanted notes' git times: created at their first commit, updated at their last. A note with
 * uncommitted changes has no `updated` from git (it was tended after its last commit): the next
 * source in `dates`, the file system by default, says when.
 */
export async function readGitTimes(vaultDir: string, wanted: Set<string>, problems: Problems): Promise<Map<string, FileTimes>> {
  if (!(await gitCanDate(vaultDir, problems))) return new Map();
  const [log, changed] = await Promise.all([
    runGit(vaultDir, ['log', '--topo-order', '--format=%x01%at', '--name-status', '-z', '--find-renames', '--relative', '--no-color', '--', '.']),
    uncommitted(vaultDir),
  ]);
  // A repository without a commit yet has no history to read.
  if (!log || log.code !== 0) return new Map();
  const times = parseGitLog(log.stdout, wanted);
  for (const file of changed) {
    const known = times.get(file);
    if (known) delete known.updated;
  }
  return times;
}
