import fs from 'node:fs/promises';
import type { Problems } from '../problems.ts';
import { walkVault, type VaultFile } from './walk-vault.ts';
import { readNote, type SourceNote } from './read-note.ts';

/** Stage 1: every note of the vault read and parsed, and every other file as a possible attachment. */
export interface Collected {
  sources: SourceNote[];
  attachments: VaultFile[];
  /** Why the vault folder itself cannot be read (missing, not a folder, no permission). */
  unreadable?: string;
}

export async function collect(contentDir: string, problems: Problems): Promise<Collected> {
  try {
    await fs.readdir(contentDir);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const unreadable = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${message})`;
    return { sources: [], attachments: [], unreadable };
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
