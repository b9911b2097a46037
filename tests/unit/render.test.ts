import { describe, expect, it } from 'vitest';
import { gardenOf, shared } from '../helpers/vault.ts';

/** Renders one shared note `note.md` in a vault with the given neighbours; returns its HTML. */
async function render(body: string, neighbours: Record<string, string> = {}, frontmatter = '') {
  const garden = await gardenOf({ 'note.md': shared(body, frontmatter), ...neighbours });
  const note = garden.notes.find((n) => n.path === 'note.md')!;
  return { html: note.html, note, garden };
}

const neighbours = {
  'Shared Note.md': shared('# Shared Note\n\n## Some Heading\n\nShared body text.', 'aliases: [Other name]\n'),
  'folder/Deep.md': shared('Deep body.'),
  'Private Note.md': '---\nshare: false\n---\nPRIVATE BODY',
  'img/photo.png': 'PNG',
  'docs/paper.pdf': 'PDF',
};

describe('links', () => {
  it.each([
    ['[[Shared Note]]', '<a href="/shared-note/" class="internal">Shared Note</a>'],
    ['[[shared note]]', '<a href="/shared-note/" class="internal">shared note</a>'],
    ['[[Shared Note|the text]]', '<a href="/shared-note/" class="internal">the text</a>'],
    ['[[Shared Note#Some Heading]]', '<a href="/shared-note/#some-heading" class="internal">Shared Note › Some Heading</a>'],
    ['[[folder/Deep]]', '<a href="/deep/" class="internal">folder/Deep</a>'],
    ['[[Other name]]', '<a href="/shared-note/" class="internal">Other name</a>'],
    ['[x](Shared%20Note.md)', '<a href="/shared-note/" class="internal">x</a>'],
    ['[x](<folder/Deep.md#top>)', '<a href="/deep/#top" class="internal">x</a>'],
    ['[[docs/paper.pdf]]', '<a href="/attachments/paper-'],
  ])('%s', async (markdown, expected) => {
    expect((await render(markdown, neighbours)).html).toContain(expected);
  });

  it('links to a heading of the same note', async () => {
    const { html } = await render('[[#Second part]]\n\n## Second part\n', neighbours);
    expect(html).toContain('<a href="#second-part" class="internal">Second part</a>');
    expect(html).toContain('<h2 id="second-part">Second part</h2>');
  });

  it.each([
    ['[[Private Note]]', 'Private Note'],
    ['[[Private Note|what I wrote]]', 'what I wrote'],
    ['[[Missing Note]]', 'Missing Note'],
    ['[x](Private%20Note.md)', 'x'],
  ])('%s to a private or missing note is plain text', async (markdown, text) => {
    const { html } = await render(markdown, neighbours);
    expect(html).toContain(`<span class="link-unresolved">${text}</span>`);
    expect(html).not.toContain('href="/private');
    expect(html).not.toContain('PRIVATE BODY');
  });

  it('renders private and missing links alike, so a visitor cannot tell which exist', async () => {
    const a = (await render('[[Private Note|x]]', neighbours)).html;
    const b = (await render('[[Nothing Here|x]]', neighbours)).html;
    expect(a).toBe(b);
  });
});

describe('embeds', () => {
  it('embeds an image attachment, with a width', async () => {
    const { html, garden } = await render('![[photo.png|300]]', neighbours);
    expect(html).toMatch(/<img src="\/attachments\/photo-[0-9a-f]{8}\.png" alt="photo" loading="lazy" width="300">/);
    expect(garden.attachments).toHaveLength(1);
  });

  it('embeds a shared note, and nothing for a private one', async () => {
    const { html } = await render('![[Shared Note]]\n\n![[Private Note]]\n\nafter', neighbours);
    expect(html).toContain('Shared body text.');
    expect(html).toContain('<div class="embed" data-embed="shared-note">');
    expect(html).not.toContain('PRIVATE');
    expect(html).not.toContain('Private Note');
    expect(html).toContain('<p>after</p>');
  });

  it('survives notes that embed each other', async () => {
    const garden = await gardenOf({ 'a.md': shared('A text ![[b]]'), 'b.md': shared('B text ![[a]]') });
    expect(garden.notes.find((n) => n.slug === 'a')!.html).toContain('B text');
  });

  it('copies only attachments that shared notes use', async () => {
    const garden = await gardenOf({
      'note.md': shared('![[used.png]]'),
      'secret.md': '---\nshare: false\n---\n![[private-only.png]]',
      'used.png': 'A',
      'private-only.png': 'B',
    });
    expect(garden.attachments.map((a) => a.source.split('/').pop())).toEqual(['used.png']);
  });
});

describe('Markdown', () => {
  it('renders GitHub-flavoured Markdown', async () => {
    const { html } = await render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~ https://example.org\n\nText[^n].\n\n[^n]: Footnote.');
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
    expect(html).toMatch(/<a href="#user-content-fn-n" id="user-content-fnref-n"/);
    expect(html).toContain('<li id="user-content-fn-n">');
  });

  it('renders callouts, foldable ones as <details>', async () => {
    const { html } = await render('> [!warning] Watch out\n> Body here.\n\n> [!tip]- Folded\n> Hidden.');
    expect(html).toContain('<div class="callout callout-warning">');
    expect(html).toContain('<p class="callout-title">Watch out</p>');
    expect(html).toContain('Body here.');
    expect(html).toContain('<details class="callout callout-tip">');
    expect(html).toContain('<summary class="callout-title">Folded</summary>');
  });

  it('renders ==highlights==', async () => {
    expect((await render('a ==bright== idea')).html).toContain('a <mark>bright</mark> idea');
  });

  it('highlights words holding escaped syntax, which stays written out: no tag, no link', async () => {
    const note = await render('==see \\#later and \\[\\[Other\\]\\]== now', { 'Other.md': '---\nshare: true\n---\nx' });
    expect(note.html).toContain('<mark>see #later and [[Other]]</mark> now');
    expect(note.note.tags).not.toContain('later');
    // Unescaped, the tag is one.
    const plain = await render('==see #later== now');
    expect(plain.note.tags).toContain('later');
    expect(plain.html).toMatch(/<mark>see <a[^>]*>#later<\/a><\/mark> now/);
  });

  it('highlights a wikilink and other markup inside a highlight, and a link to a private note as its plain words', async () => {
    const note = await render('==see [[Other]] and **this**== now, ==not [[Private Note]] here==', { 'Other.md': shared('x'), 'Private Note.md': '---\nshare: false\n---\nPRIVATE' });
    expect(note.html).toMatch(/<mark>see <a [^>]*href="\/other\/"[^>]*>Other<\/a> and <strong>this<\/strong><\/mark> now/);
    expect(note.html).toMatch(/<mark>not <span class="link-unresolved">Private Note<\/span> here<\/mark>/);
    expect(note.html).not.toContain('private-note');
    expect(note.note.outgoing).toContain('other');
    // An embed in a table cell stays in its line, and is a block a <mark> may not hold.
    const cell = await render('| a |\n| --- |\n| ==see ![[Other]] too== and ==this== |', { 'Other.md': shared('Embedded body.') });
    expect(cell.html).toContain('Embedded body.');
    expect(cell.html).toContain('<mark>this</mark>');
    for (const [, marked] of cell.html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)) expect(marked).not.toMatch(/<(div|p)\b/);
    // Raw HTML is a wall: a highlight would take half of it.
    expect((await render('==a <sub>raw</sub> tag== and ==b <sub>c==</sub>')).html).toContain('==a <sub>raw</sub> tag== and ==b <sub>c==</sub>');
  });

  it('highlights code at build time', async () => {
    const { html } = await render('```js\nconst x = 1;\n```');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it('removes Obsidian and HTML comments, outside code only', async () => {
    const { html } = await render('keep %%HIDDEN1%% this\n\n%%\nHIDDEN2\n%%\n\n<!-- HIDDEN3 -->\n\n```\n%% shown in code %%\n```');
    expect(html).not.toMatch(/HIDDEN/);
    expect(html).toContain('keep  this');
    expect(html).toContain('%% shown in code %%');
  });

  it('hides everything after an unclosed %% and reports it', async () => {
    const { html, garden } = await render('visible\n\n%% HIDDEN forever\n\nstill HIDDEN');
    expect(html).toContain('visible');
    expect(html).not.toContain('HIDDEN');
    expect(garden.problems.some((p) => p.file === 'note.md' && p.message.includes('%%'))).toBe(true);
  });

  it('reads inline #tags, but not in code or headings', async () => {
    const { note, html } = await render('Some #idea and #nested/tag here, `#code` and #123.\n\n## Heading #nottag\n\n```\n#nottag2\n```');
    expect(note.tags).toEqual(['idea', 'nested/tag']);
    expect(html).toContain('<a href="/tags/idea/" class="tag">#idea</a>');
  });

  it('does not show the title twice when it is the first heading', async () => {
    const { note, html } = await render('# My Title\n\nBody');
    expect(note.title).toBe('My Title');
    expect(html).not.toContain('<h1');
  });
});

describe('broken HTML from e-mail', () => {
  it('keeps the text after an unclosed attribute', async () => {
    const { html } = await render('<table><tr><td><a href="https://x.example/?a=1\n\nAFTER the broken link.\n\n## Still here\n');
    expect(html).toContain('AFTER the broken link.');
    expect(html).toContain('Still here');
  });

  it('keeps the text after an unclosed tag', async () => {
    const { html } = await render('<div><table><tr><td>cell\n\nAFTER the table.\n');
    expect(html).toContain('AFTER the table.');
    expect(html).not.toMatch(/<td>[^<]*AFTER/);
  });

  it('keeps the text after an unclosed <script> or <pre>, without the script', async () => {
    const { html } = await render('<script>alert(1)\n\nAFTER the script.\n\n<pre>code\n\nAFTER the pre.');
    expect(html).toContain('AFTER the script.');
    expect(html).toContain('AFTER the pre.');
    expect(html).not.toContain('alert');
  });
});
