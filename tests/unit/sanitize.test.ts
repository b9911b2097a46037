import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { gardenOf, shared } from '../helpers/vault.ts';

function elementsOf(html: string): string[] {
  const names: string[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => void names.push(node.tagName));
  return names;
}

async function html(body: string) {
  const garden = await gardenOf({ 'note.md': shared(body) });
  return garden.notes[0]!.html;
}

describe('elements whose contents are not words of the note', () => {
  it.each([
    ['<style>body{display:none}</style>', 'body{display:none}'],
    ['<textarea>typed text</textarea>', 'typed text'],
    ['<select><option>first choice</option><optgroup label="g"><option>second</option></optgroup></select>', 'first choice'],
    ['<noscript>fallback text</noscript>', 'fallback text'],
    ['<title>page title</title>', 'page title'],
    ['<xmp>shown raw</xmp>', 'shown raw'],
    ['<iframe>frame fallback</iframe>', 'frame fallback'],
    ['<noembed>no embed</noembed>', 'no embed'],
    ['<template><p>inert</p></template>', 'inert'],
    ['<script>alert(1)</script>', 'alert(1)'],
  ])('%s is dropped with its contents', async (raw, inner) => {
    const inline = await html(`Before ${raw} after.`);
    expect(inline).not.toContain(inner);
    expect(inline).toContain('Before');
    expect(inline).toContain('after.');
    const block = await html(`Before.\n\n${raw}\n\nAfter.`);
    expect(block).not.toContain(inner);
    expect(block).toContain('After.');
  });

  it.each(['style', 'textarea', 'select', 'option', 'template', 'title', 'noscript', 'xmp', 'plaintext', 'iframe'])(
    'an unclosed <%s> in a paragraph takes none of the words after it',
    async (name) => {
      const out = await html(`Before <${name}>after *it* and [a link](/x).\n\nNext paragraph.\n\n- a list`);
      expect(out).toContain('<p>Before after <em>it</em> and <a href="/x">a link</a>.</p>');
      expect(out).toContain('<p>Next paragraph.</p>');
      expect(out).toContain('<li>a list</li>');
    },
  );

  it('one opened from inside a tag (a parser-confusion payload) takes none of the words after it', async () => {
    const out = await html('Before <svg><foreignobject><p><style><p title="</style><iframe onload&#x3d;alert(1)<!--"></style> after.\n\nNext.');
    expect(out).toContain(' after.');
    expect(out).toContain('<p>Next.</p>');
    expect(elementsOf(out)).not.toContain('iframe');
  });

  it('one that HTML nesting leaves open takes none of the paragraphs after it', async () => {
    const out = await html('Before.\n\n<math><mtext><option><x><option></option><mglyph><svg><mtext><style><a title="</style><img src=x onerror=alert(1)>">\n\nNext paragraph.\n\n- a list');
    expect(out).toContain('Next paragraph.');
    expect(out).toContain('<li>a list</li>');
    expect(elementsOf(out)).not.toContain('option');
    expect(elementsOf(out)).not.toContain('img');
  });

  it('an unclosed one in an HTML block takes the rest of its block only', async () => {
    const out = await html('<div><select>\n<p>gone</p></div>\n\nNext paragraph.');
    expect(out).not.toContain('gone');
    expect(out).toContain('Next paragraph.');
  });
});

describe('form controls', () => {
  it('keeps the checkboxes of task lists, tight and loose', async () => {
    expect(await html('- [ ] to do\n- [x] done')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled> to do</li>\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>',
    );
    const loose = await html('- [x] done\n\n- [ ] open\n\n  more');
    expect(loose.match(/<input type="checkbox"( checked)? disabled>/g)).toHaveLength(2);
  });

  it.each([
    '<form action="/x"><input type=text name=q><input type=submit></form> tail',
    '<input onfocus=alert(1) autofocus> tail',
    'text <input type=checkbox disabled> tail',
    '- <input type=text> tail',
    '- [ ] <input type=text> tail',
    '<p><input type=checkbox disabled> tail</p>',
    '<ul><li><input type=checkbox disabled> tail</li></ul>',
    '<ul><li class="task-list-item">x <input type=checkbox> tail</li></ul>',
  ])('drops an <input> written in the note: %s', async (body) => {
    const out = await html(body);
    expect(out.match(/<input/g)?.length ?? 0).toBe(body.startsWith('- [ ]') ? 1 : 0);
    expect(out).toContain('tail');
    expect(out).not.toMatch(/<form|<button|type="text"|type="submit"/);
  });

  it('lets raw HTML copy a task list checkbox only as the same harmless disabled checkbox', async () => {
    const out = await html('<ul><li class="task-list-item"><input type=text onclick=alert(1) name=x value=v>forged</li></ul>');
    expect(out).toBe('<ul><li class="task-list-item"><input name="user-content-x" value="v" disabled type="checkbox">forged</li></ul>');
  });
});
