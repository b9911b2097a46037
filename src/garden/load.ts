import type { Garden } from './types.ts';
import type { GardenConfig } from './config.ts';
import { buildGarden } from './garden.ts';

/*
 * One garden per build. Astro loads the integration, the content loader and the pages as separate
 * module graphs in one process, so the cache lives on globalThis rather than in a module variable:
 * the vault is read and rendered once, whoever asks first.
 */
const KEY = Symbol.for('digital-garden.cache');

interface Cache {
  key: string;
  garden: Promise<Garden>;
}

type WithCache = typeof globalThis & { [KEY]?: Cache };

export function loadGarden(config: GardenConfig): Promise<Garden> {
  const store = globalThis as WithCache;
  const key = JSON.stringify(config);
  if (store[KEY]?.key !== key) store[KEY] = { key, garden: buildGarden(config) };
  return store[KEY].garden;
}

/** Forgets the cached garden (dev server: a vault file changed). */
export function invalidateGarden(): void {
  delete (globalThis as WithCache)[KEY];
}

/** The configuration the integration resolved, for code that runs without it (the content loader). */
const CONFIG_KEY = Symbol.for('digital-garden.config');
export function rememberConfig(config: GardenConfig): void {
  (globalThis as typeof globalThis & { [CONFIG_KEY]?: GardenConfig })[CONFIG_KEY] = config;
}
export function rememberedConfig(): GardenConfig | undefined {
  return (globalThis as typeof globalThis & { [CONFIG_KEY]?: GardenConfig })[CONFIG_KEY];
}
