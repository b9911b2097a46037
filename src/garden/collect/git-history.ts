import { decodeNote } from './decode.ts';
import { FRONTMATTER_BLOCK, parseFrontmatter, type ParsedFrontmatter } from './frontmatter.ts';
import { runGit, walkGitLog, type FileChange, type VaultGit } from './git-log.ts';
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

/** How much of an old version is read: its frontmatter must end within it (else it counts as unshared). */
const HEAD_BYTES = 64 * 1024;

/** A blob being read from `git cat-file --batch`: its content's bytes still to come, and those kept. */
interface BlobRead {
  id: string;
  content: number;
  skip: number;
  kept: Buffer[];
  keptBytes: number;
}

/**
 * A reader of `git cat-file --batch` output that keeps the first HEAD_BYTES of each blob. Each
 * answer is "<id> blob <size>\n<content>\n" (or "<id> missing\n"), cut anywhere across chunks.
 */
export function blobHeadReader(heads: Map<string, Buffer>): (chunk: Buffer) => void {
  let carry: Buffer = Buffer.alloc(0);
  let blob: BlobRead | undefined;
  return (chunk) => {
    let data: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    while (data.length) {
      if (!blob) {
        const lineEnd = data.indexOf(10);
        if (lineEnd < 0) return void (carry = data);
        const [id, type, size] = data.toString('latin1', 0, lineEnd).split(' ');
        data = data.subarray(lineEnd + 1);
        // The content, then its closing line feed.
        if (type === 'blob') blob = { id: id!, content: Number(size), skip: 1, kept: [], keptBytes: 0 };
        continue;
      }
      const content = data.subarray(0, blob.content);
      const keep = content.subarray(0, HEAD_BYTES - blob.keptBytes);
      if (keep.length) {
        blob.kept.push(Buffer.from(keep));
        blob.keptBytes += keep.length;
      }
      blob.content -= content.length;
      data = data.subarray(content.length);
      if (blob.content > 0) continue;
      const skipped = Math.min(blob.skip, data.length);
      [blob.skip, data] = [blob.skip - skipped, data.subarray(skipped)];
      if (blob.skip > 0) continue;
      heads.set(blob.id, Buffer.concat(blob.kept));
      blob = undefined;
    }
  };
}

/**
 * The beginning of each blob, by id, streamed through one `git cat-file --batch`: a vault whose
 * notes were committed thousands of times (an auto-commit plugin) is never held in memory whole.
 */
async function readBlobHeads(folder: string, ids: string[]): Promise<Map<string, Buffer>> {
  const heads = new Map<string, Buffer>();
  if (ids.length === 0) return heads;
  const run = await runGit(folder, ['cat-file', '--batch', '--buffer'], ids.join('\n') + '\n', blobHeadReader(heads));
  return run && run.code === 0 ? heads : new Map();
}

/**
 * The frontmatter of each old version, parsed once per distinct frontmatter: most commits change
 * a note's text and leave its frontmatter as it was.
 */
function frontmattersOf(heads: Map<string, Buffer>): Map<string, ParsedFrontmatter> {
  const parsed = new Map<string, ParsedFrontmatter>();
  const none = parseFrontmatter('');
  const result = new Map<string, ParsedFrontmatter>();
  for (const [id, head] of heads) {
    const block = FRONTMATTER_BLOCK.exec(decodeNote(head).text)?.[0];
    if (block === undefined) {
      result.set(id, none);
      continue;
    }
    let frontmatter = parsed.get(block);
    if (!frontmatter) parsed.set(block, (frontmatter = parseFrontmatter(block)));
    result.set(id, frontmatter);
  }
  return result;
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
  const [heads, changed] = await Promise.all([readBlobHeads(git.folder, [...ids]), uncommitted(git.folder)]);
  const frontmatters = frontmattersOf(heads);
  const versions = new Map<string, NoteVersion[]>();
  for (const [file, list] of changes) versions.set(file, versionsOf(list, frontmatters));
  return { versions, uncommitted: changed };
}

/**
 * A note's versions, oldest first. A commit that left its content as it was (a move, as Obsidian
 * makes one) is no version of its own: moving a note does not tend it.
 */
function versionsOf(changes: FileChange[], frontmatters: Map<string, ParsedFrontmatter>): NoteVersion[] {
  const versions: NoteVersion[] = [];
  let previous: string | undefined;
  for (const change of [...changes].sort((a, b) => a.time - b.time)) {
    const frontmatter = change.blob ? frontmatters.get(change.blob) : undefined;
    if (!frontmatter || change.blob === previous) continue;
    previous = change.blob;
    versions.push({ time: change.time, frontmatter });
  }
  return versions;
}
