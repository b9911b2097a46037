import fs from 'node:fs/promises';
import type { FileTimes } from './git-dates.ts';

/**
 * A file's times on disk, to the second: created at its birth time when the file system keeps one
 * (not every one does, and a copy that kept its modification time was born after it: the earlier
 * of the two is taken), updated at its modification time. In a fresh checkout (CI) both are the
 * checkout's time: git is the better source there.
 */
export async function readFileTimes(absolute: string): Promise<FileTimes> {
  try {
    const stat = await fs.stat(absolute);
    const updated = Math.floor(stat.mtimeMs / 1000) * 1000;
    const born = Math.floor(stat.birthtimeMs / 1000) * 1000;
    return { created: born > 0 ? Math.min(born, updated) : updated, updated };
  } catch {
    // The note was read a moment ago; if it is gone now it simply has no file dates.
    return {};
  }
}
