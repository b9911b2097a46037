import type { GardenSettings } from './src/garden/config/config.ts';

/*
 * The gardener's settings: only what differs from the defaults. Every setting, its default and
 * what it does are in the README's settings table; each is checked when the site builds, and a
 * mistake stops the build with a message naming it. GARDEN_CONTENT_DIR, GARDEN_SITE_URL and
 * GARDEN_STRICT override the matching settings for one run.
 */
const settings: GardenSettings = {
  title: 'The Tended Garden',
  description: 'Notes from a gardener who thinks in public: seeds, buds and a few evergreens.',
  author: 'The Gardener',
  siteUrl: 'https://garden.example.org',
};

export default settings;
