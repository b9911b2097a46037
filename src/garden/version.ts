import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The core's own version, for the keys of pages an incremental build may reuse: every source file
 * of the core (it runs outside Astro's module graph, which Astro hashes for each page itself) and
 * the installed version of every package rendering uses. A change to any of them builds every
 * page again.
 */
const CORE = path.dirname(fileURLToPath(import.meta.url));
let version: Promise<string> | undefined;

/** The packages rendering imports; their own dependencies are followed from their package.json. */
const PACKAGES = [
  'unified', 'remark-parse', 'remark-frontmatter', 'remark-gfm', 'remark-rehype', 'rehype-raw', 'rehype-sanitize',
  'rehype-highlight', 'rehype-stringify', 'github-slugger', 'hast-util-to-string', 'mdast-util-to-string',
  'unist-util-visit', 'unist-util-visit-parents', 'vfile', '@sindresorhus/slugify', '@sindresorhus/transliterate',
  'remark-math', 'rehype-katex', 'katex', 'mermaid', 'dompurify',
];

/** Every file under `dir`, sorted: what the core's versions hash. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

const MODULES = path.resolve(CORE, '../../node_modules');

/** An installed package's package.json, read from its folder (its `exports` may not expose it). */
async function manifestOf(name: string): Promise<{ version: string; dependencies?: Record<string, string> }> {
  return JSON.parse(await fs.readFile(path.join(MODULES, name, 'package.json'), 'utf8'));
}

/** The installed version of a package. */
export async function installedVersion(name: string): Promise<string> {
  return (await manifestOf(name)).version;
}

/** `name@version` of the packages rendering uses and of everything they depend on, as installed. */
export async function installedVersions(): Promise<string[]> {
  const seen = new Map<string, string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.set(name, 'missing');
    try {
      const manifest = await manifestOf(name);
      seen.set(name, manifest.version);
      await Promise.all(Object.keys(manifest.dependencies ?? {}).map(visit));
    } catch {
      // Not hoisted to the top node_modules (a nested copy): its parent's version stands for it.
    }
  };
  await Promise.all(PACKAGES.map(visit));
  return [...seen].map(([name, version]) => `${name}@${version}`).sort();
}

export function coreVersion(): Promise<string> {
  return (version ??= (async () => {
    const hash = createHash('sha256');
    for (const file of await filesUnder(CORE)) hash.update(file.slice(CORE.length)).update('\0').update(await fs.readFile(file));
    hash.update((await installedVersions()).join('\n'));
    return hash.digest('hex');
  })());
}
