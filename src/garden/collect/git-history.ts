import { decodeNote } from './decode.ts';
import { FRONTMATTER_BLOCK, parseFrontmatter, type ParsedFrontmatter } from './frontmatter.ts';
import { runGit, walkGitLog, type VaultGit } from './git-log.ts';
import { uncommitted } from './git-dates.ts';

/**
 * A committed version of a note now shared: when it was committed, and its frontmatter then (the
 * publish rule decides from it whether the version was shared, and the growth state is read from
 * it). An old version's text below its frontmatter is never kept.
 */
export interface NoteVersion {
  time: number;
  frontmatter: ParsedFrontmatter;
}

const NO_FRONTMATTER = parseFrontmatter('');

/** An old version's frontmatter alone. */
function frontmatterOf(bytes: Uint8Array): ParsedFrontmatter {
  const block = FRONTMATTER_BLOCK.exec(decodeNote(bytes).text);
  return block ? parseFrontmatter(block[0]) : NO_FRONTMATTER;
}

/** The contents of blobs, by id, read through one `git cat-file --batch`. */
async function readBlobs(folder: string, ids: string[]): Promise<Map<string, Uint8Array>> {
  const blobs = new Map<string, Uint8Array>();
  if (ids.length === 0) return blobs;
  const run = await runGit(folder, ['cat-file', '--batch'], ids.join('\n') + '\n');
  if (!run || run.code !== 0) return blobs;
  const out = run.stdout;
  // Each answer is "<id> blob <size>\n<content>\n", or "<id> missing\n".
  for (let at = 0; at < out.length; ) {
    const lineEnd = out.indexOf(10, at);
    if (lineEnd < 0) break;
    const [id, type, size] = out.toString('latin1', at, lineEnd).split(' ');
    at = lineEnd + 1;
    if (type !== 'blob') continue;
    blobs.set(id!, out.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
  return blobs;
}

/** What git knows of the wanted notes: their committed versions, and which have changed since. */
export interface VaultHistory {
  versions: Map<string, NoteVersion[]>;
  /** Notes whose text differs from their last commit. */
  uncommitted: Set<string>;
}

/**
 * Every wanted note's committed versions, oldest first, from the vault's git history (renames
 * followed). Empty without a readable history (no git, not a repository, a shallow clone).
 */
export async function readVaultHistory(git: VaultGit, wanted: Set<string>): Promise<VaultHistory> {
  const log = await git.log();
  if (!log) return { versions: new Map(), uncommitted: new Set() };
  const changes = walkGitLog(log, wanted);
  const ids = new Set<string>();
  for (const list of changes.values()) for (const change of list) if (change.blob) ids.add(change.blob);
  const [blobs, changed] = await Promise.all([readBlobs(git.folder, [...ids]), uncommitted(git.folder)]);
  const frontmatters = new Map([...blobs].map(([id, bytes]) => [id, frontmatterOf(bytes)]));
  const versions = new Map<string, NoteVersion[]>();
  for (const [file, list] of changes) {
    const known = list.flatMap((change) => {
      const frontmatter = change.blob ? frontmatters.get(change.blob) : undefined;
      return frontmatter ? [{ time: change.time, frontmatter }] : [];
    });
    versions.set(file, known.sort((a, b) => a.time - b.time));
  }
  return { versions, uncommitted: changed };
}
