import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { contextOf } from './context.ts';
import { repeatsTitle } from '../../normalize/title.ts';

/** A first `# heading` that is the note's title is shown once, as the page title, not twice. */
export default function remarkTitleHeading() {
  return (tree: Root, file: VFile) => {
    const { title } = contextOf(file);
    const index = tree.children.findIndex((node) => node.type !== 'yaml' && node.type !== 'html');
    const first = tree.children[index];
    if (first?.type === 'heading' && repeatsTitle(first, title)) tree.children.splice(index, 1);
  };
}
