import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { isOrHoldsEmbed } from './lift-embeds.ts';
import { InlineRun } from './text-nodes.ts';

/*
 * Obsidian `==highlights==` as <mark>. A highlight may hold other inline markup, as Obsidian's
 * does: `==**bold**==`, `==see [[Note]] too==`, `==a `code` span==`. It is read among the
 * children of one parent, each child that is not text standing for one character, so a highlight
 * never crosses a nesting (`==a **b== c**` stays as written). Nor does it cross a line, a hard break,
 * raw inline HTML (wrapping half of `<b>…</b>` would break its nesting) or an embed (a block, which
 * a <mark> may not hold), nor is one read inside a bare URL (`https://x.org/?a==b==`). The published plugins for this syntax are unmaintained, and this one is
 * short.
 *
 * An escaped character the garden's syntaxes use is a text node of its own (escapes.ts):
 * `==see \#tag==` is highlighted, its `#` still apart so that it is not read as a tag. A `=` that
 * is a node of its own (an escaped one, or one left alone between two other nodes) is text: it
 * neither opens nor closes a highlight, and may stand inside one (`==1 \== 2==`).
 */
// Single `=` may stand inside (`==1 + 1 = 2==`); `==` closes.
const MARK = /==(?=\S)((?:[^=\n]|=(?!=))*?\S)==/g;

/** Stands for a `=` alone in its node while looking for highlights: text, never a delimiter. */
const LONE_EQUALS = '\uE000';
/** Stands for inline markup (a link, emphasis, code…): one character a highlight may hold. */
const MARKUP = '\uFFFC';

/** How a child reads while looking for highlights. */
function charactersOf(node: PhrasingContent): string {
  if (node.type === 'text') return node.value === '=' ? LONE_EQUALS : node.value;
  // A highlight does not cross a hard break, raw HTML, or an embed (a block; in a table cell, the
  // one place it stays inside a line).
  if (node.type === 'break' || node.type === 'html' || isOrHoldsEmbed(node)) return '\n';
  return MARKUP;
}

/** The children with their highlights as <mark>; undefined when they have none. */
function highlight(children: PhrasingContent[]): PhrasingContent[] | undefined {
  const run = new InlineRun(children, charactersOf);
  if (!run.text.includes('==')) return undefined;
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of run.text.matchAll(MARK)) {
    const start = match.index!;
    const end = start + match[0].length;
    out.push(...run.slice(last, start), { type: 'emphasis', data: { hName: 'mark' }, children: run.slice(start + 2, end - 2) });
    last = end;
  }
  if (!last) return undefined;
  out.push(...run.slice(last, run.text.length));
  return out;
}

/** A link whose words are its own address (a bare URL, `<https://…>`): the `==` in it are the address's. */
function isAddress(node: Nodes): boolean {
  if (node.type !== 'link' || node.children.length !== 1 || node.children[0]!.type !== 'text') return false;
  const words = node.children[0]!.value;
  return node.url === words || node.url.endsWith(`:${words}`) || node.url.endsWith(`//${words}`);
}

/** Highlights among each parent's children, then within each child. */
function walk(node: Nodes): void {
  if (!('children' in node) || isAddress(node)) return;
  const parent = node as Parent;
  const replaced = highlight(parent.children as PhrasingContent[]);
  if (replaced) parent.children = replaced;
  for (const child of parent.children) walk(child as Nodes);
}

export default function remarkHighlightMark() {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('==')) return;
    walk(tree);
  };
}
