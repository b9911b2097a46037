import type { GardenSettings } from './src/garden/config/config.ts';

/*
 * The gardener's settings, all in one place; every one is checked when the site builds, and a
 * mistake stops the build with a message naming it. GARDEN_CONTENT_DIR, GARDEN_SITE_URL and
 * GARDEN_STRICT override the matching settings for one run (see README).
 */
const settings: GardenSettings = {
  title: 'The Tended Garden',
  description: 'Notes from a gardener who thinks in public: seeds, buds and a few evergreens.',
  author: 'The Gardener',
  contentDir: 'content',
  siteUrl: 'https://garden.example.org',
  timeZone: 'UTC',
  feedLimit: 50,
  // Seconds one note may take to render; a note that takes longer is reported and not published.
  renderTimeout: 10,
  // The home page opens with this shared note (a path in the vault); `intro` is used when there is none.
  homeNote: 'index.md',
  intro: '',
  // Any CSS colour, for the light and the dark theme. Text must keep a 4.5:1 contrast on the paper.
  colors: {
    paper: { light: '#f7f5ee', dark: '#131a15' },
    ink: { light: '#1d2920', dark: '#e4e9e0' },
    accent: { light: '#2b6a3c', dark: '#8fd09b' },
  },
};

export default settings;
