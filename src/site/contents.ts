import type { Heading } from '../garden/types.ts';

/** A heading in a note's contents list, with the sub-headings of its section under it. */
export interface ContentsEntry {
  slug: string;
  text: string;
  depth: number;
  children: ContentsEntry[];
}

/**
 * A note's headings, in order, as an outline: each heading goes under the nearest shallower heading
 * before it (an h3 under its h2), and a heading with none before it stands at the top level (an h3
 * that opens the note before any h2), so a list drawn from it nests as the sections do.
 */
export function nestHeadings(headings: readonly Heading[]): ContentsEntry[] {
  const top: ContentsEntry[] = [];
  const open: ContentsEntry[] = [];
  for (const { depth, slug, text } of headings) {
    while (open.length > 0 && open.at(-1)!.depth >= depth) open.pop();
    const entry: ContentsEntry = { slug, text, depth, children: [] };
    (open.at(-1)?.children ?? top).push(entry);
    open.push(entry);
  }
  return top;
}
