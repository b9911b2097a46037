import type { Root, Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { noteLinksOf } from './findings.ts';

/*
 * The words around each link to another note, for that note's "Linked from" list: the text of the
 * block (paragraph, list item, table cell, heading) the link sits in, cut to a window around the
 * link. Read from the sanitized tree, so it is only ever text the linking note shows.
 */

const BLOCKS = new Set(['p', 'li', 'td', 'th', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption']);
const WIDTH = 180;

declare module 'vfile' {
  interface DataMap {
    /** Linked note's slug → the words around the first link to it. */
    linkContexts: Record<string, string>;
  }
}


/** A window of about WIDTH characters of `text` around `at`, cut at spaces, with ellipses. */
export function windowAround(text: string, at: number, length: number): string {
  if (text.length <= WIDTH) return text;
  const middle = at + length / 2;
  let start = Math.max(0, Math.round(middle - WIDTH / 2));
  let end = Math.min(text.length, start + WIDTH);
  start = Math.max(0, end - WIDTH);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at + length ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** How many characters of `block`'s text come before `target`. */
function textOffset(block: Element, target: Element): number {
  let offset = 0;
  const walk = (node: ElementContent): boolean => {
    if (node === target) return true;
    if (node.type === 'text') offset += node.value.length;
    else if (node.type === 'element') for (const child of node.children) if (walk(child)) return true;
    return false;
  };
  for (const child of block.children) if (walk(child)) break;
  return offset;
}

function decoded(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

export default function rehypeLinkContexts() {
  return (tree: Root, file: VFile) => {
    // The links the garden resolved to shared notes, by the href it gave them.
    const noteHrefs = noteLinksOf(file).hrefs;
    const noteSlug = (node: Element) => {
      const classes = node.properties.className;
      const href = node.properties.href;
      // remark-rehype percent-encodes URLs (`/日本語/` → `/%E6%97%A5…/`); the garden made them unencoded.
      return Array.isArray(classes) && classes.includes('internal') && typeof href === 'string' ? noteHrefs.get(decoded(href)) : undefined;
    };
    const contexts: Record<string, string> = {};
    const visit = (children: (ElementContent | Root['children'][number])[], block: Element | undefined) => {
      for (const child of children) {
        if (child.type !== 'element') continue;
        const slug = child.tagName === 'a' ? noteSlug(child) : undefined;
        if (slug && block && !(slug in contexts)) {
          const raw = toString(block);
          const text = raw.replace(/\s+/g, ' ').trim();
          const linkText = toString(child).replace(/\s+/g, ' ').trim();
          // Where this link stands in its block, not where its words first appear.
          const at = raw.slice(0, textOffset(block, child)).replace(/\s+/g, ' ').trimStart().length;
          contexts[slug] = windowAround(text, at, linkText.length);
        }
        visit(child.children, BLOCKS.has(child.tagName) ? child : block);
      }
    };
    visit(tree.children, undefined);
    file.data.linkContexts = contexts;
  };
}
