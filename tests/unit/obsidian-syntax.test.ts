import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { gardenOf, shared, noteOf as note, noteTree as tree, problemsOf } from '../helpers/vault.ts';
import { buildGarden } from '../../src/garden/build-garden.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';

/* Obsidian's syntax (help.obsidian.md) as the garden renders it, item by item. */


describe('math', () => {
  it('typesets $inline$ and $$block$$ math at build time, with MathML for screen readers, and tells the page', async () => {
    const garden = await gardenOf({ 'm.md': shared('Euler: $e^{i\\pi} + 1 = 0$.\n\n$$\n\\frac{a}{b}\n$$\n') });
    const html = tree(garden, 'm');
    expect(selectAll('p .katex', html)).toHaveLength(1);
    expect(selectAll('.katex-display .katex', html)).toHaveLength(1);
    expect(select('math annotation[encoding="application/x-tex"]', html) && toString(select('annotation', html)!)).toBe('e^{i\\pi} + 1 = 0');
    expect(note(garden, 'm').hasMath).toBe(true);
    expect(note(garden, 'm').hasDiagram).toBeUndefined();
    expect(garden.problems).toEqual([]);
  });

  it('typesets $$…$$ alone on its line as display math, as Obsidian does, and $$…$$ within a line inline', async () => {
    const garden = await gardenOf({ 'm.md': shared('$$x^2 + y^2$$\n\n> $$\\sqrt{2}$$\n\nIn a line: $$a+b$$ stays inline.\n') });
    const html = tree(garden, 'm');
    expect(selectAll('.katex-display', html).map((k) => toString(select('annotation', k)!))).toEqual(['x^2 + y^2', '\\sqrt{2}']);
    expect(selectAll('p .katex', html).map((k) => toString(select('annotation', k)!))).toEqual(['a+b']);
  });

  it('typesets math inside callouts, lists and tables', async () => {
    const garden = await gardenOf({
      'm.md': shared('> [!note] Circles\n> Area $\\pi r^2$.\n>\n> $$\n> \\int_0^1 x\\,dx\n> $$\n\n- item $\\sqrt{2}$\n\n| a | b |\n| --- | --- |\n| $a^2$ | $b_1$ |\n'),
    });
    const html = tree(garden, 'm');
    expect(selectAll('.callout .katex', html)).toHaveLength(2);
    expect(selectAll('.callout .katex-display', html)).toHaveLength(1);
    expect(selectAll('li .katex', html)).toHaveLength(1);
    expect(selectAll('td .katex', html)).toHaveLength(2);
  });

  it('leaves prices, escaped dollars and dollars next to spaces as text (Obsidian\'s rule)', async () => {
    const garden = await gardenOf({
      'm.md': shared('It costs $5 and $10.\n\nEscaped \\$20 and \\$30.\n\nSpaced $ x $ here.\n\nFrom $5/$10.\n\nA price $5, then math $x$.\n'),
    });
    const html = tree(garden, 'm');
    const paragraphs = selectAll('p', html).map((p) => toString(p));
    expect(paragraphs.slice(0, 4)).toEqual(['It costs $5 and $10.', 'Escaped $20 and $30.', 'Spaced $ x $ here.', 'From $5/$10.']);
    expect(selectAll('.katex', html).map((k) => toString(select('annotation', k)!))).toEqual(['x']);
    expect(paragraphs[4]).toMatch(/^A price \$5, then math /);
  });

  it('shows TeX it cannot typeset as its source, reports it by file, and publishes the note', async () => {
    const garden = await gardenOf({ 'bad.md': shared('Broken: $\\frac{1}{$ and fine: $x^2$.') });
    const html = tree(garden, 'bad');
    expect(selectAll('code.math-error', html).map((c) => toString(c))).toEqual(['\\frac{1}{']);
    expect(selectAll('.katex', html)).toHaveLength(1);
    const problems = garden.problems.filter((p) => p.file === 'bad.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.severity).toBe('warning');
    expect(problems[0]!.message).toMatch(/^math at line 4 cannot be typeset, so its TeX is shown as written: /);
  });

  it('lets a note hand KaTeX only text: no MathML, KaTeX classes, links or styles of its own', async () => {
    const garden = await gardenOf({
      'x.md': shared(
        [
          '<math><mi href="javascript:alert(1)">x</mi></math> <span class="katex" style="color:red">fake</span>',
          '',
          'Link: $\\href{javascript:alert(1)}{click}$ and $\\url{https://evil.example}$ and $\\htmlClass{evil}{x}$ and $\\htmlStyle{color:red}{y}$',
          '',
          '<code class="language-math">\\mathbf{z} <img src=x onerror=alert(1)></code>',
        ].join('\n'),
      ),
    });
    const html = note(garden, 'x').html;
    expect(html).not.toMatch(/onerror|<img|class="evil"|style="[^"]*color:red/);
    const tree = fromHtml(html, { fragment: true });
    // The TeX is kept only as text, in MathML's annotation; no element links anywhere.
    expect(selectAll('a, [href]', tree)).toEqual([]);
    const written = selectAll('p > span', tree).filter((s) => !(s.properties.className as string[]).includes('katex'));
    expect(written.map((s) => [s.properties.className, s.properties.style])).toEqual([[[], undefined]]);
    // Every <math> and every KaTeX class was written by KaTeX from text.
    for (const math of selectAll('math', tree)) expect(select('annotation', math)).toBeDefined();
    expect(selectAll('span.katex', tree).length).toBeGreaterThanOrEqual(4);
  });

  it('tells a page that embeds a note with math to link the stylesheet; a page without math does not', async () => {
    const garden = await gardenOf({
      'Formula.md': shared('$a^2$'),
      'Host.md': shared('Here:\n\n![[Formula]]'),
      'Plain.md': shared('No $ math here, $ really.'),
    });
    expect(note(garden, 'host').hasMath).toBe(true);
    expect(note(garden, 'host').html).toContain('class="katex"');
    expect(note(garden, 'plain').hasMath).toBeUndefined();
  });
});

describe('Mermaid diagrams', () => {
  it('keeps a diagram\'s source in the page, marked for the diagram script, and tells the page', async () => {
    const garden = await gardenOf({ 'd.md': shared('```mermaid\ngraph TD\nBiology --> Chemistry\n```\n') });
    const figure = select('figure.diagram', tree(garden, 'd'))!;
    expect(figure.properties.dataDiagram).toBe('mermaid');
    expect(toString(select('pre > code.language-mermaid', figure)!)).toBe('graph TD\nBiology --> Chemistry\n');
    // Not highlighted: the script reads the source as text.
    expect(select('.hljs', figure)).toBeUndefined();
    expect(note(garden, 'd').hasDiagram).toBe(true);
    expect(garden.problems).toEqual([]);
  });

  it('reports a diagram Mermaid cannot read by file, and shows its source with the reason under it, needing no script', async () => {
    const garden = await gardenOf({ 'd.md': shared('Text.\n\n```mermaid\ngraph TD\n  A[Unclosed --> B{\n```\n') });
    const figure = select('figure.diagram', tree(garden, 'd'))!;
    expect(figure.properties.dataDiagram).toBeUndefined();
    expect(toString(select('pre', figure)!)).toContain('A[Unclosed --> B{');
    expect(toString(select('figcaption.diagram-error', figure)!)).toMatch(/^This diagram cannot be drawn: Parse error on line 2/);
    expect(note(garden, 'd').hasDiagram).toBeUndefined();
    expect(problemsOf(garden, 'd.md')).toEqual([expect.stringMatching(/^the Mermaid diagram at line 6 cannot be drawn, so its source is shown: Parse error/)]);
  });

  it('reads every kind of diagram Obsidian draws', async () => {
    const diagrams = [
      'sequenceDiagram\n  Alice->>John: Hello',
      'pie title Pets\n  "Dogs" : 386\n  "Cats" : 85',
      'gantt\n  dateFormat YYYY-MM-DD\n  section A\n  Task :a1, 2014-01-01, 30d',
      'classDiagram\n  Animal <|-- Duck',
      'stateDiagram-v2\n  [*] --> Still',
      'mindmap\n  root((garden))\n    seeds',
    ];
    const garden = await gardenOf({ 'd.md': shared(diagrams.map((d) => `\`\`\`mermaid\n${d}\n\`\`\`\n`).join('\n')) });
    expect(selectAll('figure[data-diagram="mermaid"]', tree(garden, 'd'))).toHaveLength(diagrams.length);
    expect(garden.problems).toEqual([]);
  });

  it('marks no diagram a note forges in raw HTML, and other pages carry nothing', async () => {
    const garden = await gardenOf({ 'd.md': shared('<figure class="diagram" data-diagram="mermaid"><pre>x</pre></figure>\n\n```js\nlet mermaid = 1;\n```\n') });
    expect(note(garden, 'd').html).not.toContain('data-diagram');
    expect(note(garden, 'd').hasDiagram).toBeUndefined();
  });
});

describe('media embeds', () => {
  const files = {
    'Attachments/Media/clip.mp4': 'video',
    'Attachments/Media/clip.webm': 'video',
    'Attachments/talk.mp3': 'audio',
    'deep/er/voice.m4a': 'audio',
    'papers/paper.pdf': '%PDF',
    'img/Engelbart.png': 'png',
  };

  it('embeds video and audio as players with controls, never autoplay; a PDF as a link to the copied file', async () => {
    const garden = await gardenOf({ ...files, 'm.md': shared('![[clip.mp4]]\n\n![[clip.webm]]\n\n![[talk.mp3]] and ![[voice.m4a|My voice]]\n\n![[paper.pdf]]\n') });
    const html = tree(garden, 'm');
    const urls = new Map(garden.attachments.map((a) => [path.basename(a.source), a.url]));
    const videos = selectAll('video', html);
    expect(videos.map((v) => v.properties.src)).toEqual([urls.get('clip.mp4'), urls.get('clip.webm')]);
    for (const player of [...videos, ...selectAll('audio', html)]) {
      expect(player.properties.controls).toBe(true);
      expect(player.properties.autoPlay).toBeUndefined();
      // A browser without the player shows the file's link.
      expect(select('a.attachment', player)!.properties.href).toBe(player.properties.src);
    }
    expect(selectAll('audio', html).map((a) => [a.properties.src, toString(a)])).toEqual([
      [urls.get('talk.mp3'), 'talk.mp3'],
      [urls.get('voice.m4a'), 'My voice'],
    ]);
    const pdf = select('a.attachment[href$=".pdf"]', html)!;
    expect(pdf.properties.href).toBe(urls.get('paper.pdf'));
    expect(toString(pdf)).toBe('paper.pdf');
    expect(selectAll('iframe, object, embed', html)).toEqual([]);
    expect(garden.problems).toEqual([]);
  });

  it('sizes images as Obsidian does and drops a #fragment after an image\'s name', async () => {
    const garden = await gardenOf({ ...files, 'm.md': shared('![[Engelbart.png|100]] ![[Engelbart.png|100x50]] ![[Engelbart.png#Caption]] ![[Engelbart.png|A pioneer]]') });
    const images = selectAll('img', tree(garden, 'm'));
    const url = garden.attachments[0]!.url;
    expect(images.map((i) => [i.properties.src, i.properties.width, i.properties.height, i.properties.alt])).toEqual([
      [url, 100, undefined, 'Engelbart'],
      [url, 100, 50, 'Engelbart'],
      [url, undefined, undefined, 'Engelbart'],
      [url, undefined, undefined, 'A pioneer'],
    ]);
    expect(garden.problems).toEqual([]);
  });

  it('finds attachments by name anywhere in the vault, and by path', async () => {
    const garden = await gardenOf({ ...files, 'notes/deep/m.md': shared('![[voice.m4a]] ![[deep/er/voice.m4a]] ![[Attachments/talk.mp3]] [[paper.pdf|the paper]]') });
    const html = tree(garden, 'm');
    expect(selectAll('audio', html).map((a) => path.basename(String(a.properties.src)).replace(/-[0-9a-f]{8}/, ''))).toEqual(['voice.m4a', 'voice.m4a', 'talk.mp3']);
    expect(toString(select('a.attachment[href$=".pdf"]', html)!)).toBe('the paper');
    expect(garden.problems).toEqual([]);
  });

  it('plays only the garden\'s own attachments: a player of another site\'s file, or with autoplay, is not kept as written', async () => {
    const garden = await gardenOf({
      ...files,
      'm.md': shared(
        '<video src="https://evil.example/x.mp4" autoplay loop muted poster="https://evil.example/p.png"><source src="https://evil.example/y.mp4"><a href="https://evil.example">elsewhere</a></video>\n\n<audio src="Attachments/talk.mp3" autoplay></audio>\n\n<video><source src="Attachments/Media/clip.mp4" type="video/mp4"></video>\n',
      ),
    });
    const html = note(garden, 'm').html;
    expect(html).not.toMatch(/evil\.example\/(x|y|p)|autoplay|loop|muted|poster/);
    const parsed = fromHtml(html, { fragment: true });
    expect(selectAll('video, audio', parsed).map((p) => p.properties.controls)).toEqual([true, true]);
    expect(select('audio', parsed)!.properties.src).toMatch(/^\/attachments\/talk-[0-9a-f]{8}\.mp3$/);
    expect(select('video source', parsed)!.properties.src).toMatch(/^\/attachments\/clip-[0-9a-f]{8}\.mp4$/);
  });
});

describe('properties Obsidian users have', () => {
  it('reads permalink (Obsidian Publish) as the slug', async () => {
    const garden = await gardenOf({ 'P.md': shared('x', 'permalink: obsidian/properties\n'), 'Q.md': shared('y', 'slug: mine\npermalink: theirs\n') });
    expect(garden.notes.map((n) => n.slug).sort()).toEqual(['mine', 'obsidian/properties']);
  });

  it('reports publish: true and dg-publish: true by name, asking about share: true, and publishes neither', async () => {
    const garden = await gardenOf({
      'Publish.md': '---\npublish: true\n---\nzqpublishcanary',
      'Garden.md': '---\ndg-publish: true\n---\nzqdgcanary',
    });
    expect(garden.notes).toEqual([]);
    expect(problemsOf(garden, 'Publish.md')).toEqual(['not published: has "publish: true" (Obsidian Publish, Quartz); did you mean `share: true`?']);
    expect(problemsOf(garden, 'Garden.md')).toEqual(['not published: has "dg-publish: true" (Obsidian Digital Garden); did you mean `share: true`?']);
  });

  it('publishes none of cssclasses, dg-* or other keys the garden does not know', async () => {
    const garden = await gardenOf({
      'P.md': shared('Body.', 'cssclasses:\n  - zqcssclass\ndg-home: zqdghome\ndg-note-properties: zqdgprop\npublish: zqpublish\nauthor: zqauthor\n'),
    });
    expect(JSON.stringify({ ...garden, tags: [...garden.tags.values()] })).not.toMatch(/zq(cssclass|dghome|dgprop|publish|author)/);
  });
});

describe('excerpts', () => {
  it('leave out footnote numbers and the footnotes, and embedded notes\' titles', async () => {
    const garden = await gardenOf({
      'F.md': shared('Gardens need ==patience==.[^1] Links such as these.[^note]\n\n[^1]: And water.\n[^note]: More.\n'),
      'E.md': shared('Before ![[Other]] after.\n\n![[Other]]\n\nEnd.'),
      'Other.md': shared('Embedded words.', 'title: Zq embedded title\n'),
    });
    expect(note(garden, 'f').excerpt).toBe('Gardens need patience. Links such as these.');
    expect(note(garden, 'e').excerpt).toBe('Before after. End.');
  });
});

describe('dates', () => {
  it('keeps a date whose written weekday is not its day, and warns by file', async () => {
    const garden = await gardenOf({ 'W.md': shared('x', 'created: 2025-06-14 Wed 9:48pm\nupdated: 2025-06-18 Wed 10:46pm\n') });
    expect(note(garden, 'w').created).toBe('2025-06-14T21:48:00Z');
    expect(note(garden, 'w').updated).toBe('2025-06-18T22:46:00Z');
    expect(problemsOf(garden, 'W.md')).toEqual(['created "2025-06-14 Wed 9:48pm": 14 June 2025 is a Saturday, not a Wednesday; the date is kept, the weekday ignored']);
  });
});

describe('the Obsidian fixture vault', () => {
  it('publishes its shared notes, reports what it cannot render, and keeps its private notes out', async () => {
    const garden = await buildGarden(resolveConfig({ contentDir: path.resolve(import.meta.dirname, '../fixtures/obsidian-vault') }, {}));
    expect(garden.notes.map((n) => n.slug).sort()).toEqual(
      ['broken-diagram', 'broken-math', 'canvas', 'diagrams', 'embeds-math', 'footnotes', 'internal-links', 'long-lines', 'math', 'media', 'obsidian/properties', 'plain-note', 'three-laws-of-motion', 'weekday'],
    );
    expect(garden.problems.map((p) => p.file)).toEqual(['Board.canvas', 'Broken diagram.md', 'Broken math.md', 'Digital garden note.md', 'Notes/Weekday.md', 'Published elsewhere.md']);
    expect(garden.notes.filter((n) => n.hasMath).map((n) => n.slug).sort()).toEqual(['broken-math', 'embeds-math', 'math']);
    expect(garden.notes.filter((n) => n.hasDiagram).map((n) => n.slug)).toEqual(['diagrams']);
    expect(JSON.stringify(garden.notes)).not.toMatch(/zq(secret|publishonly|dgpublish)canary/);
  });
});
