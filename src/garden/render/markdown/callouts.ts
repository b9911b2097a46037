import type { Root, Blockquote, Paragraph, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/*
 * Obsidian callouts: a blockquote opening with `[!type]`, an optional `+`/`-` (foldable, open or
 * closed) and an optional title. Rendered as <div class="callout callout-type"> or, when foldable,
 * as <details>, which folds without JavaScript.
 */
const MARKER = /^\[!([\w-]+)\]([+-]?)[ \t]*([^\n]*)(?:\n|$)/;

export default function remarkCallouts() {
  return (tree: Root, file: VFile) => {
    if (!String(file.value).includes('[!')) return;
    visit(tree, 'blockquote', (node: Blockquote) => {
      const first = node.children[0];
      if (first?.type !== 'paragraph') return;
      const lead = first.children[0];
      if (lead?.type !== 'text') return;
      const match = MARKER.exec(lead.value);
      if (!match) return;
      const type = match[1]!.toLowerCase();
      const fold = match[2];
      const titleText = match[3]!.trim();
      lead.value = lead.value.slice(match[0].length);

      // The title is the rest of the marker's line: text up to the first line break.
      const title: Paragraph = { type: 'paragraph', children: [], data: { hName: fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } } };
      title.children.push({ type: 'text', value: titleText || type.charAt(0).toUpperCase() + type.slice(1) } as Text);
      if (!match[0].endsWith('\n')) {
        // The whole first line was the marker: inline content after it on that line belongs to the title.
        while (first.children.length && !(first.children[0]!.type === 'text' && (first.children[0] as Text).value.includes('\n'))) {
          const moved = first.children.shift()!;
          if (moved.type === 'text' && moved.value === '') continue;
          title.children.push(moved);
        }
        const rest = first.children[0];
        if (rest?.type === 'text') rest.value = rest.value.replace(/^[^\n]*\n/, '');
      }
      if (first.children.every((c) => c.type === 'text' && c.value.trim() === '')) node.children.shift();

      const content = { type: 'blockquote', children: node.children, data: { hName: 'div', hProperties: { className: ['callout-content'] } } } as Blockquote;
      node.data = {
        hName: fold ? 'details' : 'div',
        hProperties: { className: ['callout', `callout-${type}`], ...(fold === '+' ? { open: true } : {}) },
      };
      node.children = [title, content];
    });
  };
}
