import type { Root, Element, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { EmbedSlot } from './findings.ts';
import { splitAtSlots, type BodyPart } from './marks.ts';

export type { BodyPart };

/** A run of a note's top-level HTML: before its first heading, or from one heading to the next. */
export interface Chunk {
  /** The heading that opens it (its level and element id). */
  heading?: { depth: number; id: string };
  parts: BodyPart[];
}

const HEADING = /^h([1-6])$/;

/**
 * Serializes a note's final tree in chunks, split at top-level headings, so that an embed of one
 * section (`![[Note#Heading]]`, up to the next heading of the same or a higher level) is a run of
 * chunks rather than HTML parsed again; and each named block (`^id`) once more on its own. The
 * heading that is the note's title (`titleId`) opens its chunk without being in it.
 */
export function toChunks(tree: Root, embeds: EmbedSlot[], titleId?: string): { body: Chunk[]; blocks: Record<string, BodyPart[]> } {
  const body: Chunk[] = [];
  let run: RootContent[] = [];
  let heading: Chunk['heading'];
  const flush = () => {
    if (run.length || heading) body.push({ ...(heading ? { heading } : {}), parts: splitAtSlots(toHtml({ type: 'root', children: run }), embeds) });
    run = [];
  };
  for (const node of tree.children) {
    const depth = node.type === 'element' ? HEADING.exec(node.tagName)?.[1] : undefined;
    if (depth && typeof (node as Element).properties.id === 'string') {
      flush();
      heading = { depth: Number(depth), id: (node as Element).properties.id as string };
      // The title's heading opens its section, but is shown as the page's title, not in the body.
      if (heading.id === titleId) continue;
    }
    run.push(node);
  }
  flush();
  return { body, blocks: namedBlocks(tree, embeds) };
}

function namedBlocks(tree: Root, embeds: EmbedSlot[]): Record<string, BodyPart[]> {
  const blocks: Record<string, BodyPart[]> = {};
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const id = child.properties.id;
      if (typeof id === 'string' && id.startsWith('^') && !(id in blocks)) {
        // A list item stands alone as a one-item list.
        const element: Element = child.tagName === 'li' ? { type: 'element', tagName: 'ul', properties: {}, children: [child] } : child;
        blocks[id] = splitAtSlots(toHtml(element), embeds);
      }
      walk(child);
    }
  };
  walk(tree);
  return blocks;
}
