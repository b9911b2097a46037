import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite, ROOT, type BuiltSite } from '../helpers/build.ts';
import { serve } from '../helpers/serve.ts';
import { launch } from '../helpers/browser.ts';

let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite(path.join(ROOT, 'content'));
  expect(site.code).toBe(0);
  server = await serve(site.outDir);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const background = () => getComputedStyle(document.body).backgroundColor;

describe('the theme', () => {
  it('follows the system setting by default', async () => {
    for (const [colorScheme, expected] of [['light', 'rgb(251, 250, 246)'], ['dark', 'rgb(21, 26, 21)']] as const) {
      const page = await (await browser.newContext({ colorScheme })).newPage();
      await page.goto(`${server.url}/ferns/`);
      expect(await page.evaluate(background)).toBe(expected);
    }
  });

  it('switches with the toggle, remembers the choice, and applies it before the page is drawn', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${server.url}/ferns/`);
    const toggle = page.locator('[data-theme-toggle]');
    expect(await toggle.textContent()).toBe('Dark theme');
    await toggle.click();
    expect(await page.evaluate(background)).toBe('rgb(21, 26, 21)');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    // On the next page, the theme must already be set when <body> first appears: no flash.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? 'none';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/oak/`);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
    expect(await page.evaluate(background)).toBe('rgb(21, 26, 21)');
    await context.close();
  });

  it('hides the toggle when JavaScript is off', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${server.url}/ferns/`);
    expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });
});
