import type { DateSource } from '../types.ts';
import type { Problems } from '../problems.ts';
import type { VaultFile } from './walk-vault.ts';
import { readGitTimes, type FileTimes } from './git-dates.ts';
import { readFileTimes } from './file-times.ts';
import { mapLimit } from './collect.ts';

/** What the vault itself knows of each shared note's dates, beyond its frontmatter, by source. */
export type VaultTimes = Partial<Record<Exclude<DateSource, 'frontmatter'>, Map<string, FileTimes>>>;

/**
 * Part of reading the vault, run once the publish rule has decided: only shared notes are dated,
 * and only from the sources the `dates` setting lists. Git and the file system are read at once.
 */
export async function collectFileDates(vaultDir: string, shared: VaultFile[], order: DateSource[], problems: Problems): Promise<VaultTimes> {
  if (shared.length === 0) return {};
  const [git, filesystem] = await Promise.all([
    order.includes('git') ? readGitTimes(vaultDir, new Set(shared.map((file) => file.path.normalize('NFC'))), problems) : undefined,
    order.includes('filesystem') ? statAll(shared) : undefined,
  ]);
  return { ...(git ? { git } : {}), ...(filesystem ? { filesystem } : {}) };
}

async function statAll(files: VaultFile[]): Promise<Map<string, FileTimes>> {
  const times = await mapLimit(files, 32, (file) => readFileTimes(file.absolute));
  return new Map(files.map((file, i) => [file.path.normalize('NFC'), times[i]!]));
}
