import type { Parent, PhrasingContent, Text } from 'mdast';

/*
 * A lean walk over a Markdown tree's text nodes for the garden's text syntaxes (wikilinks, inline
 * tags). unist-util-visit-parents builds an ancestor list at every node, which cost a
 * fifth of the render time of a note; these plugins only need to skip some node types.
 */
/** `replace` is given each text node and the sibling before it (to tell a line's start from a node's). */
export function replaceText(tree: Parent, skip: ReadonlySet<string>, replace: (node: Text, previous: { type: string } | undefined) => PhrasingContent[] | undefined): void {
  const walk = (parent: Parent) => {
    const children = parent.children as unknown as (Text | Parent)[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'text') {
        const replacement = replace(child as Text, children[i - 1]);
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

/**
 * Splits a text node at each match of `pattern` (global), replacing the match with what `make`
 * returns; `make` may decline a match (undefined). Returns undefined when nothing was replaced.
 * `skip` leaves that many characters of a match as text (a prefix the pattern had to read).
 */
export function splitText(
  node: Text,
  pattern: RegExp,
  make: (match: RegExpMatchArray) => { nodes: PhrasingContent[]; skip?: number } | undefined,
): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let last = 0;
  let replaced = false;
  for (const match of node.value.matchAll(pattern)) {
    const made = make(match);
    if (!made) continue;
    // A match may be replaced by nothing at all (an embed of a private note).
    replaced = true;
    const start = match.index! + (made.skip ?? 0);
    if (start > last) out.push({ type: 'text', value: node.value.slice(last, start) });
    out.push(...made.nodes);
    last = match.index! + match[0].length;
  }
  if (!replaced) return undefined;
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}

/**
 * A parent's children read as one string, each child as `read` spells it (text as its words,
 * other markup as a stand-in character), to find a syntax that spans several children
 * (highlights, inline fields) and cut the children where it starts and ends.
 */
export class InlineRun {
  readonly text: string;
  private readonly nodes: PhrasingContent[];
  private readonly starts: number[] = [];

  constructor(nodes: PhrasingContent[], read: (node: PhrasingContent) => string) {
    this.nodes = nodes;
    const parts = nodes.map(read);
    let at = 0;
    for (const part of parts) {
      this.starts.push(at);
      at += part.length;
    }
    this.text = parts.join('');
  }

  /** The children from `from` to `to`: text cut where asked (an escaped character stays apart), other children whole. */
  slice(from: number, to: number): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    this.nodes.forEach((node, i) => {
      const start = this.starts[i]!;
      const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
      if (end <= from || start >= to) return;
      const whole = start >= from && end <= to;
      out.push(whole || node.type !== 'text' ? node : { type: 'text', value: node.value.slice(Math.max(from, start) - start, Math.min(to, end) - start) });
    });
    return out;
  }
}
