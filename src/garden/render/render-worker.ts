import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from './renderer.ts';
import type { LinkWorld, RenderJob } from './render-types.ts';

/** A render worker: receives chunks of notes, answers with their rendered results in order. */
const render = createRenderer(workerData as LinkWorld);

parentPort!.on('message', async (jobs: RenderJob[]) => {
  const results = [];
  for (const job of jobs) results.push(await render(job));
  parentPort!.postMessage(results);
});
