import { describe, expect, it } from 'vitest';
import type { Element } from 'hast';
import { toString as toText } from 'hast-util-to-string';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { gardenOf, shared, noteTree } from '../helpers/vault.ts';

/* Block references and section embeds, as help.obsidian.md ("Internal links", "Embed files") writes them. */
const source = shared(
  [
    'Intro paragraph.',
    '',
    '## First part',
    '',
    'A paragraph worth quoting. ^quote-me',
    '',
    '### Detail',
    '',
    'Detail text.',
    '',
    '- item one',
    '- item two ^item-two',
    '',
    '> A quotation',
    '> over two lines',
    '',
    '^the-quote',
    '',
    '| a | b |',
    '| - | - |',
    '| 1 | 2 |',
    '',
    '^the-table',
    '',
    '## Second part',
    '',
    'Second text.',
  ].join('\n'),
);

async function garden(linker: string) {
  return gardenOf({ 'Source.md': source, 'linker.md': shared(linker), 'Secret.md': '---\nshare: false\n---\n## Hidden heading\n\nSECRET WORDS ^secret-block' });
}
const htmlOf = (g: Awaited<ReturnType<typeof garden>>, slug: string) => g.notes.find((n) => n.slug === slug)!.html;

describe('block references', () => {
  it('give paragraphs, list items, quotes and tables an id and are not shown', async () => {
    const g = await garden('x');
    const html = htmlOf(g, 'source');
    expect(html).toContain('<p id="^quote-me">A paragraph worth quoting.</p>');
    expect(html).toContain('<li id="^item-two">item two</li>');
    expect(html).toMatch(/<blockquote id="\^the-quote">/);
    expect(html).toMatch(/<table id="\^the-table">/);
    expect(html).not.toMatch(/\^(quote-me|item-two|the-quote|the-table)</);
    expect(html).not.toContain('<p>^');
  });

  it('are linked to with [[Note#^id]]', async () => {
    const html = htmlOf(await garden('See [[Source#^quote-me]] and [[Source#^item-two|that item]].'), 'linker');
    expect(html).toContain('href="/source/#%5Equote-me"');
    expect(html).toContain('>that item</a>');
  });

  it('keep their id, around all their words, when the paragraph embeds a note (an embed elsewhere splits its paragraph)', async () => {
    const g = await garden('Quoted here ![[Source#^quote-me]] and kept. ^with-embed\n\nBefore ![[Source#^item-two]] after.');
    const block = noteTree(g, 'linker').children.find((node) => node.type === 'element' && node.properties.id === '^with-embed') as Element;
    expect(block.tagName).toBe('div');
    expect(toText(block)).toMatch(/^\s*Quoted here\s+Source\s*A paragraph worth quoting\.\s+and kept\.\s*$/);
    expect(htmlOf(g, 'linker')).toMatch(/<p>Before <\/p>\s*<div class="embed[^"]*"/);
  });

  it('embedded in a paragraph that names a block is found whole by a link or an embed of that block', async () => {
    const g = await gardenOf({
      'Source.md': source,
      'middle.md': shared('Quoted ![[Source#^quote-me]] and kept. ^with-embed'),
      'linker.md': shared('![[middle#^with-embed]]'),
    });
    const text = toText(noteTree(g, 'linker'));
    expect(text).toMatch(/Quoted[\s\S]*A paragraph worth quoting\.[\s\S]*and kept\./);
    expect(g.problems.filter((p) => p.file === 'linker.md')).toEqual([]);
  });

  it('are embedded alone with ![[Note#^id]]', async () => {
    const html = htmlOf(await garden('![[Source#^quote-me]]\n\n![[Source#^item-two]]'), 'linker');
    expect(html).toContain('A paragraph worth quoting.');
    expect(html).toContain('item two');
    expect(html).not.toContain('item one');
    expect(html).not.toContain('Intro paragraph');
    expect(html).not.toContain('Detail text');
  });
});

describe('section embeds', () => {
  it('embed a heading and what follows, to the next heading of the same or a higher level', async () => {
    const html = htmlOf(await garden('Before.\n\n![[Source#First part]]\n\nAfter.'), 'linker');
    expect(html).toContain('A paragraph worth quoting.');
    expect(html).toContain('Detail text.');
    expect(html).toContain('A quotation');
    expect(html).not.toContain('Second text.');
    expect(html).not.toContain('Intro paragraph.');
    expect(html).toMatch(/<p>Before\.<\/p>[\s\S]*First part[\s\S]*<p>After\.<\/p>/);
  });

  it('of a lower heading stop at the next heading of its level or higher', async () => {
    const html = htmlOf(await garden('![[Source#Detail]]'), 'linker');
    expect(html).toContain('Detail text.');
    expect(html).not.toContain('A paragraph worth quoting.');
    expect(html).not.toContain('Second text.');
  });

  it('of a missing heading or block show nothing and are reported', async () => {
    const g = await garden('![[Source#No such heading]] ![[Source#^no-such-block]] after');
    expect(htmlOf(g, 'linker')).not.toContain('Intro paragraph');
    const messages = g.problems.filter((p) => p.file === 'linker.md').map((p) => p.message);
    expect(messages).toContain('embeds "Source#No such heading", but "Source" has no such heading; nothing is shown');
    expect(messages).toContain('embeds "Source#^no-such-block", but "Source" has no such block; nothing is shown');
  });

  it('of a private note, its sections and blocks leak nothing and are reported', async () => {
    const g = await garden('![[Secret#Hidden heading]] ![[Secret#^secret-block]] [[Secret#^secret-block]] ![[Secret]] visible');
    const html = htmlOf(g, 'linker');
    expect(html).toContain('visible');
    expect(html).not.toMatch(/SECRET|secret-block|Hidden heading|href="\/secret/);
    expect(g.problems.filter((p) => p.file === 'linker.md').map((p) => p.message)).toContain('embeds "Secret#Hidden heading", a private note; nothing of it is shown');
  });

  it('stay bounded when sections embed each other', async () => {
    const g = await gardenOf({
      'a.md': shared('## A\n\nA text ![[b#B]]'),
      'b.md': shared('## B\n\nB text ![[a#A]]'),
      'c.md': shared('## C\n\nC text ![[c#C]]'),
    });
    expect(htmlOf(g, 'a')).toContain('B text');
    expect(htmlOf(g, 'c')).toContain('C text');
  });
});

describe('the heading that is a note\'s title', () => {
  it('stays a target: a link lands on the page\'s title and an embed of its section shows the section', async () => {
    const g = await gardenOf({
      'Obsidian Community Coworking.md': shared('![badge](https://img.example/b.svg)\n\n# Obsidian Community Coworking\n\nWe meet on Fridays.\n\n## Schedule\n\nNoon.'),
      'linker.md': shared('[[Obsidian Community Coworking#Obsidian Community Coworking]]\n\n![[Obsidian Community Coworking#Obsidian Community Coworking]]'),
    });
    const titled = g.notes.find((n) => n.slug === 'obsidian-community-coworking')!;
    expect(titled.title).toBe('Obsidian Community Coworking');
    expect(titled.titleId).toBe('obsidian-community-coworking');
    // Shown once: as the page's title, not again in the body.
    expect(titled.html).not.toMatch(/<h1/);
    const html = htmlOf(g, 'linker');
    expect(html).toContain('href="/obsidian-community-coworking/#obsidian-community-coworking"');
    expect(html).toMatch(/<div class="embed[^>]*>[\s\S]*We meet on Fridays\.[\s\S]*Noon\./);
    expect(g.problems.filter((p) => p.file === 'linker.md')).toEqual([]);
  });
});

describe('links to headings and blocks', () => {
  it('match headings as Obsidian does: punctuation read as spaces, spaces collapsed, any case', async () => {
    const g = await gardenOf({
      'CONTRIBUTING.md': shared('## Setup & Vault Consistency\n\nText.\n\n###### D&D WOTC\n\nMore.\n\n## Step 1: Do it\n\nDone.'),
      'linker.md': shared('[[CONTRIBUTING#Setup Vault Consistency]] [[CONTRIBUTING#D D WOTC]] [[CONTRIBUTING#step 1 do  it]] [[CONTRIBUTING#Setup & Vault Consistency]]'),
    });
    const source = g.notes.find((n) => n.slug === 'contributing')!.html;
    const ids = [...source.matchAll(/<h\d id="([^"]+)"/g)].map((m) => m[1]);
    const fragments = [...htmlOf(g, 'linker').matchAll(/href="\/contributing\/#([^"]+)"/g)].map((m) => m[1]);
    expect(fragments).toEqual([ids[0], ids[1], ids[2], ids[0]]);
    expect(g.problems.filter((p) => p.file === 'linker.md')).toEqual([]);
  });

  it('within the note itself are checked too, and a section of the note itself can be embedded', async () => {
    const g = await gardenOf({
      'Self.md': shared('[[#Later part]] [[#Nowhere here]] [[#^nothing]]\n\n![[#Later part]] ![[#Not here]]\n\n## Later part\n\nLater words.'),
    });
    expect(g.problems.filter((p) => p.file === 'Self.md').map((p) => p.message).sort()).toMatchObject([
      expect.stringMatching(/^embeds "#Not here", but /),
      'links to "#Nowhere here", but that note has no such heading',
      'links to "#^nothing", but that note has no such block',
    ]);
    const html = htmlOf(g, 'self');
    expect(html).toContain('href="#later-part"');
    expect(html).toMatch(/<div class="embed[^>]*>[\s\S]*Later words\.[\s\S]*<\/div>\s*<h2 id="later-part">/);
  });

  it('match block ids in any case, and an id at the end of a list item\'s first line names the item', async () => {
    const g = await gardenOf({
      'Steps.md': shared('1. Open it.\n2. Type the name, or just press enter. ^8cdfd9\n    ![shot](https://img.example/s.png)\n3. Done.'),
      'linker.md': shared('[[Steps#^8CDFD9]] ![[Steps#^8cdfd9]]'),
    });
    expect(htmlOf(g, 'steps')).toMatch(/<li id="\^8cdfd9">Type the name, or just press enter\.\n<img/);
    expect(htmlOf(g, 'linker')).toContain('href="/steps/#^8cdfd9"');
    expect(htmlOf(g, 'linker')).toMatch(/<div class="embed[\s\S]*Type the name/);
    expect(g.problems.filter((p) => p.file === 'linker.md')).toEqual([]);
  });


  it('are reported when the note has no such heading or block', async () => {
    const g = await garden('[[Source#First part]] [[Source#Nowhere]] [[Source#^quote-me]] [[Source#^nothing]] [[Source#First part#Detail]]');
    const messages = g.problems.filter((p) => p.file === 'linker.md').map((p) => p.message).sort();
    expect(messages).toEqual([
      'links to "Source#Nowhere", but that note has no such heading',
      'links to "Source#^nothing", but that note has no such block',
    ]);
  });
});

/** The HTML as a browser reads it: a <div> where HTML allows none is moved by the parser, and serializing shows it. */
const asBrowserReadsIt = (html: string) => toHtml(fromHtml(html, { fragment: true }));

describe('embeds written in a line of text', () => {
  const lines = [
    'One *em ![[Source#^quote-me]] tail* end.',
    '',
    '**bold ~~struck ![[Source#^item-two]] on~~ out** done.',
    '',
    '## Heading ![[Source#^quote-me]] words',
    '',
    '> [!note] Title ![[Source#^quote-me]] rest',
    '> Body.',
    '',
    '> [!tip]- Folded ![[Source#^item-two]] title',
    '> Hidden.',
    '',
    '| cell |',
    '| - |',
    '| ![[Source#^quote-me]] |',
  ];

  it('stand where a block may, so a browser reads the page as written', async () => {
    const html = htmlOf(await garden(lines.join('\n')), 'linker');
    expect(html).toContain('A paragraph worth quoting.');
    expect(asBrowserReadsIt(html)).toBe(html);
  });

  it('keep the emphasis they sat in on both sides, and headings and callout titles keep their words', async () => {
    const html = htmlOf(await garden(lines.join('\n')), 'linker');
    expect(html).toMatch(/<p>One <em>em <\/em><\/p>\s*<div class="embed[^>]*>[\s\S]*?<\/div>\s*<p><em> tail<\/em> end\.<\/p>/);
    expect(html).toMatch(/<p><strong>bold <del>struck <\/del><\/strong><\/p>\s*<div class="embed[^>]*>[\s\S]*?<\/div>\s*<p><strong><del> on<\/del> out<\/strong> done\.<\/p>/);
    expect(html).toMatch(/<h2 id="[^"]*">Heading +words<\/h2>\s*<div class="embed/);
    expect(html).toMatch(/<p class="callout-title">Title +rest<\/p>\s*<div class="embed/);
    expect(html).toMatch(/<summary class="callout-title">Folded +title<\/summary>\s*<div class="embed/);
    expect(html).toMatch(/<td><div class="embed/);
  });

  it('leave a heading one space where they stood, its id its words as Obsidian matches them (the embed\'s too); a callout titled by an embed alone is named by its type', async () => {
    const html = htmlOf(await garden('## Heading ![[Source#^quote-me]] words\n\n> [!note] ![[Source#^item-two]]\n> Body.'), 'linker');
    expect(html).toMatch(/<h2 id="heading-source-quote-me-words">Heading words<\/h2>/);
    expect(html).toMatch(/<p class="callout-title">Note<\/p>\s*<div class="embed/);
  });

  it('leave no empty line or empty markup where they cut a line, and a paragraph of nothing goes', async () => {
    const html = htmlOf(await garden('Before  \n![[Source#^quote-me]]  \nafter.\n\n**![[Secret]]**\n\nEnd.'), 'linker');
    expect(html).toMatch(/<p>Before<\/p>\s*<div class="embed[\s\S]*?<\/div>\s*<p>after\.<\/p>\s*<p>End\.<\/p>/);
    expect(html).not.toContain('<br>');
    expect(html).not.toContain('<strong></strong>');
  });

  it('in a paragraph that names a block leave its words in the excerpt', async () => {
    const g = await garden('Opening words ![[Source#^quote-me]] closing words. ^first\n\nMore.');
    expect(g.notes.find((n) => n.slug === 'linker')!.excerpt).toBe('Opening words closing words. More.');
  });
});

