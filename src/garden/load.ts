import type { Garden } from './types.ts';
import type { GardenConfig } from './config/config.ts';
import { buildGarden } from './build-garden.ts';

/*
 * One garden per build: the vault is read and rendered once, whoever asks first, for the
 * configuration they pass. Astro loads the integration, the content loader and the pages as
 * separate module graphs of one process, so the garden is kept under a process-wide symbol rather
 * than in this module; the configuration itself always travels explicitly.
 */
const KEY = Symbol.for('digital-garden.garden');

interface Cache {
  key: string;
  garden: Promise<Garden>;
}

type WithCache = typeof globalThis & { [KEY]?: Cache };

/** The configuration as a cache key, made once per configuration object: every page of a build asks. */
const keys = new WeakMap<GardenConfig, string>();
const keyOf = (config: GardenConfig) => {
  let key = keys.get(config);
  if (key === undefined) keys.set(config, (key = JSON.stringify(config)));
  return key;
};

export function loadGarden(config: GardenConfig): Promise<Garden> {
  const store = globalThis as WithCache;
  const key = keyOf(config);
  if (store[KEY]?.key !== key) store[KEY] = { key, garden: buildGarden(config) };
  return store[KEY].garden;
}

const FOLLOWERS = Symbol.for('digital-garden.garden-followers');
type WithFollowers = typeof globalThis & { [FOLLOWERS]?: Map<string, () => void> };
const followers = () => ((globalThis as WithFollowers)[FOLLOWERS] ??= new Map());

/** Forgets the cached garden and tells those who follow it (dev server: the vault changed). */
export function invalidateGarden(): void {
  delete (globalThis as WithCache)[KEY];
  for (const follow of followers().values()) follow();
}

/** Calls `follow` each time the garden is forgotten; one follower per name, the latest (Astro may run a loader again). */
export function followGarden(name: string, follow: () => void): void {
  followers().set(name, follow);
}
