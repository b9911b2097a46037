import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, type GardenSettings } from '../../src/garden/config/config.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { fromHtml } from 'hast-util-from-html';
import type { Garden } from '../../src/garden/types.ts';

/** The documents the project was created from, copied verbatim from shared/seeds. */
export const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');
export const seedPath = (prefix: string) => path.join(SEEDS, `${prefix}.txt`);

/** Writes a throwaway vault: file path → text (or bytes). */
export async function makeVault(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-vault-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
  return dir;
}

export async function gardenOf(files: Record<string, string | Uint8Array>, settings: GardenSettings = {}) {
  const dir = await makeVault(files);
  return buildGarden(resolveConfig({ ...settings, contentDir: dir }, {}));
}

export const shared = (body: string, frontmatter = '') => `---\nshare: true\n${frontmatter}---\n${body}`;

/** A built garden's note by slug; a missing one fails with the slugs there are. */
export function noteOf(garden: Garden, slug: string) {
  const found = garden.notes.find((n) => n.slug === slug);
  if (!found) throw new Error(`no note ${slug}: ${garden.notes.map((n) => n.slug).join(', ')}`);
  return found;
}

/** A note's HTML as a tree, for selectors. */
export const noteTree = (garden: Garden, slug: string) => fromHtml(noteOf(garden, slug).html, { fragment: true });

/** What the garden reported about one file. */
export const problemsOf = (garden: Garden, file: string) => garden.problems.filter((p) => p.file === file).map((p) => p.message);
