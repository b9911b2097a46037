import type { Root, Parent, Paragraph, Text, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { markProperties } from './marks.ts';

/*
 * Obsidian block references: `^block-id` at the end of a paragraph or list item names that block
 * (a list item's id ends its first line, above whatever is nested in it); on a line of its own
 * after a list, quote, callout or table it names that whole block. The id is not shown, and the
 * block gets the element id `^block-id`, so `[[Note#^block-id]]` links to it and
 * `![[Note#^block-id]]` embeds it. The mark is resolved after sanitizing (marks.ts).
 */
const TRAILING = /(^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;
/** An id at the end of a line that more of the paragraph follows. */
const ENDS_LINE = /(^|[ \t])\^([A-Za-z0-9-]+)[ \t]*\n/;
const ALONE = /^\s*\^([A-Za-z0-9-]+)\s*$/;

function mark(node: RootContent, id: string): void {
  node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), ...markProperties('block', id) } };
}

/** The id a paragraph ends with, removed from its text; undefined when it has none. */
function takeTrailingId(paragraph: Paragraph): string | undefined {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = TRAILING.exec(last.value);
  if (!match) return undefined;
  (last as Text).value = last.value.slice(0, match.index + match[1]!.length).replace(/[ \t]+$/, '');
  return match[2];
}

/** The id a list item's first line ends with, when more of its paragraph follows (an indented image); removed from its text. */
function takeFirstLineId(paragraph: Paragraph): string | undefined {
  for (const child of paragraph.children) {
    if (child.type !== 'text' || !child.value.includes('\n')) continue;
    const match = ENDS_LINE.exec(child.value);
    if (!match || match.index + match[0].length !== child.value.indexOf('\n') + 1) return undefined;
    child.value = child.value.slice(0, match.index + match[1]!.length).replace(/[ \t]+$/, '') + child.value.slice(match.index + match[0].length - 1);
    return match[2];
  }
  return undefined;
}

export default function remarkBlockIds() {
  return (tree: Root, file: VFile) => {
    if (!String(file.value).includes('^')) return;
    const blockIds = (file.data.blockIds ??= []);
    const walk = (parent: Parent) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i]!;
        if (node.type === 'paragraph') {
          const alone = node.children.length === 1 && node.children[0]!.type === 'text' ? ALONE.exec((node.children[0] as Text).value) : null;
          const previous = parent.children[i - 1];
          if (alone) {
            // An id on a line of its own names the block before it; with none to name it is dropped.
            if (previous && previous.type !== 'heading') {
              mark(previous, alone[1]!);
              blockIds.push(alone[1]!);
            }
            parent.children.splice(i--, 1);
            continue;
          }
          const itemFirst = parent.type === 'listItem' && parent.children[0] === node;
          const id = takeTrailingId(node) ?? (itemFirst ? takeFirstLineId(node) : undefined);
          if (id) {
            // A list item is named by its first paragraph; any other paragraph names itself.
            mark(itemFirst ? (parent as unknown as RootContent) : node, id);
            blockIds.push(id);
          }
        } else if ('children' in node && node.type !== 'heading' && node.type !== 'table') {
          walk(node as Parent);
        }
      }
    };
    walk(tree);
  };
}

declare module 'vfile' {
  interface DataMap {
    /** The block ids (`^id`) the note names. */
    blockIds: string[];
  }
}
