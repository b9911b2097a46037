import fs from 'node:fs/promises';
import path from 'node:path';
import type { Problems } from '../problems.ts';

/** Which of the plugins that give Markdown a meaning of their own the vault's Obsidian runs. */
export interface VaultPlugins {
  /** Dataview: ```dataview blocks, inline queries and `key:: value` fields are its syntax. */
  dataview: boolean;
}

const SETTINGS = '.obsidian';
const COMMUNITY_PLUGINS = `${SETTINGS}/community-plugins.json`;

/**
 * Obsidian without Dataview shows a ```dataview block as code and `[key:: value]` as text, so the
 * garden reads Dataview's syntax only where the vault's Obsidian runs it: when the vault's settings
 * folder lists it among its community plugins. A vault published without its settings folder
 * (kept out of git, say) cannot tell, and is read as if it ran Dataview. Only the list of plugin
 * ids is read; nothing of it is published.
 */
export async function readVaultPlugins(contentDir: string, problems: Problems): Promise<VaultPlugins> {
  const settings = await fs.stat(path.join(contentDir, SETTINGS)).catch(() => undefined);
  if (!settings?.isDirectory()) return { dataview: true };
  let text: string;
  try {
    text = await fs.readFile(path.join(contentDir, COMMUNITY_PLUGINS), 'utf8');
  } catch {
    // No community plugin was ever turned on in this vault.
    return { dataview: false };
  }
  try {
    const ids: unknown = JSON.parse(text);
    return { dataview: Array.isArray(ids) && ids.includes('dataview') };
  } catch (error) {
    problems.warn(COMMUNITY_PLUGINS, `is not valid JSON, so Dataview's syntax is read as if the vault ran Dataview: ${(error as Error).message}`);
    return { dataview: true };
  }
}
