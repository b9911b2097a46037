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
    yaml: (source: string) => bounded(yaml.load(source, { schema: yaml.CORE_SCHEMA }), source.length) as object,
    js: refuse('JavaScript'),
    javascript: refuse('JavaScript'),
    json: refuse('JSON'),
    toml: refuse('TOML'),
    coffee: refuse('CoffeeScript'),
  },
};

/*
 * YAML aliases let a few lines stand for billions of values ("billion laughs": nine anchors of nine
 * aliases each are 9⁹ values). js-yaml 5 builds an alias as a reference to the same object, so
 * loading stays cheap, but everything that later reads the value (a date or a state written as
 * text, a tag list) would expand it: `created: *bomb` stopped the build. js-yaml's own limits do
 * not bound that: `maxAliases` counts aliases (90 make the bomb), `maxDepth` ignores them, and
 * there is no limit on input length. So the loaded value is measured once, stopping as soon as it
 * is too large: every value counts one, every string its length, and the whole may be ten times
 * the frontmatter's text (without aliases it is about its size).
 */
class TooLarge extends Error {}

const MAX_DEPTH = 100;

function bounded(data: unknown, sourceLength: number): unknown {
  const limit = Math.max(100_000, 10 * sourceLength);
  let size = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    size += typeof value === 'string' ? value.length + 1 : 1;
    if (size > limit) throw new TooLarge(`its YAML aliases expand its frontmatter to more than ${limit.toLocaleString('en')} characters, so it is not read`);
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) throw new TooLarge(`its YAML aliases nest its frontmatter more than ${MAX_DEPTH} levels deep, so it is not read`);
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
    } else if (!(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) {
        size += key.length;
        stack.push([item, depth + 1]);
      }
    }
  }
  return data;
}

export function parseFrontmatter(text: string): ParsedFrontmatter {
  let file;
  try {
    // A fresh options object also keeps gray-matter from caching every file it has seen.
    file = matter(text, { ...options });
  } catch (error) {
    const raw = FRONTMATTER_BLOCK.exec(text)?.[1] ?? text.slice(0, 2000);
    if (error instanceof TooLarge) return { ok: false, reason: error.message, raw, body: text, advice: 'use fewer YAML aliases to publish it' };
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
