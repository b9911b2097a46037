import fs from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { makeVault, shared } from '../helpers/vault.ts';
import { buildSite, listFiles, pageHtml, ROOT, type BuiltSite } from '../helpers/build.ts';

const files = {
  'good.md': shared('A good note.'),
  'bad-yaml.md': '---\nshare: true\ntitle: "unclosed\n---\nBroken body.',
  'bad-date.md': shared('Dated badly.', 'created: the day before yesterday\n'),
  'unknown-state.md': shared('Wilting.', 'state: wilting\n'),
  'a/same.md': shared('First same.'),
  'b/same.md': shared('Second same.'),
  'traversal.md': shared('Escaping.', 'slug: ../../../../outside-dist\n'),
  'windows.md': iconv.encode('---\nshare: true\n---\nCafé – naïve', 'windows-1252'),
  'empty.md': '',
};

let vault: string;
let site: BuiltSite;
let snapshot: string[];

async function tree(dir: string) {
  const out = [];
  for (const file of await listFiles(dir)) out.push(`${path.relative(dir, file)}:${(await fs.stat(file)).size}`);
  return out.sort();
}

beforeAll(async () => {
  vault = await makeVault(files);
  snapshot = await tree(vault);
  site = await buildSite(vault);
});

describe('a messy vault', () => {
  it('builds, publishes what is shareable and reports every problem by file', async () => {
    expect(site.code).toBe(0);
    for (const [file, words] of [
      ['bad-yaml.md', 'not valid YAML'],
      ['bad-date.md', 'the day before yesterday'],
      ['unknown-state.md', 'wilting'],
      ['b/same.md', 'same-2'],
      ['windows.md', 'Windows-1252'],
    ]) {
      expect(site.output).toMatch(new RegExp(`${file!.replace('.', '\\.')}: .*${words}`));
    }
    expect(site.output).toMatch(/9 notes found: 7 published, 2 private/);
    expect(await pageHtml(site, 'good')).toContain('A good note.');
    expect(await pageHtml(site, 'same-2')).toContain('Second same.');
    expect(await pageHtml(site, 'outside-dist')).toContain('Escaping.');
    expect(await pageHtml(site, 'windows')).toContain('Café – naïve');
    expect(await pageHtml(site, 'bad-date')).not.toMatch(/Invalid Date|NaN/);
  });

  it('never writes into the vault', async () => {
    expect(await tree(vault)).toEqual(snapshot);
  });

  it('fails under GARDEN_STRICT=1, naming the problems', async () => {
    const strict = await buildSite(vault, { GARDEN_STRICT: '1' });
    expect(strict.code).not.toBe(0);
    expect(strict.output).toContain('GARDEN_STRICT');
    expect(strict.output).toContain('bad-yaml.md');
  });

  it('is explained by `npm run check`, which exits non-zero on errors and changes nothing', () => {
    const result = spawnSync(process.execPath, ['scripts/check.ts'], { cwd: ROOT, env: { ...process.env, GARDEN_CONTENT_DIR: vault }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Published \(7\)/);
    expect(result.stdout).toMatch(/bad-yaml\.md +\(frontmatter is not valid YAML/);
    expect(result.stdout).toMatch(/empty\.md +\(no frontmatter\)/);
    expect(result.stdout).toMatch(/error +bad-yaml\.md/);
  });
});
