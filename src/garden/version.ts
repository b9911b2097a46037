import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedVersions } from './render/render-cache.ts';

/*
 * The core's own version, for the keys of pages an incremental build may reuse: every source file
 * of the core (it runs outside Astro's module graph, which Astro hashes for each page itself) and
 * the installed version of every package rendering uses. A change to any of them builds every
 * page again.
 */
const CORE = path.dirname(fileURLToPath(import.meta.url));
let version: Promise<string> | undefined;

export function coreVersion(): Promise<string> {
  return (version ??= (async () => {
    const hash = createHash('sha256');
    const files = (await fs.readdir(CORE, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(file.slice(CORE.length)).update('\0').update(await fs.readFile(file));
    hash.update((await installedVersions()).join('\n'));
    return hash.digest('hex');
  })());
}
