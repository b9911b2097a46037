import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_GARDEN } from '../helpers/build.ts';

/*
 * `npm test` type-checks the whole project with `astro check`, pages and components included.
 * This proves it would catch a mistake: a copy of the project with one type error in a page must
 * fail the check, naming the page.
 */
async function copyProject(): Promise<string> {
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-typecheck-'));
  for (const entry of ['src', 'public', 'package.json', 'tsconfig.json', 'astro.config.mjs', 'garden.config.ts']) {
    await fs.cp(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  await fs.cp(SAMPLE_GARDEN, path.join(copy, 'content'), { recursive: true });
  await fs.symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

function astroCheck(root: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'check', '--root', root], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', GARDEN_CONTENT_DIR: path.join(root, 'content'), GARDEN_CACHE_DIR: path.join(root, '.cache') },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('the type check of pages', () => {
  it('fails on a type error in a page, naming it', async () => {
    const copy = await copyProject();
    const page = path.join(copy, 'src/pages/graph.astro');
    const source = await fs.readFile(page, 'utf8');
    await fs.writeFile(page, source.replace('const LIMIT = 200;', "const LIMIT: number = 'two hundred';"));
    const { code, output } = await astroCheck(copy);
    expect(output).toContain('src/pages/graph.astro');
    expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(code).not.toBe(0);
  });
});
