import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BuiltSite } from './build.ts';
import { sharedBuild } from './shared-builds.ts';
import { serve } from './serve.ts';
import { launch } from './browser.ts';

/**
 * For a browser test file: builds the vault once a run (shared-builds.ts), serves it on 127.0.0.1
 * and starts Chromium before the tests, and stops both after them. The returned object is filled in by then.
 */
export function siteInBrowser(vault: () => Promise<string>, serving: Parameters<typeof serve>[1] = {}) {
  const state = {} as { site: BuiltSite; server: Awaited<ReturnType<typeof serve>>; browser: Browser };
  beforeAll(async () => {
    state.site = await sharedBuild(await vault());
    expect(state.site.code, state.site.output).toBe(0);
    state.server = await serve(state.site.outDir, serving);
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}
