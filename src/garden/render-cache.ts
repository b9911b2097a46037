import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkWorld, RenderJob, RenderResult } from './render-notes.ts';

/*
 * Rendered notes kept between builds, so a rebuild renders only what changed. A note's entry is
 * keyed by its text, title and slug, by every name and slug it could link to (the link world), and
 * by the renderer's own source: a change to any of them renders it again. Only shared notes are
 * ever rendered, so only shared notes are ever cached.
 */

const SOURCES = ['render-notes.ts', 'resolve.ts', 'slug.ts', 'tags.ts', 'mojibake.ts', 'markdown'];

async function rendererVersion(): Promise<string> {
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const name of SOURCES) {
    const full = path.join(here, name);
    const files = name.endsWith('.ts') ? [full] : (await fs.readdir(full)).sort().map((f) => path.join(full, f));
    for (const file of files) hash.update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

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
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify([...results]));
    await fs.rename(temp, this.file);
  }
}
