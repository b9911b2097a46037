import { fileURLToPath } from 'node:url';
import { loadGarden, endIdleRenderWorkers, timing, problemLines, strictFailure, emptyGardenFailure, sampleSettingWarnings } from '../garden/index.ts';
import { configOf, type GardenRun, type HookOptions } from './run.ts';
import { indexForSearch } from './search-index.ts';

/** Astro may run `astro:config:done` more than once per build; each garden is reported once. */
const reported = new WeakSet<object>();

/**
 * `astro:config:done`: the vault read once, before Astro loads content; what it found reported; an
 * empty garden refused; the search index started beside the build.
 */
export async function readGarden(run: GardenRun, { config: astro, logger }: HookOptions<'astro:config:done'>): Promise<void> {
  const config = configOf(run);
  run.outDir = fileURLToPath(astro.outDir);
  run.pagesInFolders = astro.build.format === 'directory';
  const garden = await loadGarden(config);
  const first = !reported.has(garden);
  reported.add(garden);
  if (first) {
    for (const line of problemLines(garden)) logger.warn(line);
    if (run.building) for (const line of sampleSettingWarnings(config)) logger.warn(line);
    logger.info(timing(garden));
  }
  // An empty garden is a mistake to deploy; the dev server says so and keeps watching.
  const empty = emptyGardenFailure(garden, config);
  if (empty && run.building) {
    // One line that says it all, and nothing written yet. Thrown, Astro would print a line about
    // an unhandled error in this hook, the error again and a stack trace.
    logger.error(empty);
    process.exit(1);
  }
  if (empty && first) logger.warn(`a build would fail: ${empty}`);
  const failure = strictFailure(garden, config.strict);
  if (failure) throw new Error(failure);
  if (!run.building) return;
  // Awaited once the pages are written; a build that fails before then must not also report this.
  indexForSearch(run, garden).catch(() => {});
  // A build reads its garden once: the render workers' memory is better left to Vite's bundling.
  await endIdleRenderWorkers();
}
