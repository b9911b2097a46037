import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * The sample garden the project ships in content/, copied for the tests: a gardener's edits to
 * content/ (or ours to the sample) never change what a test builds.
 */
export const SAMPLE_GARDEN = path.join(ROOT, 'tests/fixtures/sample-garden');
const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuiltSite {
  code: number | null;
  output: string;
  outDir: string;
  cacheDir: string;
}

/** Runs a real `astro build` of a vault into a fresh folder, as `npm run build` would. */
export async function buildSite(vault: string, env: Record<string, string> = {}): Promise<BuiltSite> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-build-'));
  return buildInto(vault, path.join(work, 'dist'), path.join(work, 'cache'), env);
}

/**
 * The same build into given out and cache folders: run again on them, it is an incremental rebuild.
 * Run from a folder of its own in the project, so that builds side by side do not share Astro's
 * prerender folder: with the out folder outside the working folder, Astro puts it in the working
 * folder's `.astro/`, which must lie in the project for its chunks to find node_modules.
 */
export async function buildInto(vault: string, outDir: string, cacheDir: string, env: Record<string, string> = {}): Promise<BuiltSite> {
  await fs.mkdir(path.join(ROOT, '.cache'), { recursive: true });
  const cwd = await fs.mkdtemp(path.join(ROOT, '.cache', 'build-'));
  try {
    return await astroBuild(cwd, vault, outDir, cacheDir, env);
  } finally {
    await fs.rm(cwd, { recursive: true, force: true });
  }
}

async function astroBuild(cwd: string, vault: string, outDir: string, cacheDir: string, env: Record<string, string>): Promise<BuiltSite> {
  const child = spawn(process.execPath, [ASTRO, 'build', '--root', ROOT], {
    cwd,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Plain output to read, whatever the environment: with CI set, Astro's logger colours its lines.
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      GARDEN_CONTENT_DIR: vault,
      GARDEN_OUT_DIR: outDir,
      GARDEN_CACHE_DIR: cacheDir,
      GARDEN_SITE_URL: 'https://garden.test',
      GARDEN_STRICT: '',
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output, outDir, cacheDir };
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return out;
  }
  for (const entry of entries) if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  return out;
}

/**
 * A file's text as any tool could read it, for scanning: gzip (Pagefind's indexes) is unpacked, and
 * the bytes are read both as UTF-8 and as Latin-1, so a canary survives whichever way it is encoded.
 */
export async function readAsText(file: string): Promise<string> {
  let bytes = await fs.readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch {
      // Not gzip after all; scan the bytes as they are.
    }
  }
  return bytes.toString('utf8') + bytes.toString('latin1');
}

export async function pageHtml(site: BuiltSite, urlPath: string): Promise<string> {
  const file = urlPath.endsWith('.html') || urlPath.endsWith('.xml') ? urlPath : path.join(urlPath, 'index.html');
  return fs.readFile(path.join(site.outDir, file), 'utf8');
}
