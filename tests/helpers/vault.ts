import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, type GardenSettings } from '../../src/garden/config/config.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';

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
