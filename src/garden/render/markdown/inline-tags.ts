import type { Root, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { replaceText, splitText } from './text-nodes.ts';
import { INLINE_TAG } from '../../normalize/tags.ts';
import { contextOf } from './context.ts';

const NOT_TAGS = new Set(['heading', 'link', 'linkReference']);

/** Inline `#tags` in the body become links to their tag pages; code and headings are not read. */
export default function remarkInlineTags() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('#')) return;
    replaceText(tree, NOT_TAGS, (node, previous) =>
      node.value.includes('#')
        ? splitText(node, INLINE_TAG, (match) => {
            // A text node's start is a line's start only when nothing inline comes before it:
            // `` `code`#x `` and `**b**#x` are not tags.
            if (match.index === 0 && match[1] === '' && previous && previous.type !== 'break') return undefined;
            const raw = match[2]!.replace(/\/+$/, '');
            const url = context.tagUrl(raw);
            if (!url) return undefined;
            context.inlineTags.push(raw);
            const tag: PhrasingContent = { type: 'link', url, data: { hProperties: { className: ['tag'] } }, children: [{ type: 'text', value: `#${raw}` }] };
            // The character before `#` was read to find the tag's start; it stays text. A trailing `/` too.
            const rest = match[2]!.slice(raw.length);
            return { nodes: rest ? [tag, { type: 'text', value: rest }] : [tag], skip: match[1]!.length };
          })
        : undefined,
    );
  };
}
