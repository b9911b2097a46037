import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RenderCache } from './render-cache.ts';
import type { LinkWorld, RenderedResult, RenderFailure, RenderJob, RenderResult } from './render-types.ts';

/*
 * Rendering is the core's one heavy step (parsing Markdown is most of a build's CPU time), and each
 * note renders independently once every note's name and slug are known. It is also where one note
 * can stall a build: some Markdown costs time far out of proportion to its size (40 KB of `*_`
 * took 70 s, a deeply nested list of 8 KB over a minute), and synchronous parsing cannot be
 * interrupted in the thread that runs it. So every note is rendered on a worker thread, under a
 * time budget per note: a worker still on one note when the budget runs out is stopped, that note
 * is reported and left out, and a fresh worker takes the notes after it. A worker's heap is capped
 * as well, so one note cannot take the machine's memory either.
 *
 * A worker costs ~0.25 s to start (it loads the Markdown pipeline), paid only when some note is
 * not in the render cache, and once for gardens built in a row (see IDLE_MS); large gardens get
 * one worker per core.
 */

const CHUNK = 32;
const NOTES_PER_WORKER = 200;
/** The heap a render worker may use; a note that needs more is reported and left out. */
export const WORKER_MEMORY_MB = 2048;

export interface RenderOptions {
  /** Where rendered notes are kept between builds; none when unset. */
  cacheDir?: string;
  /** Seconds one note may take to render. */
  timeout: number;
}

/**
 * A result the cache may keep: one that rendered (one over its budget on a busy machine is tried
 * again next time), and not one that names a private note in its report (an embed of one), since
 * the cache is a file that outlives the build; such a note is rendered again each time.
 */
const cacheable = (result: RenderResult): result is RenderedResult => result.ok && !result.namesPrivateNotes;

/** Renders every job, reusing what `cacheDir` holds from an earlier build when given. */
export async function renderNotes(jobs: RenderJob[], world: LinkWorld, options: RenderOptions): Promise<RenderResult[]> {
  const cache = options.cacheDir ? await RenderCache.open(options.cacheDir, world) : undefined;
  const cached = jobs.map((job) => cache?.get(job));
  const missing = jobs.filter((_, i) => !cached[i]);
  const rendered = missing.length ? await renderOnWorkers(missing, world, options.timeout * 1000) : [];
  const byPath = new Map(rendered.map((result) => [result.path, result]));
  const results = jobs.map((job, i) => cached[i] ?? byPath.get(job.path)!);
  if (cache) {
    const kept = jobs.flatMap((job, i) => {
      const result = results[i]!;
      return cacheable(result) ? [{ job, result }] : [];
    });
    // Rewriting the cache is only needed when something new can be kept or a note left it.
    if (rendered.some(cacheable) || cache.size !== kept.length) await cache.save(kept);
  }
  return results;
}

async function renderOnWorkers(jobs: RenderJob[], world: LinkWorld, budget: number): Promise<RenderResult[]> {
  const results = new Map<string, RenderResult>();
  const pending: RenderJob[][] = [];
  for (let i = 0; i < jobs.length; i += CHUNK) pending.push(jobs.slice(i, i + CHUNK));
  const threads = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(jobs.length / NOTES_PER_WORKER)));

  // Each lane keeps one worker busy with chunk after chunk, replacing it when it had to be stopped.
  const lane = async () => {
    let worker: RenderWorker | undefined;
    try {
      for (let chunk = pending.shift(); chunk; chunk = pending.shift()) {
        worker ??= await RenderWorker.acquire(world);
        const stopped = await worker.render(chunk, budget, (result) => results.set(result.path, result));
        if (!stopped) continue;
        results.set(stopped.failure.path, stopped.failure);
        worker = undefined;
        const rest = chunk.slice(stopped.index + 1);
        if (rest.length) pending.unshift(rest);
      }
    } finally {
      worker?.release();
    }
  };
  await Promise.all(Array.from({ length: threads }, lane));
  return jobs.map((job) => results.get(job.path)!);
}

/** Why a worker was stopped, and at which job of its chunk. */
interface Stopped {
  index: number;
  failure: RenderFailure;
}

/** What the main thread tells a render worker. */
export type WorkerMessage = { world: LinkWorld } | { jobs: RenderJob[] } | { forget: true };

/*
 * Workers outlive one garden for a few seconds: a process that builds gardens one after another
 * (the tests, the dev server after an edit) reuses them instead of loading the pipeline again.
 * Idle ones never keep the process alive, forget their garden, and end after IDLE_MS.
 */
const IDLE_MS = 5_000;
const idle: RenderWorker[] = [];

/**
 * Ends the idle workers now rather than after IDLE_MS: a build that has read its garden renders
 * nothing more, and each idle worker still holds the heap it rendered with (on the bench's 10,000
 * notes, the two of them kept ~300 MiB while Astro went on). Resolves with how many were ended.
 */
export async function endIdleRenderWorkers(): Promise<number> {
  const ending = idle.splice(0);
  await Promise.all(ending.map((worker) => worker.end()));
  return ending.length;
}

class RenderWorker {
  private readonly worker: Worker;
  private idleTimer: NodeJS.Timeout | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    // An error with no render waiting for it (an idle worker) must not become an uncaught exception.
    worker.on('error', () => {});
    worker.on('exit', () => {
      const at = idle.indexOf(this);
      if (at !== -1) idle.splice(at, 1);
    });
  }

  /** A worker with the Markdown pipeline loaded, knowing this link world: an idle one, else a new one. */
  static async acquire(world: LinkWorld): Promise<RenderWorker> {
    const worker = idle.pop() ?? (await RenderWorker.start());
    clearTimeout(worker.idleTimer);
    worker.worker.ref();
    worker.post({ world });
    return worker;
  }

  private static start(): Promise<RenderWorker> {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB } });
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        worker.off('message', ready);
        reject(new Error(`a render worker could not start: ${error.message}`));
      };
      const ready = () => {
        worker.off('error', failed);
        resolve(new RenderWorker(worker));
      };
      worker.once('message', ready);
      worker.once('error', failed);
    });
  }

  private post(message: WorkerMessage): void {
    this.worker.postMessage(message);
  }

  end(): Promise<number> {
    clearTimeout(this.idleTimer);
    return this.worker.terminate();
  }

  /** Back to the idle workers, its garden forgotten. */
  release(): void {
    this.post({ forget: true });
    this.worker.unref();
    this.idleTimer = setTimeout(() => void this.worker.terminate(), IDLE_MS).unref();
    idle.push(this);
  }

  /**
   * Renders a chunk, each result handed to `done` as it comes. Resolves with nothing once the chunk
   * is rendered, or with the job the worker was stopped on: over the budget, out of memory, crashed.
   * A stopped worker is terminated and must not be used again.
   */
  render(chunk: RenderJob[], budget: number, done: (result: RenderResult) => void): Promise<Stopped | undefined> {
    const { worker } = this;
    return new Promise((resolve) => {
      let index = 0;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => stop({ kind: 'timeout', error: `took longer than ${budget / 1000} s` }), budget);
      };
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const stop = (why: Pick<RenderFailure, 'kind' | 'error'>) => {
        finish();
        void worker.terminate();
        resolve({ index, failure: { path: chunk[index]!.path, ok: false, ...why } });
      };
      const onMessage = (result: RenderResult) => {
        done(result);
        index++;
        if (index < chunk.length) return arm();
        finish();
        resolve(undefined);
      };
      const onError = (error: Error & { code?: string }) =>
        stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory', error: error.message } : { kind: 'crash', error: error.message });
      const onExit = (code: number) => stop({ kind: 'crash', error: `the render worker exited with code ${code}` });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      arm();
      this.post({ jobs: chunk });
    });
  }
}
