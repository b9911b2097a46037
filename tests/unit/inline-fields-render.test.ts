/*
 * Dataview's inline fields in a note's text, rendered as Dataview's reading view shows them (its
 * replaceInlineFields): `[key:: value]` as key and value, `(key:: value)` as the value alone, a
 * line `key:: value` as written. Through the whole pipeline, so sanitizing must keep the spans.
 * The expected HTML is written by hand.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURE_PATH, FIXTURE_PIPELINE, fixtureNoteData } from '../helpers/markdown-plugin.ts';

async function render(markdown: string) {
  const note = await FIXTURE_PIPELINE.note(markdown, FIXTURE_PATH, fixtureNoteData());
  const html = note.body
    .flatMap((chunk) => chunk.parts)
    .filter((part) => typeof part === 'string')
    .join('');
  return { html, notices: note.notices, excerpt: note.excerpt };
}

const html = async (markdown: string) => (await render(markdown)).html;

/** `[key:: value]` as Dataview draws it, a space between key and value. */
const field = (key: string, value: string) =>
  `<span class="dataview inline-field"><span class="dataview inline-field-key">${key}</span> <span class="dataview inline-field-value">${value}</span></span>`;
/** `(key:: value)`: the value alone. */
const standalone = (value: string) => `<span class="dataview inline-field"><span class="dataview inline-field-standalone-value">${value}</span></span>`;

describe('inline fields: the three forms', () => {
  it('shows [key:: value] as its key and value set apart', async () => {
    expect(await html('Today [mood:: calm] here.')).toBe(`<p>Today ${field('mood', 'calm')} here.</p>`);
  });

  it('shows (key:: value) as its value alone, and does not report its key as lost', async () => {
    const rendered = await render('Due (priority:: high) soon.');
    expect(rendered.html).toBe(`<p>Due ${standalone('high')} soon.</p>`);
    expect(rendered.notices).toEqual([]);
  });

  it('leaves a whole line key:: value as written, after a list marker too', async () => {
    expect(await html('rating:: 4')).toBe('<p>rating:: 4</p>');
    expect(await html('- status:: open')).toBe('<ul>\n<li>status:: open</li>\n</ul>');
  });

  it('keeps key and value apart as words in the excerpt', async () => {
    expect((await render('Today [mood:: calm].')).excerpt).toBe('Today mood calm.');
  });
});

describe('inline fields: dates as Dataview shows them', () => {
  it('shows a date value as "January 10, 2026", with its time of day when it has one, and reports no lost words', async () => {
    const rendered = await render('Due [due:: 2026-01-10], met (met:: 2026-01-10T14:30), sent [sent:: 2026-01-10T09:05+02:00].');
    expect(rendered.html).toBe(`<p>Due ${field('due', 'January 10, 2026')}, met ${standalone('2:30 PM - January 10, 2026')}, sent ${field('sent', '9:05 AM - January 10, 2026')}.</p>`);
    expect(rendered.notices).toEqual([]);
  });

  it('leaves what is not a date as written: a month 13, a date among words, a whole line', async () => {
    expect(await html('[due:: 2026-13-45]')).toBe(`<p>${field('due', '2026-13-45')}</p>`);
    expect(await html('[due:: by 2026-01-10]')).toBe(`<p>${field('due', 'by 2026-01-10')}</p>`);
    expect(await html('due:: 2026-01-10')).toBe('<p>due:: 2026-01-10</p>');
  });
});

describe('inline fields: values keep their Markdown', () => {
  it('renders a wikilink in the value, its brackets not closing the field', async () => {
    expect(await html('[author:: [[Shared Note]]]')).toBe(`<p>${field('author', '<a href="/shared-note/" class="internal">Shared Note</a>')}</p>`);
    expect(await html('[author:: [[Herbert]]]')).toBe(`<p>${field('author', '<span class="link-unresolved">Herbert</span>')}</p>`);
  });

  it('renders emphasis in the value', async () => {
    expect(await html('[mood:: *calm*]')).toBe(`<p>${field('mood', '<em>calm</em>')}</p>`);
  });

  it('renders a Markdown link in the value, and counts brackets of text', async () => {
    expect(await html('[see:: [x](https://x.org)]')).toBe(`<p>${field('see', '<a href="https://x.org">x</a>')}</p>`);
    expect(await html('[k:: a [b] c] d')).toBe(`<p>${field('k', 'a [b] c')} d</p>`);
  });
});

describe('inline fields: where they are read', () => {
  it('reads two fields in one line', async () => {
    expect(await html('[a:: 1] and (b:: 2)')).toBe(`<p>${field('a', '1')} and ${standalone('2')}</p>`);
  });

  it('leaves an unclosed [key:: value as text', async () => {
    expect(await html('[key:: value')).toBe('<p>[key:: value</p>');
  });

  it('reads no field inside another', async () => {
    expect(await html('[k:: (see:: it)]')).toBe(`<p>${field('k', '(see:: it)')}</p>`);
  });

  it('does not run a field across lines', async () => {
    expect(await html('[a:: b\nc]')).toBe('<p>[a:: b\nc]</p>');
  });

  it('reads none in code, inline or fenced, nor in raw HTML', async () => {
    expect(await html('`[k:: v]` and `(k:: v)`')).toBe('<p><code>[k:: v]</code> and <code>(k:: v)</code></p>');
    expect(await html('```\n[k:: v]\n```')).toBe('<pre><code>[k:: v]\n</code></pre>');
    expect(await html('[k:: <b>x</b>]')).toBe('<p>[k:: <b>x</b>]</p>');
  });

  it('leaves [not a field] and Use std::vector as text', async () => {
    expect(await html('[not a field]')).toBe('<p>[not a field]</p>');
    expect(await html('Use std::vector')).toBe('<p>Use std::vector</p>');
  });

  it('reads fields in a task and in a table cell', async () => {
    expect(await html('- [ ] pay [due:: 2026-01-10]')).toBe(
      `<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled> pay ${field('due', 'January 10, 2026')}</li>\n</ul>`,
    );
    expect(await html('| a |\n|---|\n| (k:: v) |')).toBe(
      `<div class="table-scroll" tabindex="0"><table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>${standalone('v')}</td>\n</tr>\n</tbody>\n</table></div>`,
    );
  });
});
