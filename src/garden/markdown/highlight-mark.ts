import type { Root, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { replaceText } from './text-nodes.ts';

/*
 * Obsidian `==highlights==` as <mark>. Within one run of plain text only: `==**bold**==` stays as
 * written. The published plugins for this syntax are unmaintained, and this one is ten lines.
 */
const MARK = /==(?=\S)([^=\n]*?\S)==/g;
const NOTHING = new Set<string>();

export default function remarkHighlightMark() {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('==')) return;
    replaceText(tree, NOTHING, (node) => {
      if (!node.value.includes('==')) return undefined;
      const out: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(MARK)) {
        if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
        out.push({ type: 'emphasis', data: { hName: 'mark' }, children: [{ type: 'text', value: match[1]! }] });
        last = match.index + match[0].length;
      }
      if (last === 0) return undefined;
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
      return out;
    });
  };
}
