import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkWorld, RenderJob, RenderResult } from './render-types.ts';
import { filesUnder, installedVersions } from '../version.ts';

/*
 * Rendered notes kept between builds, so a rebuild renders only what changed. A note's entry is
 * keyed by its text, title and slug, by every name and slug it could link to (the link world), by
 * the core's own source that rendering runs (this folder, link resolution, normalization, URLs),
 * and by the installed version of every package it uses: a change to any of them renders it again.
 * Only shared notes are ever rendered, so only shared notes are ever cached.
 */

const CORE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['render', 'link', 'normalize', 'collect/mojibake.ts', 'urls.ts', 'types.ts'];
async function hashSources(hash: ReturnType<typeof createHash>): Promise<void> {
  for (const name of SOURCES) {
    const full = path.join(CORE, name);
    for (const file of name.endsWith('.ts') ? [full] : await filesUnder(full)) hash.update(file.slice(CORE.length)).update(await fs.readFile(file));
  }
}

async function rendererVersion(): Promise<string> {
  const hash = createHash('sha256');
  await hashSources(hash);
  hash.update((await installedVersions()).join('\n'));
  return hash.digest('hex');
}

let saves = 0;

export class RenderCache {
  private readonly file: string;
  private readonly entries: Map<string, RenderResult>;
  private readonly prefix: string;

  private constructor(file: string, entries: Map<string, RenderResult>, prefix: string) {
    this.file = file;
    this.entries = entries;
    this.prefix = prefix;
  }

  static async open(dir: string, world: LinkWorld): Promise<RenderCache> {
    const prefix = createHash('sha256').update(await rendererVersion()).update(JSON.stringify(world)).digest('hex');
    const file = path.join(dir, 'rendered-notes.json');
    let entries = new Map<string, RenderResult>();
    try {
      entries = new Map(JSON.parse(await fs.readFile(file, 'utf8')) as [string, RenderResult][]);
    } catch {
      // No cache yet, or an unreadable one: render everything.
    }
    return new RenderCache(file, entries, prefix);
  }

  key(job: RenderJob): string {
    return createHash('sha256').update(this.prefix).update(job.path).update('\0').update(job.title).update('\0').update(job.slug).update('\0').update(job.text).digest('hex');
  }

  /** How many rendered notes the cache holds. */
  get size(): number {
    return this.entries.size;
  }

  get(job: RenderJob): RenderResult | undefined {
    return this.entries.get(this.key(job));
  }

  /** Keeps exactly these results: entries of notes no longer rendered are dropped. */
  async save(results: Map<string, RenderResult>): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    // Unique per save: the dev server can read the garden again while an earlier read still saves.
    const temp = `${this.file}.${process.pid}.${++saves}.tmp`;
    await fs.writeFile(temp, JSON.stringify([...results]));
    await fs.rename(temp, this.file);
  }
}
