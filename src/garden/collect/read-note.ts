import fs from 'node:fs/promises';
import type { Problems } from '../report/problems.ts';
import type { VaultFile } from './walk-vault.ts';
import { decodeNote } from './decode.ts';
import { repairMojibake } from './mojibake.ts';
import { parseFrontmatter, type ParsedFrontmatter } from './frontmatter.ts';

/** A note as read from the vault: its text (decoded, repaired) and its parsed frontmatter. */
export interface SourceNote {
  file: VaultFile;
  path: string;
  text: string;
  frontmatter: ParsedFrontmatter;
}

const UNREADABLE: ParsedFrontmatter = { ok: false, reason: 'cannot be read', raw: '', body: '' };

export async function readNote(file: VaultFile, problems: Problems): Promise<SourceNote> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file.absolute);
  } catch (error) {
    problems.error(file.path, `cannot be read: ${(error as Error).message}`);
    return { file, path: file.path, text: '', frontmatter: UNREADABLE };
  }
  const decoded = decodeNote(bytes);
  if (decoded.fallback) problems.warn(file.path, 'is not valid UTF-8; read as Windows-1252 (save it as UTF-8 to silence this)');
  const text = repairMojibake(decoded.text);
  return { file, path: file.path, text, frontmatter: parseFrontmatter(text) };
}
