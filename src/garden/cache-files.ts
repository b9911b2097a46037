import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/*
 * The caches are replaced by writing aside and renaming (`<name>.<pid>.<run>.<n>.tmp`), so a reader
 * never sees half a file. A build stopped while writing (Ctrl-C, a crash) leaves its temporary
 * copy behind, holding the notes that were shared then; one of them may be private by the next
 * build. So every write first removes what processes no longer running left beside it. A
 * container gives its processes the same ids run after run: `run`, drawn once per process, tells
 * this process's copies from those of an earlier one that had its id.
 */

const RUN = randomBytes(4).toString('hex');
let copies = 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A name for a temporary copy of `file` (a file or a folder), beside it, that no other copy has. */
export function temporaryCopyOf(file: string): string {
  return `${file}.${process.pid}.${RUN}.${++copies}.tmp`;
}

/** Removes the temporary copies of `file` that processes no longer running left. */
export async function removeAbandonedCopies(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
  const abandoned = (name: string) => {
    const [pid, run] = name.slice(prefix.length).split('.');
    return Number(pid) === process.pid ? run !== RUN : !alive(Number(pid));
  };
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp') && abandoned(name))
      .map((name) => fs.rm(path.join(path.dirname(file), name), { recursive: true, force: true })),
  );
}

/**
 * Which file this is, to tell later whether it is still the one written: its device, inode, size
 * and time of change. Moving or hard-linking it keeps the stamp; rewriting it in place, or putting
 * another file in its place, changes it. Nothing (undefined) for a missing file or a non-file.
 */
export async function fileStamp(file: string): Promise<string | undefined> {
  const stat = await fs.lstat(file, { bigint: true }).catch(() => undefined);
  return stat?.isFile() ? `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}` : undefined;
}
