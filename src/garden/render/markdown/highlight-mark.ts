import type { PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { replaceTextRuns } from './text-nodes.ts';

/*
 * Obsidian `==highlights==` as <mark>. Within one run of plain text only: `==**bold**==` stays as
 * written. The published plugins for this syntax are unmaintained, and this one is short.
 *
 * A run is the text nodes side by side, not one node: an escaped character the garden's syntaxes
 * use is a text node of its own (escapes.ts), and `==see \#tag==` is highlighted, its `#` still
 * apart so that it is not read as a tag. A `=` that is a node of its own (an escaped one, or one
 * left alone between two other nodes) is text: it neither opens nor closes a highlight, and may
 * stand inside one (`==1 \== 2==`).
 */
// Single `=` may stand inside (`==1 + 1 = 2==`); `==` closes.
const MARK = /==(?=\S)((?:[^=\n]|=(?!=))*?\S)==/g;
const NOTHING = new Set<string>();

/** Stands for a `=` alone in its node while looking for highlights: text, never a delimiter. */
const LONE_EQUALS = '\uE000';

/** A run of text nodes read as one string: where each node starts in it. */
class TextRun {
  /** The run's text, each `=` alone in its node masked. */
  readonly text: string;
  private readonly nodes: Text[];
  private readonly starts: number[] = [];

  constructor(nodes: Text[]) {
    this.nodes = nodes;
    let at = 0;
    for (const node of nodes) {
      this.starts.push(at);
      at += node.value.length;
    }
    this.text = nodes.map((node) => (node.value === '=' ? LONE_EQUALS : node.value)).join('');
  }

  /** The text from `from` to `to`, cut where the nodes were cut (an escaped character stays apart). */
  slice(from: number, to: number): Text[] {
    const out: Text[] = [];
    this.nodes.forEach((node, i) => {
      const start = this.starts[i]!;
      const end = start + node.value.length;
      if (end <= from || start >= to) return;
      out.push(start >= from && end <= to ? node : { type: 'text', value: node.value.slice(Math.max(from, start) - start, Math.min(to, end) - start) });
    });
    return out;
  }
}

/** The run with its highlights as <mark>; undefined when it has none. */
function highlight(nodes: Text[]): PhrasingContent[] | undefined {
  const run = new TextRun(nodes);
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

export default function remarkHighlightMark() {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('==')) return;
    replaceTextRuns(tree, NOTHING, highlight);
  };
}
