import fs from 'node:fs/promises';
import path from 'node:path';

/*
 * The caches are replaced by writing aside and renaming (`<name>.<pid>.….tmp`), so a reader never
 * sees half a file. A build stopped while writing (Ctrl-C, a crash) leaves its temporary copy behind,
 * holding the notes that were shared then; one of them may be private by the next build. So every
 * write first removes what processes no longer running left beside it.
 */

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the temporary copies of `file` (a file or a folder) that processes no longer running left. */
export async function removeAbandonedCopies(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .filter((name) => !alive(Number(name.slice(prefix.length).split('.')[0])))
      .map((name) => fs.rm(path.join(path.dirname(file), name), { recursive: true, force: true })),
  );
}
