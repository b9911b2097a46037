import type { Parent, PhrasingContent, Text } from 'mdast';

/*
 * A lean walk over a Markdown tree's text nodes for the garden's text syntaxes (wikilinks, inline
 * tags, highlights). unist-util-visit-parents builds an ancestor list at every node, which cost a
 * fifth of the render time of a note; these plugins only need to skip some node types.
 */
export function replaceText(tree: Parent, skip: ReadonlySet<string>, replace: (node: Text) => PhrasingContent[] | undefined): void {
  const walk = (parent: Parent) => {
    const children = parent.children as unknown as (Text | Parent)[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'text') {
        const replacement = replace(child as Text);
        if (replacement) {
          children.splice(i, 1, ...(replacement as unknown as Text[]));
          i += replacement.length - 1;
        }
      } else if ('children' in child && !skip.has(child.type)) {
        walk(child);
      }
    }
  };
  walk(tree);
}
