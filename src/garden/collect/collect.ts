import fs from 'node:fs/promises';
import type { Problems } from '../report/problems.ts';
import { walkVault, type VaultFile } from './walk-vault.ts';
import { readNote, type SourceNote } from './read-note.ts';

/** Stage 1: every note of the vault read and parsed, and every other file as a possible attachment. */
export interface Collected {
  sources: SourceNote[];
  attachments: VaultFile[];
}

export async function collect(contentDir: string, problems: Problems): Promise<Collected> {
  try {
    const stat = await fs.stat(contentDir);
    if (!stat.isDirectory()) throw new Error('not a folder');
  } catch (error) {
    problems.error(contentDir, `the vault folder cannot be read: ${(error as Error).message}`);
  }
  const listing = await walkVault(contentDir, problems);
  const sources = await mapLimit(listing.notes, 32, (file) => readNote(file, problems));
  return { sources, attachments: listing.attachments };
}

/** Runs `fn` over `items`, `limit` at a time: enough reads in flight to keep the disk busy, not thousands of open files. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
