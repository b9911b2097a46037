import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkWorld, RenderJob, RenderedResult } from './render-types.ts';
import { LinkLookup } from '../link/link-lookup.ts';
import { filesUnder, installedVersions } from '../version.ts';
import { removeAbandonedCopies, temporaryCopyOf } from '../cache-files.ts';

/*
 * Rendered notes kept between builds, so a rebuild renders only what changed. A note's entry is
 * keyed by its text, title and slug, by where the site is served, by the core's own source that
 * rendering runs (this folder, link resolution, normalization, URLs) and by the installed version
 * of every package it uses. It is reused only while every link target the note looked up still
 * gets the same answer from the vault (link/link-lookup.ts): renaming, adding or un-sharing a note
 * renders again the notes whose links name it, and no other.
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

/** A rendered note as kept: without its link targets, which are kept sealed, and with the answers they had. */
interface Entry {
  result: Omit<RenderedResult, 'targets'>;
  targets: string;
  answers: string;
}

/** The answers to a note's link targets, compared between builds (stored hashed). */
function answersOf(targets: string[], from: string, lookup: LinkLookup): string {
  const answers = targets.map((target) => [target, lookup.answer(target, from)]);
  return createHash('sha256').update(JSON.stringify(answers)).digest('base64');
}

/*
 * A note's link targets are kept encrypted, under a key made from the note's own text: a shared
 * note may link to a private one (the link shows as plain words), and the cache, a file that
 * outlives the build, must not name it. Reading them takes the note's text, which names them
 * anyway; the next build has it, since an entry is only looked up by that text.
 */
const keyOf = (text: string) => createHash('sha256').update('garden render cache targets\0').update(text).digest();

function seal(targets: string[], text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(text), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(targets), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function unseal(sealed: string, text: string): string[] | undefined {
  try {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(text), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const targets = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
    return Array.isArray(targets) && targets.every((t) => typeof t === 'string') ? targets : undefined;
  } catch {
    return undefined;
  }
}

export class RenderCache {
  private readonly file: string;
  private readonly entries: Map<string, Entry>;
  private readonly prefix: string;
  private readonly lookup: LinkLookup;
  /** Entries found still good by `get`: saved again as they are, without sealing and hashing anew. */
  private readonly reused = new Map<string, Entry>();

  private constructor(file: string, entries: Map<string, Entry>, prefix: string, lookup: LinkLookup) {
    this.file = file;
    this.entries = entries;
    this.prefix = prefix;
    this.lookup = lookup;
  }

  static async open(dir: string, world: LinkWorld): Promise<RenderCache> {
    const prefix = createHash('sha256').update(await rendererVersion()).update(JSON.stringify([world.site, world.plugins])).digest('hex');
    const file = path.join(dir, 'rendered-notes.json');
    let entries = new Map<string, Entry>();
    try {
      entries = new Map(JSON.parse(await fs.readFile(file, 'utf8')) as [string, Entry][]);
    } catch {
      // No cache yet, or an unreadable one: render everything.
    }
    return new RenderCache(file, entries, prefix, new LinkLookup(world));
  }

  /** Each job's key, made once: `get` and `save` ask for it with the same job, and hashing ~40 MB of notes twice was a build's waste. */
  private readonly keys = new WeakMap<RenderJob, string>();

  key(job: RenderJob): string {
    const known = this.keys.get(job);
    if (known) return known;
    const key = createHash('sha256').update(this.prefix).update(job.path).update('\0').update(job.title).update('\0').update(job.slug).update('\0').update(String(job.titleLine ?? '')).update('\0').update(job.text).digest('hex');
    this.keys.set(job, key);
    return key;
  }

  /** How many rendered notes the cache holds. */
  get size(): number {
    return this.entries.size;
  }

  /** The note as rendered before, if its text is the same and its links still lead where they did. */
  get(job: RenderJob): RenderedResult | undefined {
    const key = this.key(job);
    const entry = this.entries.get(key);
    // An entry that cannot be read back (of another shape, or damaged) is rendered again.
    const targets = typeof entry?.targets === 'string' ? unseal(entry.targets, job.text) : undefined;
    if (!entry || !targets || entry.answers !== answersOf(targets, job.path, this.lookup)) return undefined;
    this.reused.set(key, entry);
    return { ...entry.result, targets };
  }

  /** Keeps exactly these results: entries of notes no longer rendered are dropped. */
  async save(results: { job: RenderJob; result: RenderedResult }[]): Promise<void> {
    const entries = results.map(({ job, result: { targets, ...result } }) => {
      const key = this.key(job);
      const entry: Entry = this.reused.get(key) ?? { result, targets: seal(targets, job.text), answers: answersOf(targets, job.path, this.lookup) };
      return [key, entry] as const;
    });
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await removeAbandonedCopies(this.file);
    // Unique per save: the dev server can read the garden again while an earlier read still saves.
    const temp = temporaryCopyOf(this.file);
    await fs.writeFile(temp, JSON.stringify(entries));
    await fs.rename(temp, this.file);
  }
}
