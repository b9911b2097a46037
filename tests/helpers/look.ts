import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './build.ts';

/** Where the browser tests photograph pages, for a person to look at. */
export const SHOTS = path.join(ROOT, 'test-results/screenshots');

/** A phone and a desktop. */
export const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
];

/** Makes the screenshot folder (before the first photograph). */
export const makeShotsFolder = () => fs.mkdir(SHOTS, { recursive: true });

let axe: Promise<string> | undefined;

/** What axe-core finds wrong on a page: each rule broken, with the first few elements that break it. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await (axe ??= fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')) });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}
