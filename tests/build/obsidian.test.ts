import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { buildSite, listFiles, pageHtml, ROOT, type BuiltSite } from '../helpers/build.ts';
import { SHARED_BUILD_FOLDERS, scanForCanaries } from '../helpers/canaries.ts';

/*
 * The Obsidian fixture vault built as a gardener would: what each page carries for math and
 * diagrams (and what pages without them do not), the weight of a page with them, and properties
 * that must never reach the site.
 */
const VAULT = path.join(ROOT, 'tests/fixtures/obsidian-vault');
let site: BuiltSite;
let pages: Map<string, ReturnType<typeof fromHtml>>;
const gzip = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;
const file = (href: unknown) => path.join(site.outDir, String(href));

beforeAll(async () => {
  site = await buildSite(VAULT);
  pages = new Map();
  for (const html of (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'))) {
    pages.set(`/${path.relative(site.outDir, path.dirname(html)).split(path.sep).join('/')}/`.replace('//', '/'), fromHtml(await fs.readFile(html, 'utf8')));
  }
});

const mathLinks = (tree: ReturnType<typeof fromHtml>) => selectAll('link[rel="stylesheet"]', tree).filter((l) => String(l.properties.href).includes('/_katex/'));
/** A script's code with that of the modules it imports at once (not those it may import later, `import()`). */
async function loadedCode(module: string, seen = new Set<string>()): Promise<string> {
  seen.add(module);
  let code = await fs.readFile(module, 'utf8');
  for (const [, relative] of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const next = path.resolve(path.dirname(module), relative!);
    if (!seen.has(next)) code += await loadedCode(next, seen);
  }
  return code;
}

/** The scripts a page loads that draw diagrams, at once (stacked notes import the drawing only for a note that has one). */
async function diagramScripts(tree: ReturnType<typeof fromHtml>) {
  const found = [];
  for (const script of selectAll('script[src]', tree)) {
    const code = await loadedCode(file(script.properties.src));
    if (code.includes('diagram-drawing')) found.push({ src: String(script.properties.src), code });
  }
  return found;
}

describe('the Obsidian vault, built', () => {
  it('builds, reporting what it could not render without failing', () => {
    expect(site.code, site.output).toBe(0);
    expect(site.output).toMatch(/Broken math\.md.*math at line 5 cannot be typeset/);
    expect(site.output).toMatch(/Broken diagram\.md.*the Mermaid diagram at line 7 cannot be drawn/);
    expect(site.output).toMatch(/Published elsewhere\.md.*did you mean `share: true`\?/);
    expect(site.output).toMatch(/Board\.canvas.*has a card of "Private\/Secret\.md", a private note; it is drawn as an empty card/);
  });

  it('draws the canvas into the page that embeds it, and never copies a .canvas file', async () => {
    const files = await listFiles(site.outDir);
    expect(files.filter((f) => /\.canvas$/i.test(f))).toEqual([]);
    const board = select('figure.canvas svg.canvas-board', pages.get('/canvas/')!);
    expect(board).toBeDefined();
    expect(selectAll('.canvas-node', board!)).toHaveLength(7);
    expect(select('.canvas-image img', board!)!.properties.src).toMatch(/^\/attachments\/engelbart-[0-9a-f]{8}\.png$/);
    // A board needs no script of its own.
    expect(selectAll('script', select('figure.canvas', pages.get('/canvas/')!)!)).toEqual([]);
  });

  it('links KaTeX\'s stylesheet only on pages that show math, served from the site with its fonts', async () => {
    const withMath = [...pages].filter(([, tree]) => mathLinks(tree).length > 0).map(([url]) => url).sort();
    expect(withMath).toEqual(['/broken-math/', '/embeds-math/', '/math/']);
    const href = String(mathLinks(pages.get('/math/')!)[0]!.properties.href);
    expect(href).toMatch(/^\/_katex\/\d+\.\d+\.\d+\/katex\.min\.css$/);
    const css = await fs.readFile(file(href), 'utf8');
    // Every font the stylesheet asks for first (woff2) is in the site; nothing comes from elsewhere.
    const fonts = [...css.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(15);
    for (const font of fonts) await fs.access(path.join(path.dirname(file(href)), font));
    expect(css).not.toMatch(/url\((['"]?)(https?:)?\/\//);
    expect(select('.note-body .katex math', pages.get('/math/')!)).toBeDefined();
  });

  it('loads the diagram script only on the page with a diagram that can be drawn, and Mermaid only when it runs', async () => {
    const withDiagrams = [];
    for (const [url, tree] of pages) if ((await diagramScripts(tree)).length) withDiagrams.push(url);
    expect(withDiagrams).toEqual(['/diagrams/']);
    const [script] = await diagramScripts(pages.get('/diagrams/')!);
    // The page's own script is small; Mermaid is the site's copy of its browser build, which the
    // script imports from the address the page links when it runs.
    expect(gzip(script!.code)).toBeLessThan(4 * 1024);
    expect(script!.code).not.toMatch(/mermaid\.core/);
    const linked = [...pages].filter(([, tree]) => selectAll('link[data-mermaid]', tree).length).map(([url]) => url);
    expect(linked).toEqual(['/diagrams/']);
    const href = String(select('link[rel="modulepreload"][data-mermaid]', pages.get('/diagrams/')!)!.properties.href);
    expect(href).toMatch(/^\/_mermaid\/\d+\.\d+\.\d+\/mermaid\.esm\.min\.mjs$/);
    // Every module it imports, at once or when a diagram of that kind is drawn, is in the site.
    const imported = new Set<string>();
    const follow = async (module: string) => {
      for (const [, relative] of (await fs.readFile(module, 'utf8')).matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const next = path.resolve(path.dirname(module), relative!);
        if (imported.has(next)) continue;
        imported.add(next);
        await follow(next);
      }
    };
    await follow(file(href));
    expect(imported.size).toBeGreaterThan(50);
    // Without JavaScript the diagrams' source is in the page.
    expect(selectAll('figure[data-diagram="mermaid"] pre code.language-mermaid', pages.get('/diagrams/')!)).toHaveLength(2);
  });

  it('publishes none of cssclasses, dg-* or other unknown properties, nor notes that say publish or dg-publish', async () => {
    // In the output and every cache a build writes, as written and as Pagefind's index stores words.
    const canaries = ['zqcssclassvalue', 'zqdghomevalue', 'zqdgpropertyvalue', 'zqpublishvalue', 'zqauthorvalue', 'zqpublishonlycanary', 'zqdgpublishcanary', 'zqsecretmathcanary'];
    const leaked = await scanForCanaries([site.outDir, site.cacheDir, ...SHARED_BUILD_FOLDERS], canaries);
    expect(leaked).toEqual([]);
    // permalink gave the page its address.
    expect(await pageHtml(site, 'obsidian/properties')).toContain('<h1>Properties</h1>');
  });
});

describe('the weight of pages with math or diagrams', () => {
  it('a page with math: under 40 KB of HTML and CSS gzipped (KaTeX\'s stylesheet included), no script beyond every page\'s', async () => {
    const tree = pages.get('/math/')!;
    let bytes = gzip(await fs.readFile(path.join(site.outDir, 'math/index.html')));
    for (const link of selectAll('link[rel~="stylesheet"]', tree)) bytes += gzip(await fs.readFile(file(link.properties.href)));
    expect(bytes).toBeLessThan(40 * 1024);
    expect(await diagramScripts(tree)).toEqual([]);
  });

  it('a page with a diagram: the page itself under 40 KB gzipped with its scripts; Mermaid and its parts fetched after it, under 300 KB (measured in the browser test)', async () => {
    const tree = pages.get('/diagrams/')!;
    let bytes = gzip(await fs.readFile(path.join(site.outDir, 'diagrams/index.html')));
    for (const link of selectAll('link[rel~="stylesheet"]', tree)) bytes += gzip(await fs.readFile(file(link.properties.href)));
    for (const script of selectAll('script[src]', tree)) bytes += gzip(await fs.readFile(file(script.properties.src)));
    expect(bytes).toBeLessThan(40 * 1024);
    expect(mathLinks(tree)).toEqual([]);
  });
});
