import fs from 'node:fs/promises';
import path from 'node:path';
import type { Problems } from '../problems.ts';
import type { VaultPath } from '../types.ts';

/** A note's name as links write it: its file name without `.md`. */
export const stem = (file: string) => path.posix.basename(file).replace(/\.md$/i, '');

/** An image a page can show (`<img>`), by its extension. */
export const isImageFile = (file: string) => /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i.test(file);

/** A canvas file (JSON Canvas, Obsidian's boards): drawn as a board, never copied as an attachment. */
export const isCanvasFile = (file: string) => /\.canvas$/i.test(file);

/** A base (Obsidian Bases' `.base`): its views are drawn where notes show it, its YAML never copied. */
export const isBaseFile = (file: string) => /\.base$/i.test(file);

export interface VaultFile {
  /** Vault-relative path with `/` separators. */
  path: VaultPath;
  absolute: string;
}

export interface VaultListing {
  notes: VaultFile[];
  attachments: VaultFile[];
}

const NOTE = /\.md$/i;

/**
 * Walks the vault. Hidden files and folders (`.obsidian`, `.trash`, `.git`) are skipped, and so is
 * every symbolic link: following one could publish a file from outside the vault (or walk a loop
 * such as `a -> .` forever). Pipes, sockets and devices are skipped too.
 */
export async function walkVault(root: string, problems: Problems): Promise<VaultListing> {
  const notes: VaultFile[] = [];
  const attachments: VaultFile[] = [];

  async function walk(dir: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.error(rel || '.', `cannot read folder: ${(error as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const absolute = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        problems.warn(relPath, 'symbolic link skipped: only files inside the vault are read');
      } else if (entry.isDirectory()) {
        await walk(absolute, relPath);
      } else if (entry.isFile()) {
        (NOTE.test(entry.name) ? notes : attachments).push({ path: relPath as VaultPath, absolute });
      } else {
        // Reading a pipe would wait for a writer forever; a socket or device is no note either.
        problems.warn(relPath, 'is not a regular file (a pipe, socket or device); skipped');
      }
    }
  }

  await walk(root, '');
  return { notes, attachments };
}
