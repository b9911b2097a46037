import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';

/* axe-core, run in Debian's Chromium on the sample garden's main pages, light and dark, phone and desktop. */
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const PAGES = ['/', '/linking-your-thinking/', '/tags/plants/', '/states/bud/', '/search/?q=moss'];
const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
];

const garden = siteInBrowser(async () => path.join(ROOT, 'content'));
let axe: string;

beforeAll(async () => {
  axe = await fs.readFile(AXE, 'utf8');
});

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of VIEWPORTS) {
      it(`finds no violations, ${colorScheme}, ${viewport.width} px`, async () => {
        const context = await garden.browser.newContext({ viewport, colorScheme });
        const report: string[] = [];
        for (const url of PAGES) {
          const page = await context.newPage();
          await page.goto(`${garden.server.url}${url}`);
          if (url.startsWith('/search/')) await page.locator('.pf-result-link').first().waitFor();
          await page.addScriptTag({ content: axe });
          const violations = await page.evaluate(async () => {
            const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
            return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          });
          report.push(...violations.map((v) => `${url} ${v}`));
          await page.close();
        }
        await context.close();
        expect(report).toEqual([]);
      });
    }
  }
});
