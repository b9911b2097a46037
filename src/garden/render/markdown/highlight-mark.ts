import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { replaceText, splitText } from './text-nodes.ts';

/*
 * Obsidian `==highlights==` as <mark>. Within one run of plain text only: `==**bold**==` stays as
 * written. The published plugins for this syntax are unmaintained, and this one is ten lines.
 */
// Single `=` may stand inside (`==1 + 1 = 2==`); `==` closes.
const MARK = /==(?=\S)((?:[^=\n]|=(?!=))*?\S)==/g;
const NOTHING = new Set<string>();

export default function remarkHighlightMark() {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('==')) return;
    replaceText(tree, NOTHING, (node) =>
      node.value.includes('==')
        ? splitText(node, MARK, (match) => ({ nodes: [{ type: 'emphasis', data: { hName: 'mark' }, children: [{ type: 'text', value: match[1]! }] }] }))
        : undefined,
    );
  };
}
