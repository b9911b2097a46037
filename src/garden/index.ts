/** The garden core: no Astro in here, so it can be tested and reused on its own. */
export { buildGarden } from './build-garden.ts';
export { loadGarden, invalidateGarden, followGarden } from './load.ts';
export { endIdleRenderWorkers } from './render/render-notes.ts';
export { resolveConfig, defaultConfig, ConfigError, sampleSettingWarnings, type GardenConfig, type GardenSettings } from './config/config.ts';
export { summary, timing, problemLines, strictFailure, emptyGardenFailure } from './report/report.ts';
export { GROWTH_STATES } from './types.ts';
export { coreVersion } from './version.ts';
export { noteAddress, siteUrls, type SiteUrls, type SitePath, type SiteAddress } from './urls.ts';
export type * from './types.ts';
