import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { colord } from 'colord';
import { SAMPLE_GARDEN } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';
import { SHOTS, VIEWPORTS, axeViolations, makeShotsFolder } from '../helpers/look.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';
import settings from '../../garden.config.ts';

/*
 * The sample garden's main pages in Debian's Chromium, light and dark, phone and desktop: each is
 * photographed (test-results/screenshots/, for a person to look at), checked by axe-core, and
 * checked for the layout faults a screenshot shows: sideways scrolling, a header that wraps on a
 * desktop, the wrong theme's paper.
 */
const PAGES = [
  { name: 'home', url: '/' },
  { name: 'note', url: '/linking-your-thinking/' },
  { name: 'tag', url: '/tags/plants/' },
  { name: 'state', url: '/states/bud/' },
  { name: 'search', url: '/search/?q=moss' },
];
const { colors } = resolveConfig(settings, {});

const garden = siteInBrowser(async () => SAMPLE_GARDEN);
beforeAll(makeShotsFolder);

describe('the garden as it looks', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of VIEWPORTS) {
      it(`home, note, tag, state and search pages, ${colorScheme}, ${viewport.width} px: photographed, no axe violations, no layout faults`, async () => {
        const context = await garden.browser.newContext({ viewport, colorScheme });
        const report: string[] = [];
        for (const { name, url } of PAGES) {
          const page = await context.newPage();
          await page.goto(`${garden.server.url}${url}`);
          if (name === 'search') await page.locator('.pf-result-link').first().waitFor();
          await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}-${viewport.width}.png`), fullPage: true });

          const layout = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            header: document.querySelector('.site-header')!.getBoundingClientRect().height,
            paper: getComputedStyle(document.body).backgroundColor,
            ink: getComputedStyle(document.body).color,
          }));
          if (layout.scrollWidth > viewport.width) report.push(`${url} scrolls sideways: ${layout.scrollWidth} px wide`);
          if (viewport.width >= 1280 && layout.header > 80) report.push(`${url} header wraps: ${layout.header} px tall`);
          if (colord(layout.paper).toHex() !== colors.paper[colorScheme]) report.push(`${url} paper is ${layout.paper}, not the ${colorScheme} theme's`);
          if (colord(layout.ink).toHex() !== colors.ink[colorScheme]) report.push(`${url} ink is ${layout.ink}, not the ${colorScheme} theme's`);

          report.push(...(await axeViolations(page)).map((v) => `${url} ${v}`));
          await page.close();
        }
        await context.close();
        expect(report).toEqual([]);
      });
    }
  }

  it('fits the smallest phones, 320 px, without scrolling sideways', async () => {
    const context = await garden.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const url of [...PAGES.map((p) => p.url), '/graph/', '/callouts-and-formatting/', '/tags/']) {
      await page.goto(`${garden.server.url}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${url}: ${width} px`);
    }
    await context.close();
    expect(wide).toEqual([]);
  });
});
