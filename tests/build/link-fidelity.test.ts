import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { listFiles, ROOT, SAMPLE_GARDEN, type BuiltSite } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/*
 * Every internal link of every built page lands: its path on a page or file of the site, and its
 * #fragment on an element id of that page, as a browser would look it up (decoded). Run over the
 * sample garden and over a vault written with Obsidian's own link syntax.
 */
const ORIGIN = 'https://garden.test';
const URL_ATTRIBUTES: Record<string, string> = { a: 'href', link: 'href', img: 'src', script: 'src', source: 'src', video: 'src', audio: 'src', use: 'href' };

const idsOf = new Map<string, Promise<Set<string>>>();

async function ids(file: string): Promise<Set<string>> {
  let found = idsOf.get(file);
  if (!found) {
    found = fs.readFile(file, 'utf8').then((text) => {
      const set = new Set<string>();
      visit(fromHtml(text), 'element', (node: Element) => {
        if (typeof node.properties.id === 'string') set.add(node.properties.id);
      });
      return set;
    });
    idsOf.set(file, found);
  }
  return found;
}

/** The file a site path is served from, or undefined. */
async function fileFor(site: BuiltSite, pathname: string): Promise<string | undefined> {
  const decoded = decodeURIComponent(pathname);
  for (const candidate of [decoded, path.join(decoded, 'index.html')]) {
    const file = path.join(site.outDir, candidate);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile()) return file;
  }
  return undefined;
}

async function brokenLinks(site: BuiltSite): Promise<string[]> {
  const broken: string[] = [];
  const pages = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'));
  for (const page of pages) {
    const pageUrl = new URL(`/${path.relative(site.outDir, page).replace(/index\.html$/, '')}`, ORIGIN);
    const tree: Root = fromHtml(await fs.readFile(page, 'utf8'));
    const links: string[] = [];
    visit(tree, 'element', (node: Element) => {
      const attribute = URL_ATTRIBUTES[node.tagName];
      const value = attribute ? node.properties[attribute] : undefined;
      if (typeof value === 'string' && value) links.push(value);
    });
    for (const link of links) {
      const url = new URL(link, pageUrl);
      if (url.origin !== ORIGIN) continue;
      const target = url.pathname === pageUrl.pathname ? page : await fileFor(site, url.pathname);
      const where = `${pageUrl.pathname} → ${link}`;
      if (!target) {
        broken.push(`${where} (no such page)`);
      } else if (url.hash && target.endsWith('.html') && !(await ids(target)).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${where} (no such id)`);
      } else if (url.hash && target.endsWith('.svg') && !(await fs.readFile(target, 'utf8')).includes(`id="${decodeURIComponent(url.hash.slice(1))}"`)) {
        broken.push(`${where} (no such symbol)`);
      }
    }
  }
  return broken;
}

describe('link fidelity', () => {
  let sample: BuiltSite;
  let obsidian: BuiltSite;
  beforeAll(async () => {
    sample = await sharedBuild(SAMPLE_GARDEN);
    obsidian = await sharedBuild(path.join(ROOT, 'tests/fixtures/obsidian-vault'));
  });

  it('the sample garden has no broken link, image, stylesheet, script or fragment', async () => {
    expect(sample.code).toBe(0);
    expect(await brokenLinks(sample)).toEqual([]);
  });

  it('a vault of Obsidian syntax has none either, heading and block links included', async () => {
    expect(obsidian.code).toBe(0);
    const page = await fs.readFile(path.join(obsidian.outDir, 'internal-links/index.html'), 'utf8');
    // The fixture really links to headings and blocks of another note.
    expect(page.match(/href="\/three-laws-of-motion\/#[^"]+"/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(await brokenLinks(obsidian)).toEqual([]);
    expect(obsidian.output).not.toMatch(/no such (heading|block)/);
  });
});
