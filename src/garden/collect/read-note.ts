import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Problems } from '../problems.ts';
import type { VaultFile } from './walk-vault.ts';
import { decodeNote, looksBinary, stripControls } from './decode.ts';
import { repairMojibake } from './mojibake.ts';
import { FRONTMATTER_BLOCK, parseFrontmatter, type ParsedFrontmatter } from './frontmatter.ts';
import type { VaultPath } from '../types.ts';

/** A note as read from the vault: its text (decoded, repaired) and its parsed frontmatter. */
export interface SourceNote {
  file: VaultFile;
  path: VaultPath;
  text: string;
  frontmatter: ParsedFrontmatter;
}

/**
 * Larger than this, a file is not read as a note: no note comes near it, and text much larger
 * cannot even be held as one string (a file of 600 MB would stop the build).
 */
export const MAX_NOTE_BYTES = 16 * 1024 * 1024;
const MAX_NOTE_MB = MAX_NOTE_BYTES / 1024 / 1024;

type Read = { bytes: Uint8Array } | { tooLarge: number; head: Uint8Array };

/**
 * A regular file's bytes, or the head of one too large to read. Opened without blocking, so a
 * pipe or device that took the place of a file can never hang the build.
 */
async function readBytes(absolute: string): Promise<Read> {
  const handle = await fs.open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(stat.isDirectory() ? 'it is a folder' : 'it is not a regular file');
    if (stat.size <= MAX_NOTE_BYTES) return { bytes: await handle.readFile() };
    const head = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { tooLarge: stat.size, head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** A file not read as a note. Its leading frontmatter, if any, is kept so that `share: true` in it is still noticed. */
function notRead(file: VaultFile, head: Uint8Array, frontmatter: { reason: string; advice: string; skipped: true }): SourceNote {
  const raw = FRONTMATTER_BLOCK.exec(Buffer.from(head.subarray(0, 8192)).toString('latin1'))?.[1] ?? '';
  return { file, path: file.path, text: '', frontmatter: { ok: false, raw, body: '', ...frontmatter } };
}

export async function readNote(file: VaultFile, problems: Problems): Promise<SourceNote> {
  try {
    const read = await readBytes(file.absolute);
    if ('tooLarge' in read) {
      const size = `${(read.tooLarge / 1024 / 1024).toFixed(0)} MB`;
      return notRead(file, read.head, { reason: `is ${size}, larger than the ${MAX_NOTE_MB} MB a note may be`, advice: 'split it to publish it', skipped: true });
    }
    const { bytes } = read;
    if (looksBinary(bytes)) return notRead(file, bytes, { reason: 'is not a text file', advice: 'save it as UTF-8 text to publish it', skipped: true });
    const decoded = decodeNote(bytes);
    if (decoded.fallback) problems.warn(file.path, 'is not valid UTF-8; read as Windows-1252 (save it as UTF-8 to silence this)');
    const text = stripControls(repairMojibake(decoded.text));
    if (text.removed) problems.warn(file.path, `has ${text.removed} control character${text.removed === 1 ? '' : 's'} (such as NUL) in its text; removed`);
    return { file, path: file.path, text: text.text, frontmatter: parseFrontmatter(text.text) };
  } catch (error) {
    problems.error(file.path, `cannot be read: ${(error as Error).message}`);
    return { file, path: file.path, text: '', frontmatter: { ok: false, reason: 'cannot be read', raw: '', body: '', reported: true } };
  }
}
