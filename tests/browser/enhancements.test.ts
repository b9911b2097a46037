import { describe, expect, it } from 'vitest';
import { colord } from 'colord';
import { SAMPLE_GARDEN } from '../helpers/build.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';
import settings from '../../garden.config.ts';
import { siteInBrowser } from '../helpers/site-in-browser.ts';

const garden = siteInBrowser(async () => SAMPLE_GARDEN);

const background = () => getComputedStyle(document.body).backgroundColor;
// The paper colours the gardener configured, as the browser reports them.
const { colors } = resolveConfig(settings, {});
const paper = { light: colord(colors.paper.light).toRgbString(), dark: colord(colors.paper.dark).toRgbString() };

describe('the theme', () => {
  it('follows the system setting by default', async () => {
    for (const [colorScheme, expected] of [['light', paper.light], ['dark', paper.dark]] as const) {
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
    expect((await toggle.textContent())?.trim()).toBe('Dark theme');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await page.evaluate(background)).toBe(paper.dark);
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
    expect(await page.evaluate(background)).toBe(paper.dark);
    await context.close();
  });

  it('hides the toggle when JavaScript is off', async () => {
    const page = await (await garden.browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${garden.server.url}/ferns/`);
    expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
    expect(await page.locator('h1').textContent()).toBe('Ferns');
  });
});

describe('link previews', () => {
  it('show a linked note\'s title, state and opening on hover, and go away with the pointer', async () => {
    const page = await (await garden.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${garden.server.url}/linking-your-thinking/`);
    const link = page.locator('.note-body a.internal', { hasText: 'Evergreen notes' }).first();
    await link.hover();
    const card = page.locator('.link-preview');
    await card.waitFor();
    expect(await card.locator('strong').textContent()).toBe('Evergreen notes');
    expect(await card.locator('.state').textContent()).toBe('Evergreen');
    // The opening words are the target's own.
    const target = await (await page.request.get(`${garden.server.url}/evergreen-notes/`)).text();
    const opening = (await card.locator('p').textContent())!.replace(/…$/, '').slice(0, 40);
    expect(target.replace(/<[^>]+>/g, '')).toContain(opening.slice(0, 20));
    expect(await link.getAttribute('aria-describedby')).toBe('link-preview');
    await page.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });
    expect(await link.getAttribute('aria-describedby')).toBeNull();
  });

  it('show on keyboard focus too, and close with Escape', async () => {
    const page = await (await garden.browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await page.goto(`${garden.server.url}/linking-your-thinking/`);
    const link = page.locator('.backlinks a').first();
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const card = page.locator('.link-preview');
    await card.waitFor();
    expect(await card.locator('strong').textContent()).toBe(await link.textContent());
    // The card stays on the phone's screen.
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });
});

describe('printing a note', () => {
  it('prints the note alone: no header, search, graph or footer', async () => {
    const page = await (await garden.browser.newContext()).newPage();
    await page.goto(`${garden.server.url}/linking-your-thinking/`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.site-footer', '.graph', '.prev-next']) expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    for (const shown of ['h1', '.note-body', '.note-meta', '.backlinks']) expect(await page.locator(shown).first().isVisible(), shown).toBe(true);
    expect(await page.evaluate(background)).toBe('rgb(255, 255, 255)');
    expect((await page.pdf()).length).toBeGreaterThan(1000);
  });
});

describe('growth state tooltips', () => {
  it('say what the stage means on hover and on keyboard focus', async () => {
    const page = await (await garden.browser.newContext()).newPage();
    await page.goto(`${garden.server.url}/linking-your-thinking/`);
    const badge = page.locator('.note-meta .state');
    const tip = () => badge.evaluate((el) => ({ display: getComputedStyle(el, '::after').display, text: getComputedStyle(el, '::after').content }));
    expect((await tip()).display).toBe('none');
    await badge.hover();
    expect(await tip()).toEqual({ display: 'block', text: `"${await badge.getAttribute('data-tip')}"` });
    await page.mouse.move(1, 1);
    expect((await tip()).display).toBe('none');
    await page.locator('.site-title').focus();
    while (!(await badge.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
    expect((await tip()).display).toBe('block');
  });

  it('explain the stage in search results too', async () => {
    const page = await (await garden.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${garden.server.url}/search/?q=moss`);
    const state = page.locator('.pf-result .state-tip').first();
    await state.waitFor();
    const word = (await state.innerText()).trim().toLowerCase();
    await state.hover();
    const tip = await state.evaluate((el) => ({ display: getComputedStyle(el, '::after').display, text: getComputedStyle(el, '::after').content }));
    // The same words as the badge on that state's own page.
    await page.goto(`${garden.server.url}/states/${word}/`);
    const explain = await page.locator(`#state-about-${word}`).textContent();
    expect(tip).toEqual({ display: 'block', text: `"${explain}"` });
  });
});
