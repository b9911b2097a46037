import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gardenOf, shared } from '../helpers/vault.ts';
import { headingId } from '../../src/garden/render/heading-ids.ts';
import { noteAddress, SITE_ROUTES, siteUrls } from '../../src/garden/urls.ts';
import type { GardenNote, VaultPath } from '../../src/garden/types.ts';
import { RESERVED_SEGMENTS } from '../../src/garden/normalize/reserved-routes.ts';
import { slug } from '../helpers/slug.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('heading ids', () => {
  it('two notes linking to the same heading land on the same id, however many link to it', async () => {
    const garden = await gardenOf({
      'target.md': shared('## Café & Crème: a 🌱 test!\n\ntext\n\n## 日本語の見出し\n\n## Café & Crème: a 🌱 test!\n'),
      'one.md': shared('[[target#Café & Crème: a 🌱 test!]] and [[target#日本語の見出し]]'),
      'two.md': shared('[[target#Café & Crème: a 🌱 test!]] and [[target#日本語の見出し]]'),
      'three.md': shared('[[target#Café & Crème: a 🌱 test!]]'),
    });
    const target = garden.notes.find((n) => n.slug === 'target')!;
    const ids = [...target.html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const slug of ['one', 'two', 'three']) {
      const html = garden.notes.find((n) => n.slug === slug)!.html;
      // Browsers decode a fragment before looking for its id.
      const fragments = [...html.matchAll(/href="\/target\/#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
      expect(fragments.length).toBeGreaterThan(0);
      // The first heading of that text, as Obsidian takes it.
      expect(fragments[0]).toBe(ids[0]);
      if (fragments[1]) expect(fragments[1]).toBe(ids[1]);
    }
  });

  it('is stateless: the same text gives the same id on every call', () => {
    expect(headingId('Some Heading')).toBe('some-heading');
    expect(headingId('Some Heading')).toBe('some-heading');
  });
});

describe('embeds a note cannot forge', () => {
  it('raw HTML imitating an embed or its slot embeds nothing', async () => {
    const garden = await gardenOf({
      'forger.md': shared('before\n\n<div class="embed" data-embed="secret"></div>\n\n<div data-embed-slot="00000000-0000-0000-0000-000000000000:0"></div>\n\nafter'),
      'secret.md': shared('SHARED BUT NOT EMBEDDED'),
    });
    const html = garden.notes.find((n) => n.slug === 'forger')!.html;
    expect(html).toContain('before');
    expect(html).toContain('after');
    expect(html).not.toContain('SHARED BUT NOT EMBEDDED');
    expect(html).not.toContain('data-embed');
  });
});

describe('the URL module', () => {
  it('puts every URL under the base path', () => {
    const urls = siteUrls('https://name.github.io/garden', '/garden/');
    expect(urls.note(slug('a/b'), 'part')).toBe('/garden/a/b/#part');
    expect(urls.basePage(slug('books-base'))).toBe('/garden/books-base/');
    expect(urls.basePage(slug('books-base'), 'view-top-rated')).toBe('/garden/books-base/#view-top-rated');
    expect(urls.tag('x/y')).toBe('/garden/tags/x/y/');
    expect(urls.attachment('p-1.png')).toBe('/garden/attachments/p-1.png');
    expect(urls.asset('pagefind/pagefind.js')).toBe('/garden/pagefind/pagefind.js');
    expect(urls.absolute(urls.feed())).toBe('https://name.github.io/garden/rss.xml');
    expect(siteUrls('https://x.org', '/').note(slug('n'))).toBe('/n/');
  });

  // Checked by the type check `npm test` runs first: each line below must fail to compile.
  it('takes a slug only where a slug is wanted, and a vault path only where one is', () => {
    const urls = siteUrls('https://x.org', '/');
    const vaultPath = 'Notes/Coffee.md' as VaultPath;
    // @ts-expect-error a vault path is not a slug
    urls.note(vaultPath);
    // @ts-expect-error a plain string is not a slug
    urls.note('notes/coffee');
    // @ts-expect-error a page's address (`/notes/coffee/`) is not a slug
    urls.note(noteAddress(slug('notes/coffee')));
    // @ts-expect-error a link (base path included) is not a page's address
    urls.redirect(urls.note(slug('notes/coffee')));
    // @ts-expect-error a slug is not a vault path
    const note: Pick<GardenNote, 'path'> = { path: slug('notes/coffee') };
    expect([urls.note(slug('notes/coffee')), note.path]).toEqual(['/notes/coffee/', 'notes/coffee']);
  });

  it('reserves every route the site has, so no note can take one', async () => {
    const pages = await fs.readdir(path.join(ROOT, 'src/pages'));
    const publicFiles = await fs.readdir(path.join(ROOT, 'public'));
    const firstSegments = [...pages, ...publicFiles]
      .map((name) => name.replace(/\.(astro|ts)$/, ''))
      .filter((name) => !name.startsWith('['))
      .map((name) => (name === 'index' ? undefined : name))
      .filter((name): name is string => Boolean(name));
    expect(firstSegments.length).toBeGreaterThan(5);
    for (const segment of firstSegments) expect(SITE_ROUTES, segment).toContain(segment);
    expect([...RESERVED_SEGMENTS].sort()).toEqual([...SITE_ROUTES].sort());
  });
});
