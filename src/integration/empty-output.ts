import fs from 'node:fs/promises';
import path from 'node:path';
import { removeAbandonedCopies, temporaryCopyOf } from '../garden/cache-files.ts';

/*
 * Each build starts from an empty output folder, emptied here: the integration turns Astro's own
 * emptying off (`vite.build.emptyOutDir: false`), for two reasons.
 * - Astro 7.3 deletes the last build's output file by file, and waits for it, before its Vite
 *   build starts: 3.1 s on a rebuild of the 10,000-note bench garden (16,000 files, 8,000 folders).
 *   Moved into the cache folder instead, the old output is deleted there while the build goes on.
 * - Astro means to keep a `.git` folder (a site published as a git repository), but what it keeps
 *   is any top-level entry named `.`, `g`, `i` or `t` (`new Set(".git")` is a set of characters),
 *   and it deletes `.git`: the page of a note whose slug is `i` outlived the note turning private.
 *   Here `.git` is kept and nothing else.
 *
 * The output folder goes in one rename when it can (a real folder without `.git`, on the cache's
 * device), else its entries one rename each; an entry that cannot be moved is deleted at once. The
 * pages this build reuses are moved back from it before it is deleted (reuse-pages.ts). A build
 * stopped before the deletion ends leaves the copy in the cache: the next build removes it first,
 * before anything else (cache-files.ts).
 */

/** The last build's output, moved aside. */
export interface LastOutput {
  /** Where it is now, if there was one. */
  folder: string | undefined;
  /** Deletes it; the promise ends when it is gone. Called again, the same promise. */
  remove(): Promise<void>;
}

/** Empties the output folder, `.git` aside, moving what it held into the cache folder until `remove()`. */
export async function emptyOutput(outDir: string, cacheDir: string): Promise<LastOutput> {
  const base = path.join(cacheDir, 'old-output');
  await fs.mkdir(cacheDir, { recursive: true });
  await removeAbandonedCopies(base);
  const found = await fs.stat(outDir).catch(() => undefined);
  if (!found?.isDirectory()) return { folder: undefined, remove: () => Promise.resolve() };
  const aside = temporaryCopyOf(base);
  let removing: Promise<void> | undefined;
  const moved: LastOutput = { folder: aside, remove: () => (removing ??= fs.rm(aside, { recursive: true, force: true }).catch(() => {})) };
  const link = (await fs.lstat(outDir)).isSymbolicLink();
  if (!link && !(await fs.lstat(path.join(outDir, '.git')).catch(() => undefined))) {
    try {
      await fs.rename(outDir, aside);
      return moved;
    } catch {
      // Another device, a mount point, a folder in use on Windows: entry by entry below.
    }
  }
  await fs.mkdir(aside, { recursive: true });
  const entries = (await fs.readdir(outDir)).filter((name) => name !== '.git');
  await Promise.all(
    entries.map(async (name) => {
      try {
        await fs.rename(path.join(outDir, name), path.join(aside, name));
      } catch {
        await fs.rm(path.join(outDir, name), { recursive: true, force: true });
      }
    }),
  );
  return moved;
}
