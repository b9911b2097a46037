import type { Root, Blockquote, Paragraph, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/*
 * Obsidian callouts: a blockquote opening with `[!type]`, an optional `+`/`-` (foldable, open or
 * closed) and an optional title. Rendered as <div class="callout callout-type"> or, when foldable,
 * as <details>, which folds without JavaScript.
 */
const MARKER = /^\[!([\w-]+)\]([+-]?)[ \t]*([^\n]*)(?:\n|$)/;

/** A title of embeds alone (and white space): `> [!note] ![[Other#^block]]`. */
const embedsOnly = (nodes: Paragraph['children']) =>
  nodes.some((c) => c.type === 'wikiLink' && c.embed) && nodes.every((c) => (c.type === 'wikiLink' && c.embed) || (c.type === 'text' && !c.value.trim()));

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
      const wholeLine = !match[0].endsWith('\n');
      lead.value = lead.value.slice(match[0].length);

      // The title is the rest of the marker's line: text up to the first line break, inline markup included.
      const title: Paragraph = { type: 'paragraph', children: [], data: { hName: fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } } };
      const lineStart = wholeLine ? match[3]!.trimStart() : match[3]!.trim();
      if (lineStart) title.children.push({ type: 'text', value: lineStart } as Text);
      if (wholeLine) {
        // The marker's line goes on past this text node: move its inline content into the title.
        while (first.children.length && !(first.children[0]!.type === 'text' && (first.children[0] as Text).value.includes('\n'))) {
          const moved = first.children.shift()!;
          if (moved.type === 'text' && moved.value === '') continue;
          title.children.push(moved);
        }
        const rest = first.children[0];
        if (rest?.type === 'text') {
          const end = rest.value.indexOf('\n');
          const tail = rest.value.slice(0, end).trimEnd();
          if (tail) title.children.push({ type: 'text', value: tail } as Text);
          rest.value = rest.value.slice(end + 1);
        }
      }
      const last = title.children.at(-1);
      if (last?.type === 'text') last.value = last.value.trimEnd();
      const named = { type: 'text', value: type.charAt(0).toUpperCase() + type.slice(1) } as Text;
      if (title.children.length === 0) title.children.push(named);
      // A title of embeds alone names the callout too: the embeds are shown after the title (lift-embeds.ts).
      else if (embedsOnly(title.children)) title.children.unshift({ ...named, value: `${named.value} ` });
      if (first.children.every((c) => c.type === 'text' && c.value.trim() === '')) node.children.shift();

      const content = { type: 'blockquote', children: node.children, data: { hName: 'div', hProperties: { className: ['callout-content'] } } } as Blockquote;
      node.data = {
        hName: fold ? 'details' : 'div',
        hProperties: { className: ['callout', `callout-${type.replace(/[^a-z0-9-]/g, '-')}`], ...(fold === '+' ? { open: true } : {}) },
      };
      node.children = [title, content];
    });
  };
}
