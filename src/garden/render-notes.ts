import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import posix from 'node:path/posix';
import type { Heading } from './types.ts';
import type { VaultFile } from './collect.ts';
import { VaultIndex, type Indexed } from './resolve.ts';
import { slugifySegment } from './slug.ts';
import { tagSegments, tagUrlPath } from './tags.ts';
import { renderMarkdown } from './markdown/pipeline.ts';
import type { RenderContext } from './markdown/context.ts';
import { RenderCache } from './render-cache.ts';

/*
 * Rendering is the core's one heavy step (parsing Markdown is most of a build's CPU time), and each
 * note renders independently once every note's name and slug are known. Large gardens are
 * rendered on worker threads, one per core; small ones in this thread, where starting workers
 * would cost more than it saves.
 */

export interface RenderJob {
  path: string;
  text: string;
  title: string;
  slug: string;
}

/** What a renderer needs to know of the vault: every note's name (private ones too), the shared notes' slugs, the attachments. */
export interface LinkWorld {
  notes: Indexed[];
  shared: { path: string; slug: string; title: string }[];
  attachments: VaultFile[];
}

export type RenderResult =
  | {
      path: string;
      ok: true;
      html: string;
      headings: Heading[];
      excerpt: string;
      searchTerms: string;
      linkContexts: Record<string, string>;
      links: string[];
      embeds: string[];
      inlineTags: string[];
      /** Link targets found nowhere in the vault. */
      missing: string[];
      notices: string[];
      /** Vault paths of the attachments the note uses. */
      attachments: string[];
    }
  | { path: string; ok: false; error: string };

export function attachmentUrl(file: string): string {
  const ext = posix.extname(file).toLowerCase();
  const name = slugifySegment(posix.basename(file, posix.extname(file))) || 'file';
  // The hash keeps two files of one name apart without showing the vault's folder names.
  const hash = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return `/attachments/${name}-${hash}${ext}`;
}

const tagUrl = (raw: string): string | undefined => {
  const segments = tagSegments(raw);
  return segments ? `/tags/${tagUrlPath(segments)}/` : undefined;
};

export function createRenderer(world: LinkWorld): (job: RenderJob) => Promise<RenderResult> {
  const noteIndex = new VaultIndex(world.notes, false);
  const attachmentIndex = new VaultIndex(world.attachments, true);
  const sharedByPath = new Map(world.shared.map((s) => [s.path, s]));

  return async (job) => {
    const missing: string[] = [];
    const attachments = new Set<string>();
    const context: RenderContext = {
      title: job.title,
      slug: job.slug,
      resolveNote(target) {
        const found = noteIndex.resolve(target, job.path);
        if (!found && !attachmentIndex.resolve(target, job.path)) missing.push(target);
        const shared = found && sharedByPath.get(found.path);
        return shared ? { slug: shared.slug, title: shared.title } : undefined;
      },
      resolveAttachment(target) {
        const found = attachmentIndex.resolve(target, job.path);
        if (!found) {
          // A Markdown image or link to a file the vault lacks is as broken as a missing note.
          if (!noteIndex.resolve(target, job.path)) missing.push(target);
          return undefined;
        }
        attachments.add(found.path);
        return attachmentUrl(found.path);
      },
      tagUrl,
      links: new Set(),
      embeds: new Set(),
      inlineTags: [],
      notices: [],
    };
    try {
      const rendered = await renderMarkdown(job.text, context);
      return {
        path: job.path,
        ok: true,
        ...rendered,
        links: [...context.links],
        embeds: [...context.embeds],
        inlineTags: context.inlineTags,
        missing: [...new Set(missing)],
        notices: context.notices,
        attachments: [...attachments],
      };
    } catch (error) {
      return { path: job.path, ok: false, error: (error as Error).message };
    }
  };
}

const IN_THREAD_BELOW = 400;
const CHUNK = 64;

/** Renders every job, reusing what `cacheDir` holds from an earlier build when given. */
export async function renderNotes(jobs: RenderJob[], world: LinkWorld, cacheDir?: string): Promise<RenderResult[]> {
  const cache = cacheDir ? await RenderCache.open(cacheDir, world) : undefined;
  const cached = jobs.map((job) => cache?.get(job));
  const missing = jobs.filter((_, i) => !cached[i]);
  const rendered = await renderUncached(missing, world);
  const byPath = new Map(rendered.map((result) => [result.path, result]));
  const results = jobs.map((job, i) => cached[i] ?? byPath.get(job.path)!);
  // Rewriting the cache is only needed when something was rendered or a note left the garden.
  if (cache && (missing.length > 0 || cache.size !== jobs.length)) {
    await cache.save(new Map(jobs.map((job, i) => [cache.key(job), results[i]!])));
  }
  return results;
}

async function renderUncached(jobs: RenderJob[], world: LinkWorld): Promise<RenderResult[]> {
  const threads = Math.min(availableParallelism(), 4);
  if (jobs.length < IN_THREAD_BELOW || threads < 2) {
    const render = createRenderer(world);
    const results: RenderResult[] = [];
    for (const job of jobs) results.push(await render(job));
    return results;
  }
  return renderOnWorkers(jobs, world, threads);
}

async function renderOnWorkers(jobs: RenderJob[], world: LinkWorld, threads: number): Promise<RenderResult[]> {
  const results = new Map<string, RenderResult>();
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./render-worker.ts', import.meta.url), { workerData: world }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const chunk = jobs.slice(next, next + CHUNK);
              next += CHUNK;
              worker.postMessage(chunk);
            };
            worker.on('message', (done: RenderResult[]) => {
              for (const result of done) results.set(result.path, result);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (next < jobs.length || code !== 0 ? reject(new Error(`render worker exited with ${code}`)) : resolve()));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return jobs.map((job) => results.get(job.path)!);
}
