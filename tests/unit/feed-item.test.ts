import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'hast';
import { getRssString } from '@astrojs/rss';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { absoluteUrl, feedContent, feedDescription, feedItem, feedText } from '../../src/garden/emit/feed-item.ts';
import { forbiddenXmlCharacters, xmlText } from '../../src/garden/normalize/xml-text.ts';
import { gardenOf, shared } from '../helpers/vault.ts';

const PAGE = 'https://garden.test/note/';

/** Every element of an HTML fragment as `tag [attributes]`, to compare what markup there is. */
function elements(html: string): string[] {
  const out: string[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    out.push(`${node.tagName} [${Object.keys(node.properties).sort().join(' ')}]`);
  });
  return out;
}

function handlers(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    for (const name of Object.keys(node.properties)) if (/^on/i.test(name)) found.push(`<${node.tagName} ${name}>`);
  });
  return found;
}

/** A note rendered by the garden as its page shows it, then made a feed item. */
async function itemOf(body: string, frontmatter = '') {
  const garden = await gardenOf({ 'note.md': shared(body, frontmatter) });
  const note = garden.notes[0]!;
  return { note, item: feedItem({ title: note.title, text: note.description ?? note.excerpt, html: note.html, pageUrl: PAGE }), problems: garden.problems };
}

describe('feed content: URLs made absolute on the tree, not the string', () => {
  // Each of these once gave a live <svg onload>/<img onerror> in content:encoded (the security issue).
  it.each([
    ["Use `<img src=\"` then [y](https://a.example \"<svg onload=alert('T3')>\") end.", "<svg onload=alert('T3')>"],
    ["Talking about links: href=\" [y](https://a.example \"<img src=x onerror=alert('T2')>\") end.", "<img src=x onerror=alert('T2')>"],
    ["Talking about HTML: src=\" <span title=\"<img src=x onerror=alert('T1')>\">y</span> end.", "<img src=x onerror=alert('T1')>"],
  ])('a note that talks about HTML stays text: %s', async (body, payload) => {
    const { note, item } = await itemOf(body);
    const tree = fromHtml(item.content, { fragment: true });
    expect(handlers(tree)).toEqual([]);
    expect(elements(item.content)).toEqual(elements(note.html));
    let title = '';
    visit(tree, 'element', (node: Element) => {
      if (node.properties.title) title = String(node.properties.title);
    });
    expect(title).toBe(payload);
    expect(toString(tree)).toContain('end.');
  });

  it('never throws on a URL it cannot resolve: src="//[" as text, and as an attribute', async () => {
    const { item } = await itemOf('The text src="//[" is fine. <img src="//["> <a href="//[">bad</a> [ok](/x)');
    expect(toString(fromHtml(item.content, { fragment: true }))).toContain('src="//[" is fine.');
    expect(item.content).toContain('<img>');
    expect(item.content).toContain('<a>bad</a>');
    expect(item.content).toContain('href="https://garden.test/x"');
    expect(() => feedContent('<a href="http://[">x</a><img src="//[" srcset="//[ 1x, ok.png 2x">', PAGE)).not.toThrow();
    expect(feedContent('<img src="//[" srcset="//[ 1x, ok.png 2x">', PAGE)).toBe('<img srcset="https://garden.test/note/ok.png 2x">');
  });

  it('resolves relative URLs against the page, and keeps absolute ones as written', () => {
    const html = [
      '<a href="/oak/">o</a>',
      '<a href="#fn-1">f</a>',
      '<a href="../up?a=1&#x26;b=2">u</a>',
      '<a href="mailto:me@example.org">m</a>',
      '<a href="HTTPS://Example.org/A">e</a>',
      '<img src="/attachments/fern.svg" alt="">',
      '<picture><source srcset="/a.png 1x, b.png 2x, data:image/png;base64,AAA= 3x"></picture>',
      '<blockquote cite="/source/">q</blockquote>',
    ].join('');
    const content = feedContent(html, PAGE);
    expect(content).toContain('href="https://garden.test/oak/"');
    expect(content).toContain('href="https://garden.test/note/#fn-1"');
    expect(content).toContain('href="https://garden.test/up?a=1&#x26;b=2"');
    expect(content).toContain('href="mailto:me@example.org"');
    expect(content).toContain('href="HTTPS://Example.org/A"');
    expect(content).toContain('src="https://garden.test/attachments/fern.svg"');
    expect(content).toContain('srcset="https://garden.test/a.png 1x, https://garden.test/note/b.png 2x, data:image/png;base64,AAA= 3x"');
    expect(content).toContain('cite="https://garden.test/source/"');
    expect(absoluteUrl('//[', PAGE)).toBeUndefined();
    expect(absoluteUrl('', PAGE)).toBe(PAGE);
  });
});

describe('feed title and description: never markup in a reader that renders them as HTML', () => {
  const texts = [
    "<svg onload=alert('xss-5')></svg>",
    "<script>alert('XSST')</script> Title <b>bold</b>",
    'Tom & Jerry <3 ‘quotes’',
    'AT&T, &amp; and &lt;b&gt; written out, &#60;i&#62; too, </p> <!-- c --> <? pi ?> <!doctype x>',
    'a<b',
  ];

  it.each(texts)('title %s reads the same as text and as HTML', (text) => {
    const title = feedText(text);
    // As text, it is the title, give or take invisible word joiners.
    expect(title.replaceAll('\u2060', '')).toBe(text);
    // As HTML, it is the same words, and no element.
    const tree = fromHtml(title, { fragment: true });
    expect(tree.children.every((c) => c.type === 'text')).toBe(true);
    expect(toString(tree).replaceAll('\u2060', '')).toBe(text);
  });

  it('leaves a title that cannot be markup exactly as it is', () => {
    expect(feedText('Tom & Jerry <3 ‘quotes’')).toBe('Tom & Jerry <3 ‘quotes’');
    expect(feedText('日本の庭')).toBe('日本の庭');
  });

  it.each(texts)('description %s is HTML whose text is the description', (text) => {
    const tree = fromHtml(feedDescription(text), { fragment: true });
    expect(tree.children.every((c) => c.type === 'text')).toBe(true);
    expect(toString(tree)).toBe(text);
  });

  it('escapes a payload in frontmatter description and in the excerpt', async () => {
    const withDescription = await itemOf('Body.', "description: \"<img src=x onerror=alert('D')>\"\n");
    expect(withDescription.item.description).toBe('&lt;img src=x onerror=alert(\'D\')&gt;');
    const fromExcerpt = await itemOf("`<svg onload=alert('xss-5')></svg>` shown as code.");
    expect(toString(fromHtml(fromExcerpt.item.description, { fragment: true }))).toBe("<svg onload=alert('xss-5')></svg> shown as code.");
    expect(elements(fromExcerpt.item.description)).toEqual([]);
  });
});

describe('characters XML forbids', () => {
  const bad = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];

  it.each(bad.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]))('leaves out %s', (_name, c) => {
    expect(xmlText(`a${c}b`)).toBe('ab');
    expect(forbiddenXmlCharacters(`a${c}b${c}`)).toBe(2);
  });

  it('keeps tab, newline, return, paired surrogates and every other character', () => {
    const fine = 'tab\there\nnew\rret 🌿 \u{1F600} \u007F \u0085 \uFDD0 \uFFFD é 日本';
    expect(xmlText(fine)).toBe(fine);
    expect(forbiddenXmlCharacters(fine)).toBe(0);
    // A lone high surrogate followed by a pair: only the lone one goes.
    expect(xmlText('\uD800\uD83C\uDF3F')).toBe('🌿');
    expect(xmlText('\uD83C\uDF3F\uDF3F')).toBe('🌿');
  });

  it('reach no field of a feed item', async () => {
    const item = feedItem({ title: 'T\u0001\uFFFE', text: 'd\u0001\uD800', html: '<p title="a\u0001">x\u0001\uFFFF<a href="/y\u0001">y</a></p>', pageUrl: PAGE });
    for (const value of Object.values(item)) expect(forbiddenXmlCharacters(value), value).toBe(0);
  });

  it('a feed of notes holding them is well-formed XML', async () => {
    const { item, problems } = await itemOf('Body \u0001 with a control character and \uFFFE.', 'title: "Ti\\u0001tle <b>x</b>"\ndescription: "D\\u0001 <i>"\n');
    // Control characters are taken out of a note's text when it is read (and reported then); what
    // XML forbids beyond them (U+FFFE here) is left out of the feed and reported too.
    expect(problems.map((p) => p.message)).toContain('has 1 control character (such as NUL) in its text; removed');
    expect(problems.map((p) => p.message)).toContain('contains 1 character XML forbids (control characters, U+FFFE, U+FFFF); they are left out of the feed');
    const xml = await getRssString({
      title: feedText('Garden \u0001 <b>'),
      description: feedText('About \uFFFF'),
      site: 'https://garden.test',
      items: [{ ...item, link: PAGE, categories: [feedText('tag\u0001')] }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = new XMLParser({ processEntities: true, htmlEntities: false }).parse(xml).rss.channel;
    expect(channel.item.title).toBe('Title <\u2060b>x<\u2060/b>');
    expect(channel.item.description).toBe('D &lt;i&gt;');
    expect(channel.item['content:encoded']).toBe('<p>Body  with a control character and .</p>');
  });
});

describe('math in the feed', () => {
  it('keeps the MathML of a formula and drops the HTML that only KaTeX’s stylesheet lays out', () => {
    const html = '<p>E = <span class="katex"><span class="katex-mathml"><math><mi>m</mi></math></span><span class="katex-html" aria-hidden="true"><span class="base">m</span></span></span></p>';
    const out = feedContent(html, 'https://garden.test/a/');
    expect(out).toContain('<math><mi>m</mi></math>');
    expect(out).not.toContain('katex-html');
  });
});
