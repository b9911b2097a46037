import fs from 'node:fs/promises';
import type { Problems } from '../problems.ts';
import type { VaultFile } from './walk-vault.ts';

/** Larger than this, a base is not read: no gardener's base comes near it. */
export const MAX_BASE_BYTES = 2 * 1024 * 1024;

/**
 * The `.base` files shared notes embed, read once each (a base is YAML: its views are evaluated
 * where notes embed it, and the file itself is never published). One that cannot be read is
 * reported, and the notes embedding it say the view is not published.
 */
export async function readBases(paths: Iterable<string>, files: VaultFile[], problems: Problems): Promise<Map<string, string>> {
  const byPath = new Map<string, VaultFile>(files.map((file) => [file.path, file]));
  const bases = new Map<string, string>();
  for (const path of new Set(paths)) {
    const file = byPath.get(path);
    if (!file) continue;
    try {
      const { size } = await fs.stat(file.absolute);
      if (size > MAX_BASE_BYTES) {
        problems.warn(path, `is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_BASE_BYTES / 1024 / 1024} MB a base may be; its views are not published`);
        continue;
      }
      bases.set(path, await fs.readFile(file.absolute, 'utf8'));
    } catch (error) {
      problems.warn(path, `cannot be read, so its views are not published: ${(error as Error).message}`);
    }
  }
  return bases;
}
