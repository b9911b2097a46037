import fs from 'node:fs/promises';
import path from 'node:path';
import type { Problems } from '../problems.ts';

/** A property's type as Obsidian's Properties view declares it for the whole vault. */
export type PropertyType = 'text' | 'multitext' | 'number' | 'checkbox' | 'date' | 'datetime' | 'aliases' | 'tags';

const TYPES = new Set<string>(['text', 'multitext', 'number', 'checkbox', 'date', 'datetime', 'aliases', 'tags']);
const TYPES_FILE = '.obsidian/types.json';

/**
 * The vault's property types (`.obsidian/types.json`), which Obsidian applies to every note: a
 * `multitext` property written as one value is still a list, a `number` written as text a number.
 * Views need them to compare values as Obsidian does. Only names and types are read; the file is
 * never published. A vault without the file has no declared types; an unreadable one is reported.
 */
export async function readPropertyTypes(contentDir: string, problems: Problems): Promise<Map<string, PropertyType>> {
  const types = new Map<string, PropertyType>();
  let text: string;
  try {
    text = await fs.readFile(path.join(contentDir, TYPES_FILE), 'utf8');
  } catch {
    return types;
  }
  try {
    const declared = (JSON.parse(text) as { types?: Record<string, unknown> }).types ?? {};
    for (const [name, type] of Object.entries(declared)) if (typeof type === 'string' && TYPES.has(type)) types.set(name.toLowerCase(), type as PropertyType);
  } catch (error) {
    problems.warn(TYPES_FILE, `is not valid JSON, so views compare properties as each note writes them: ${(error as Error).message}`);
  }
  return types;
}
