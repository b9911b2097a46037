import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RenderCache } from './render-cache.ts';
import { createRenderer } from './renderer.ts';
import type { LinkWorld, RenderJob, RenderResult } from './render-types.ts';

/*
 * Rendering is the core's one heavy step (parsing Markdown is most of a build's CPU time), and each
 * note renders independently once every note's name and slug are known. Large gardens are
 * rendered on worker threads, one per core; small ones in this thread, where starting workers
 * would cost more than it saves.
 */

const IN_THREAD_BELOW = 400;
const CHUNK = 64;

/**
 * A result the cache may keep: not one that names a private note in its report (an embed of one),
 * since the cache is a file that outlives the build; such a note is rendered again each time.
 */
const cacheable = (result: RenderResult) => !(result.ok && result.namesPrivateNotes);

/** Renders every job, reusing what `cacheDir` holds from an earlier build when given. */
export async function renderNotes(jobs: RenderJob[], world: LinkWorld, cacheDir?: string): Promise<RenderResult[]> {
  const cache = cacheDir ? await RenderCache.open(cacheDir, world) : undefined;
  const cached = jobs.map((job) => cache?.get(job));
  const missing = jobs.filter((_, i) => !cached[i]);
  const rendered = await renderUncached(missing, world);
  const byPath = new Map(rendered.map((result) => [result.path, result]));
  const results = jobs.map((job, i) => cached[i] ?? byPath.get(job.path)!);
  if (cache) {
    const kept = new Map(jobs.flatMap((job, i) => (cacheable(results[i]!) ? [[cache.key(job), results[i]!] as const] : [])));
    // Rewriting the cache is only needed when something new can be kept or a note left it.
    if (rendered.some(cacheable) || cache.size !== kept.size) await cache.save(kept);
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
