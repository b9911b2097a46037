import { parentPort } from 'node:worker_threads';
import { createRenderer } from './renderer.ts';
import type { RenderJob, RenderResult } from './render-types.ts';
import type { WorkerMessage } from './render-notes.ts';

/**
 * A render worker: says it is ready once the pipeline is loaded, then is told the garden's link
 * world and sent chunks of notes, answering with each note's result as soon as it is rendered, so
 * the main thread can time every note. Between gardens it forgets the world.
 */
let render: ((job: RenderJob) => Promise<RenderResult>) | undefined;

parentPort!.on('message', async (message: WorkerMessage) => {
  if ('world' in message) render = createRenderer(message.world);
  else if ('forget' in message) render = undefined;
  else for (const job of message.jobs) parentPort!.postMessage(await render!(job));
});
parentPort!.postMessage('ready');
