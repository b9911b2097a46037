import type { Root, PhrasingContent, Parent } from 'mdast';
import type { VFile } from 'vfile';
import { visitParents, SKIP } from 'unist-util-visit-parents';
import { INLINE_TAG } from '../tags.ts';
import { contextOf } from './context.ts';

/** Inline `#tags` in the body become links to their tag pages; code and headings are not read. */
export default function remarkInlineTags() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('#')) return;
    visitParents(tree, 'text', (node, ancestors) => {
      if (!node.value.includes('#')) return;
      if (ancestors.some((a) => a.type === 'heading' || a.type === 'link' || a.type === 'linkReference')) return;
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
      if (last === 0) return;
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
      const parent = ancestors.at(-1) as Parent;
      const index = parent.children.indexOf(node);
      parent.children.splice(index, 1, ...(out as Parent['children']));
      return [SKIP, index + out.length];
    });
  };
}
