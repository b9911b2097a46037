/** The garden core: no Astro in here, so it can be tested and reused on its own. */
export { buildGarden } from './garden.ts';
export { loadGarden, invalidateGarden, rememberConfig, rememberedConfig } from './load.ts';
export { resolveConfig, defaultConfig, ConfigError, type GardenConfig } from './config.ts';
export { summary, timing, problemLines, strictFailure } from './report.ts';
export { GROWTH_STATES } from './state.ts';
export type * from './types.ts';
