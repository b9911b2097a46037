import type { AstroIntegration, PathWithRoute } from 'astro';
import type { searchIndex, KeptBundle } from './search-index.ts';
import type { LastOutput } from './empty-output.ts';
import type { GardenConfig, GardenSettings } from '../garden/index.ts';

/**
 * What one run of the integration knows, from hook to hook: the settings resolved once, what Astro
 * is doing, where it writes, and what the build has started. Each hook is a module of its own
 * (setup-config.ts, read-garden.ts, reuse-pages.ts, write-output.ts, dev.ts) that reads and fills this.
 */
export interface GardenRun {
  readonly settings: GardenSettings;
  /** Resolved by the first hook (setup-config.ts). */
  config?: GardenConfig;
  building: boolean;
  serving: boolean;
  outDir: string;
  astroCacheDir: string;
  /** Whether pages are written where reuse-pages.ts looks for them (`build.format: 'directory'`, this site's). */
  pagesInFolders: boolean;
  /** The last build's output, deleted while this one builds once the pages it reuses are moved back. */
  lastOutput?: LastOutput;
  /** The pages Astro listed for this build, with their keys: recorded for the next build once this one completes. */
  pages?: PathWithRoute[];
  /** The build's search index, started once: Pagefind runs in a process of its own, so it indexes while Astro renders the pages. */
  search?: ReturnType<typeof searchIndex<KeptBundle>>;
}

export function newRun(settings: GardenSettings): GardenRun {
  return { settings, building: false, serving: false, outDir: '', astroCacheDir: '', pagesInFolders: false };
}

/** The settings of this run, which every hook after the first has. */
export function configOf(run: GardenRun): GardenConfig & { cacheDir: string } {
  if (!run.config?.cacheDir) throw new Error('the garden integration has no settings: astro:config:setup did not run first');
  return run.config as GardenConfig & { cacheDir: string };
}

type Hooks = Required<AstroIntegration['hooks']>;

/** What Astro hands a hook. */
export type HookOptions<Hook extends keyof Hooks> = Hooks[Hook] extends ((options: infer Options) => unknown) | undefined ? Options : never;
