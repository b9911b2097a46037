import type { Root, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { replaceText, splitText } from './text-nodes.ts';
import { INLINE_TAG } from '../../normalize/tags.ts';
import type { VaultLookups } from './vault-lookups.ts';

const NOT_TAGS = new Set(['heading', 'link', 'linkReference']);

/** Inline `#tags` in the body become links to their tag pages; code and headings are not read. */
export default function remarkInlineTags(vault: Pick<VaultLookups, 'tag'>) {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('#')) return;
    replaceText(tree, NOT_TAGS, (node, previous) =>
      node.value.includes('#')
        ? splitText(node, INLINE_TAG, (match) => {
            // A text node's start is a line's start only when nothing inline comes before it:
            // `` `code`#x `` and `**b**#x` are not tags.
            if (match.index === 0 && match[1] === '' && previous && previous.type !== 'break') return undefined;
            const raw = match[2]!.replace(/\/+$/, '');
            const url = vault.tag(raw);
            if (!url) return undefined;
            (file.data.inlineTags ??= []).push(raw);
            const tag: PhrasingContent = { type: 'link', url, data: { hProperties: { className: ['tag'] } }, children: [{ type: 'text', value: `#${raw}` }] };
            // The character before `#` was read to find the tag's start; it stays text. A trailing `/` too.
            const rest = match[2]!.slice(raw.length);
            return { nodes: rest ? [tag, { type: 'text', value: rest }] : [tag], skip: match[1]!.length };
          })
        : undefined,
    );
  };
}

declare module 'vfile' {
  interface DataMap {
    /** The inline tags the note wrote, as written (without `#`). */
    inlineTags: string[];
  }
}
