import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';

const garden = siteInBrowser(async () => path.join(ROOT, 'content'));

const background = () => getComputedStyle(document.body).backgroundColor;

describe('the theme', () => {
  it('follows the system setting by default', async () => {
    for (const [colorScheme, expected] of [['light', 'rgb(251, 250, 246)'], ['dark', 'rgb(21, 26, 21)']] as const) {
      const page = await (await garden.browser.newContext({ colorScheme })).newPage();
      await page.goto(`${garden.server.url}/ferns/`);
      expect(await page.evaluate(background)).toBe(expected);
    }
  });

  it('switches with the toggle, remembers the choice, and applies it before the page is drawn', async () => {
    const context = await garden.browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${garden.server.url}/ferns/`);
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
    await page.goto(`${garden.server.url}/oak/`);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
    expect(await page.evaluate(background)).toBe('rgb(21, 26, 21)');
    await context.close();
  });

  it('hides the toggle when JavaScript is off', async () => {
    const page = await (await garden.browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${garden.server.url}/ferns/`);
    expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });
});
