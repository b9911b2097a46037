import type { GardenConfig } from './src/garden/config.ts';

/*
 * The gardener's settings, all in one place. GARDEN_CONTENT_DIR, GARDEN_SITE_URL and GARDEN_STRICT
 * override the matching settings for one run (see README).
 */
const settings: Partial<GardenConfig> = {
  title: 'The Tended Garden',
  description: 'Notes from a gardener who thinks in public: seeds, buds and a few evergreens.',
  author: 'The Gardener',
  contentDir: 'content',
  siteUrl: 'https://garden.example.org',
  timeZone: 'UTC',
  feedLimit: 50,
};

export default settings;
