import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsSchema, ENV_OVERRIDES, type Settings } from '../../src/garden/config/settings.ts';
import { defaultConfig } from '../../src/garden/config/config.ts';

/*
 * The README's settings table against the one schema of the settings (src/garden/config/settings.ts):
 * every setting in it once, described as the schema describes it, with its override and the default
 * the schema gives; nothing in it the schema does not know.
 */
const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

interface Row {
  description: string;
  keys: string[];
  written: string;
  override: string;
}

/** The rows of the table under "## Settings" whose second column names settings (`key`, `colors.paper`…). */
function settingsRows(readme: string): Row[] {
  const section = readme.slice(readme.indexOf('\n## Settings'));
  const table = section.slice(section.indexOf('\n|'), section.indexOf('\n\n', section.indexOf('\n|')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
    .filter(([, written = '']) => written.startsWith('`'))
    .map(([description = '', written = '', override = '']) => ({
      description,
      written,
      override,
      // The leading `key`s of the column, before what is said of them.
      keys: [...new Set([...(/^(?:`[A-Za-z]+(?:\.[a-z]+)?`(?:,\s*)?)+/.exec(written)?.[0] ?? '').matchAll(/`([A-Za-z]+)/g)].map((m) => m[1]!))],
    }));
}

const KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** A default as the README writes it: `50`, `false`, `['a', 'b']`, or a word (`content`, `UTC`). */
function asValue(written: string): unknown {
  try {
    return JSON.parse(written.replace(/'/g, '"'));
  } catch {
    return written;
  }
}

describe("the README's settings table", () => {
  const rows = settingsRows(README);

  it('names every setting of the schema once, and none the schema does not know', () => {
    const named = rows.flatMap((row) => row.keys);
    expect([...named].sort()).toEqual([...KEYS].sort());
  });

  it('describes each setting as the schema does', () => {
    for (const row of rows) {
      for (const key of row.keys) expect(row.description, key).toContain(settingsSchema.shape[key as keyof Settings].description!);
    }
  });

  it('gives each override the environment has, and no other', () => {
    for (const row of rows) {
      const overrides = row.keys.map((key) => ENV_OVERRIDES[key as keyof typeof ENV_OVERRIDES]).filter(Boolean);
      expect(row.override.match(/GARDEN_[A-Z_]+/g) ?? [], row.keys.join(', ')).toEqual(overrides);
    }
  });

  it('states the defaults the schema gives', () => {
    for (const row of rows) {
      const stated = /default (`[^`]*`|\d+|none)/.exec(row.written)?.[1];
      if (!stated || row.keys.length !== 1) continue;
      const value = defaultConfig[row.keys[0] as keyof Settings];
      const expected = stated === 'none' ? {} : asValue(stated.replace(/^`|`$/g, ''));
      expect(value, row.keys[0]).toEqual(expected);
    }
  });

  it('is read from the README at all (the check itself)', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(settingsRows('\n## Settings\n\n| a | b | c |\n| - | - | - |\n| vault folder | `contentDir` (default `content`) | `GARDEN_CONTENT_DIR` |\n\n')).toEqual([
      { description: 'vault folder', written: '`contentDir` (default `content`)', override: '`GARDEN_CONTENT_DIR`', keys: ['contentDir'] },
    ]);
  });
});
