import type { Root, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { replaceText } from './text-nodes.ts';
import { INLINE_TAG } from '../tags.ts';
import { contextOf } from './context.ts';

const NOT_TAGS = new Set(['heading', 'link', 'linkReference']);

/** Inline `#tags` in the body become links to their tag pages; code and headings are not read. */
export default function remarkInlineTags() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('#')) return;
    replaceText(tree, NOT_TAGS, (node) => {
      if (!node.value.includes('#')) return undefined;
      const out: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(INLINE_TAG)) {
        const raw = match[2]!.replace(/\/+$/, '');
        const url = context.tagUrl(raw);
        if (!url) continue;
        const start = match.index + match[1]!.length;
        if (start > last) out.push({ type: 'text', value: node.value.slice(last, start) });
        context.inlineTags.push(raw);
        out.push({ type: 'link', url, data: { hProperties: { className: ['tag'] } }, children: [{ type: 'text', value: `#${raw}` }] });
        last = start + 1 + raw.length;
      }
      if (last === 0) return undefined;
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
      return out;
    });
  };
}
