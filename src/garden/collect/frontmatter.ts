import matter from 'gray-matter';
import * as yaml from 'js-yaml';

export type Frontmatter = Record<string, unknown>;

export type ParsedFrontmatter =
  | { ok: true; data: Frontmatter; present: boolean; body: string }
  | {
      ok: false;
      /** Why the note's frontmatter could not be read; the note is private for it. */
      reason: string;
      /** The frontmatter's text, so that `share: true` in it can still be noticed. */
      raw: string;
      body: string;
      /** What the gardener can do to publish it (default: fix the YAML). */
      advice?: string;
      /** The file was not read as a note at all (binary, too large). */
      skipped?: true;
      /** Already reported by whoever read it. */
      reported?: true;
    };

/** A leading frontmatter block, its YAML in group 1. */
export const FRONTMATTER_BLOCK = /^---[^\n]*\n([\s\S]*?)\n(?:---|\.\.\.)\s*(?:\n|$)/;

const refuse = (language: string) => () => {
  throw new Error(`${language} frontmatter is not read (only YAML is)`);
};

/*
 * gray-matter's default engines evaluate `---js` frontmatter with eval(); a vault is not trusted
 * code, so every engine but YAML refuses. YAML is read with the core schema: dates stay strings
 * (we parse them ourselves, in the garden's time zone) and `yes`/`on` stay strings, as YAML 1.2 says.
 */
const options = {
  engines: {
    yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
    js: refuse('JavaScript'),
    javascript: refuse('JavaScript'),
    json: refuse('JSON'),
    toml: refuse('TOML'),
    coffee: refuse('CoffeeScript'),
  },
};

export function parseFrontmatter(text: string): ParsedFrontmatter {
  let file;
  try {
    // A fresh options object also keeps gray-matter from caching every file it has seen.
    file = matter(text, { ...options });
  } catch (error) {
    const raw = FRONTMATTER_BLOCK.exec(text)?.[1] ?? text.slice(0, 2000);
    const message = (error as Error).message.split('\n')[0] ?? 'unreadable';
    return { ok: false, reason: `frontmatter is not valid YAML (${message})`, raw, body: text };
  }
  const data: unknown = file.data;
  const present = file.matter !== undefined && file.matter !== '' ? true : text.startsWith('---');
  if (data === null || data === undefined) return { ok: true, data: {}, present, body: file.content };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'frontmatter is not a YAML mapping of keys to values', raw: file.matter, body: file.content };
  }
  return { ok: true, data: data as Frontmatter, present, body: file.content };
}

/** Reads a field whose key may be written in any case (`Stage`, `growthStage`). */
export function field(data: Frontmatter, ...keys: string[]): unknown {
  for (const key of keys) if (Object.hasOwn(data, key)) return data[key];
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const key of Object.keys(data)) if (wanted.has(key.toLowerCase())) return data[key];
  return undefined;
}

/** A frontmatter value as a list of strings: a YAML list, or one string split by `split`. */
export function stringList(value: unknown, split: RegExp = /\s*,\s*/): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(split);
  return items
    .filter((item) => item !== null && item !== undefined && typeof item !== 'object')
    .map((item) => String(item).trim())
    .filter(Boolean);
}
