import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

/*
 * A table wider than the page scrolls inside a box of its own, as a view's table does
 * (draw-view.ts): the box can take the keyboard's focus, so a reader without a mouse or touch can
 * scroll it too (axe's scrollable-region-focusable).
 */
export default function rehypeScrollingTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = h('div', { className: ['table-scroll'], tabIndex: 0 }, [node]);
      return SKIP;
    });
  };
}
