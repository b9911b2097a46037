import type { Garden } from './types.ts';
import type { GardenConfig } from './config.ts';
import { buildGarden } from './garden.ts';
import { GARDEN_CACHE as KEY, GARDEN_CONFIG as CONFIG_KEY } from './cache-keys.ts';

/* One garden per build: the vault is read and rendered once, whoever asks first. */

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
export function rememberConfig(config: GardenConfig): void {
  (globalThis as typeof globalThis & { [CONFIG_KEY]?: GardenConfig })[CONFIG_KEY] = config;
}
export function rememberedConfig(): GardenConfig | undefined {
  return (globalThis as typeof globalThis & { [CONFIG_KEY]?: GardenConfig })[CONFIG_KEY];
}
