/*
 * What the site's pages may use of the core besides its types (types.ts): functions of data the
 * garden already holds, which read no vault and pull in nothing heavy, so Vite bundles them into the
 * pages cheaply. The build's entry, index.ts, reads and renders the vault; the site loads it at run
 * time (integration/core.ts), never bundled.
 */
export { gardenGraph, localGraph, drawnLabel, LOCAL_LIMIT, type Graph, type GraphSize, type GraphNote, type LocalGraph } from './assemble/graph.ts';
export { tendedOn } from './assemble/order.ts';
export { feedItem, feedText, feedDescription } from './emit/feed-item.ts';
export { GROWN_LIMIT } from './assemble/grown.ts';
export { mutedColor } from './config/colors.ts';
export { wordsFor, dayFormatter, textDirection, type Words, type Plural } from './locale/locale.ts';
export { siteUrls, noteAddress, GROWN_ROUTES, RECENT_FILE, type SiteUrls, type SitePath, type SiteAddress } from './urls.ts';
export { GROWTH_STATES, byGrowthState } from './types.ts';
export type * from './types.ts';
