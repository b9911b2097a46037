import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { contextOf } from './context.ts';

/** A first `# heading` that is the note's title is shown once, as the page title, not twice. */
export default function remarkTitleHeading() {
  return (tree: Root, file: VFile) => {
    const { title } = contextOf(file);
    const index = tree.children.findIndex((node) => node.type !== 'yaml' && node.type !== 'html');
    const first = tree.children[index];
    if (first?.type === 'heading' && first.depth === 1 && toString(first).trim() === title) tree.children.splice(index, 1);
  };
}
