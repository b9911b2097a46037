import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import garden from './src/integration/index.ts';
import settings from './garden.config.ts';

export default defineConfig({
  // Test-only overrides, so build tests can run beside each other without sharing output or cache.
  outDir: process.env.GARDEN_OUT_DIR || './dist',
  cacheDir: process.env.GARDEN_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'ignore',
  // Pages are written while others render: on a 10,000-note garden this hid most of the file-writing wait.
  build: { format: 'directory', concurrency: 4 },
  // The link-preview script is served as its own file, cached once for every page, rather than
  // inlined into each of them (Astro inlines scripts below this limit).
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // A rebuild copies every page whose key (src/site/page-keys.ts) and code are unchanged from the
  // last build rather than rendering it again; the copies are kept in cacheDir.
  experimental: { incrementalBuild: true },
  // The garden sets `site` and `base` from garden.config.ts (siteUrl, GARDEN_SITE_URL, base).
  integrations: [garden(settings), sitemap({ filter: (page) => !/\/404\/?$/.test(page) })],
});
