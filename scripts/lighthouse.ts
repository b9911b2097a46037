/*
 * Lighthouse scores for the built site (`npm run build` first): the home page and a note page, as
 * a phone and as a desktop, in Debian's Chromium, served gzipped from 127.0.0.1 as a static host
 * would serve them.
 *
 *   npm run lighthouse                      # dist/, home and /linking-your-thinking/
 *   npm run lighthouse -- --dist other/ --page /some-note/
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from '../tests/helpers/serve.ts';
import { CHROMIUM } from '../tests/helpers/browser.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    page: { type: 'string', multiple: true, default: ['/', '/linking-your-thinking/'] },
  },
});

const server = await serve(path.resolve(values.dist), { compress: true });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
try {
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, ${CHROMIUM}`);
  console.log(['page', 'as', ...CATEGORIES, 'FCP', 'LCP', 'TBT', 'CLS'].join('\t'));
  for (const page of values.page) {
    for (const device of ['mobile', 'desktop'] as const) {
      const result = await lighthouse(
        `${server.url}${page}`,
        { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: CATEGORIES },
        device === 'desktop' ? desktopConfig : undefined,
      );
      const lhr = result!.lhr;
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
      console.log([page, device, ...scores, metric('first-contentful-paint'), metric('largest-contentful-paint'), metric('total-blocking-time'), metric('cumulative-layout-shift')].join('\t'));
      // What costs points: scored audits (weight above 0) below 90.
      const failing = Object.values(lhr.categories)
        .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0))
        .map((ref) => lhr.audits[ref.id]!)
        .filter((audit) => audit.score !== null && audit.score < 0.9);
      for (const audit of failing) console.log(`  below 90: ${audit.id} (${audit.displayValue ?? audit.score})`);
    }
  }
} finally {
  chrome.kill();
  await server.close();
}
