import type { DateSource } from '../types.ts';
import type { VaultFile } from './walk-vault.ts';
import type { FileTimes } from './git-dates.ts';
import { readFileTimes } from './file-times.ts';
import { mapLimit } from './collect.ts';

/** What the vault itself knows of each shared note's dates, beyond its frontmatter, by source. */
export type VaultTimes = Partial<Record<Exclude<DateSource, 'frontmatter'>, Map<string, FileTimes>>>;

/**
 * Part of reading the vault, run once the publish rule has decided: only shared notes are dated.
 * Their files' times, when the `dates` setting lists the file system (git's come from their
 * shared versions: normalize/git-times.ts).
 */
export async function collectFileDates(shared: VaultFile[], order: DateSource[]): Promise<VaultTimes> {
  if (shared.length === 0 || !order.includes('filesystem')) return {};
  return { filesystem: await statAll(shared) };
}

async function statAll(files: VaultFile[]): Promise<Map<string, FileTimes>> {
  const times = await mapLimit(files, 32, (file) => readFileTimes(file.absolute));
  return new Map(files.map((file, i) => [file.path.normalize('NFC'), times[i]!]));
}
