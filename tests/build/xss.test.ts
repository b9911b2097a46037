import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { parseFeed } from 'feedsmith';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { makeVault, shared } from '../helpers/vault.ts';
import { buildSite, listFiles, readAsText, pageHtml, type BuiltSite } from '../helpers/build.ts';

/* Each payload tries to run `alert('XSSn')` or load a javascript: URL. */
const PAYLOADS = [
  `<script>alert('XSS1')</script>`,
  `<img src=x onerror=alert('XSS2')>`,
  `<svg onload=alert('XSS3')>`,
  `<svg><script>alert('XSS4')</script></svg>`,
  `<iframe src="javascript:alert('XSS5')"></iframe>`,
  `<a href="javascript:alert('XSS6')">l6</a>`,
  `<a href="JaVaScRiPt:alert('XSS7')">l7</a>`,
  `<a href="&#106;avascript:alert('XSS8')">l8</a>`,
  `<a href="&#x6A;avascript:alert('XSS9')">l9</a>`,
  `<a href="java&#x09;script:alert('XSS10')">l10</a>`,
  `<a href=" javascript:alert('XSS11')">l11</a>`,
  `[l12](javascript:alert('XSS12'))`,
  `[l13](JAVASCRIPT:alert('XSS13'))`,
  `[l14](&#106;avascript:alert('XSS14'))`,
  `<a href="jav&#x0A;ascript:alert('XSS15')">l15</a>`,
  `<style>body{background:url("javascript:alert('XSS16')")}</style>`,
  `<div style="background:url(javascript:alert('XSS17'))">d17</div>`,
  `<form action="javascript:alert('XSS18')"><input type=submit value=XSS18></form>`,
  `<object data="javascript:alert('XSS19')"></object>`,
  `<embed src="javascript:alert('XSS20')">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS21')>`,
  `<details open ontoggle=alert('XSS22')>d22</details>`,
  `<body onload=alert('XSS23')>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMjQnKTwvc2NyaXB0Pg==">l24</a>`,
  `![i25](javascript:alert('XSS25'))`,
  `<img src="javascript:alert('XSS26')">`,
  `<base href="javascript:alert('XSS27')//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert('XSS28')">`,
  `<link rel=stylesheet href="javascript:alert('XSS29')">`,
  `<input onfocus=alert('XSS30') autofocus>`,
  `<video><source onerror="alert('XSS31')"></video>`,
  `<a href="vbscript:msgbox('XSS32')">l32</a>`,
  `[[javascript:alert('XSS33')]]`,
  `<svg><a xlink:href="javascript:alert('XSS34')"><text>l34</text></a></svg>`,
  `<iframe srcdoc="<script>alert('XSS35')</script>"></iframe>`,
  `<noscript><p title="</noscript><img src=x onerror=alert('XSS36')>"></noscript>`,
  `<a href="&Tab;javascript:alert('XSS37')">l37</a>`,
  `<a href="javascript&colon;alert('XSS38')">l38</a>`,
];

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'data', 'xLinkHref', 'poster', 'srcDoc', 'background', 'cite'];

function dangers(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    for (const [name, value] of Object.entries(node.properties)) {
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      if (/^on/i.test(name)) found.push(`<${node.tagName} ${name}>`);
      if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data):/i.test(text.replace(/[\u0000-\u0020]/g, ''))) {
        found.push(`<${node.tagName} ${name}="${text}">`);
      }
      if (name === 'style' || name === 'srcDoc') found.push(`<${node.tagName} ${name}>`);
      if (name === 'httpEquiv') found.push(`<meta http-equiv>`);
    }
    // The site's own search boxes (header, home page, the search page's) are the only forms a page may hold.
    const siteSearch = node.tagName === 'form' && node.properties.action === '/search/' && ['site-search', 'home-search', 'search-form'].includes(String(node.properties.className));
    if (['iframe', 'object', 'embed', 'form', 'base', 'frame', 'frameset', 'applet'].includes(node.tagName) && !siteSearch) found.push(`<${node.tagName}>`);
    if ((node.tagName === 'script' || node.tagName === 'style') && /XSS/.test(toString(node))) found.push(`<${node.tagName}> with payload`);
  });
  return found;
}

let site: BuiltSite;

beforeAll(async () => {
  const body = PAYLOADS.map((payload, i) => `before-${i} ${payload} after-${i}`).join('\n\n');
  const vault = await makeVault({
    'xss.md': shared(`Intro text.\n\n${body}\n\nClosing words.`, `title: "<script>alert('XSST')</script> Title <b>bold</b>"\ntags: ["<img src=x onerror=alert('XSSG')>", "ok"]\nmood: "<svg onload=alert('XSSM')> calm"\ndescription: "<script>alert('XSSD')</script>"\n`),
    'list.md': shared(PAYLOADS.map((p) => `- ${p}`).join('\n')),
    'table.md': shared(`| a | b |\n|---|---|\n${PAYLOADS.slice(0, 12).map((p) => `| ${p.replace(/\|/g, '\\|')} | x |`).join('\n')}\n\ntext after the table`),
    'link-title.md': shared('[[xss]]'),
  });
  site = await buildSite(vault);
});

describe('an XSS corpus in a shared note', () => {
  it('builds', () => {
    expect(site.code).toBe(0);
  });

  it(`leaves no script, handler, javascript: URL, frame, object, form or style in any page (${PAYLOADS.length} payloads)`, async () => {
    const pages = (await listFiles(site.outDir)).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    const report: string[] = [];
    for (const page of pages) {
      for (const danger of dangers(fromHtml(await readAsText(page)))) report.push(`${path.relative(site.outDir, page)}: ${danger}`);
    }
    expect(report).toEqual([]);
  });

  it('keeps the feed clean too: no payload survives in content:encoded', async () => {
    const { feed } = parseFeed(await fs.readFile(path.join(site.outDir, 'rss.xml'), 'utf8')) as { feed: { items: { title: string; content?: { encoded?: string } }[] } };
    const xss = feed.items.find((item) => item.title.includes('Title'))!;
    expect(xss.content?.encoded).toContain('Closing words.');
    for (const item of feed.items) expect(dangers(fromHtml(item.content?.encoded ?? '', { fragment: true })), item.title).toEqual([]);
  });

  it('keeps the text around every payload', async () => {
    const html = await pageHtml(site, 'xss');
    const text = toString(fromHtml(html));
    for (let i = 0; i < PAYLOADS.length; i++) {
      expect(text, `payload ${i}`).toContain(`before-${i}`);
      expect(text, `payload ${i}`).toContain(`after-${i}`);
    }
    expect(text).toContain('Closing words.');
    expect(toString(fromHtml(await pageHtml(site, 'table')))).toContain('text after the table');
  });

  it('shows title, tags and mood as text, never markup', async () => {
    const html = await pageHtml(site, 'xss');
    const tree = fromHtml(html);
    let h1 = '';
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h1') h1 = toString(node);
      if (node.tagName === 'h1') expect(node.children.every((c) => c.type === 'text')).toBe(true);
    });
    expect(h1).toBe("<script>alert('XSST')</script> Title <b>bold</b>");
    expect(html).toContain('&lt;svg onload=alert(&#39;XSSM&#39;)&gt; calm');
  });
});
