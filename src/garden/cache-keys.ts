/**
 * Where one build process keeps its garden and configuration. Astro loads the integration, the
 * content loader and the pages as separate module graphs in one process, so these live on
 * globalThis rather than in a module. This file imports nothing: the pages' bundle may include it.
 */
export const GARDEN_CACHE = Symbol.for('digital-garden.cache');
export const GARDEN_CONFIG = Symbol.for('digital-garden.config');
