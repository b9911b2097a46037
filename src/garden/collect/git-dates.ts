import { runGit } from './git-log.ts';

/** When a file was first and last committed, or first and last changed on disk (milliseconds). */
export interface FileTimes {
  created?: number;
  updated?: number;
}

/** The first and last of some times. */
export function spanOf(times: number[]): FileTimes {
  let [created, updated] = [Infinity, -Infinity];
  for (const time of times) [created, updated] = [Math.min(created, time), Math.max(updated, time)];
  return { created, updated };
}

/** Vault files whose text differs from the last commit (staged or not). */
export async function uncommitted(vaultDir: string): Promise<Set<string>> {
  const run = await runGit(vaultDir, ['diff', 'HEAD', '--name-only', '-z', '--no-renames', '--relative', '--', '.']);
  if (!run || run.code !== 0) return new Set();
  return new Set(run.stdout.toString('utf8').split('\0').filter(Boolean).map((file) => file.normalize('NFC')));
}
