import type { Root, Parent, PhrasingContent, Paragraph, Heading, BlockContent } from 'mdast';
import { visitParents, SKIP } from 'unist-util-visit-parents';

/*
 * An embedded note, section, block or canvas is a block (a <div>), but `![[Note]]` is written in a
 * line of text: in a paragraph, inside emphasis or strikethrough, in a heading, in a callout's
 * title. HTML allows no <div> in any of those, and a browser reading one there closes the
 * paragraph and rebuilds the emphasis around it, so the text after an embed would land outside any
 * paragraph.
 * So every embed is lifted to the nearest place a block may stand:
 * - a paragraph is cut in two around it (`Before ![[Note]] after.` is a paragraph, the embed, a
 *   paragraph), and the emphasis or strikethrough it sat in is kept on both sides;
 * - a paragraph that names a block (`… ^id`) becomes a <div> with that id around the pieces, so a
 *   link or embed of the block still finds all of it;
 * - a heading or a callout's title keeps its words, and the embed follows it.
 * A paragraph left with nothing (it held only embeds of private or missing notes, which are
 * nothing) goes. A table cell may hold a block, so an embed in one stays.
 */

/** The slot of an embedded note, section, block or canvas (wikilinks.ts): a <div> to be filled by the assemble stage. */
export const isEmbed = (node: { type: string; data?: { hName?: string } }) => node.type === 'emphasis' && node.data?.hName === 'div';

/** Text of ASCII white space only: a no-break space (`&nbsp;`, a gardener's blank line) is content. */
const blank = (node: PhrasingContent) => node.type === 'text' && /^[ \t\r\n]*$/.test(node.value);

const holdsEmbed = (node: PhrasingContent): boolean => 'children' in node && !isEmbed(node) && node.children.some((child) => isEmbed(child) || holdsEmbed(child));

type Piece = { embed: PhrasingContent } | { inline: PhrasingContent[] };

/** Inline content cut around the embeds it holds at any depth, each inline container kept on each side of an embed it held. */
function cutAroundEmbeds(children: PhrasingContent[]): Piece[] {
  const pieces: Piece[] = [];
  const addInline = (node: PhrasingContent) => {
    const last = pieces.at(-1);
    if (last && 'inline' in last) last.inline.push(node);
    else pieces.push({ inline: [node] });
  };
  for (const child of children) {
    if (isEmbed(child)) pieces.push({ embed: child });
    else if (holdsEmbed(child)) {
      for (const piece of cutAroundEmbeds((child as Parent & PhrasingContent).children as PhrasingContent[])) {
        if ('embed' in piece) pieces.push(piece);
        else if (!piece.inline.every(blank)) addInline({ ...child, children: piece.inline } as PhrasingContent);
      }
    } else addInline(child);
  }
  return pieces;
}

const embedsOf = (pieces: Piece[]) => pieces.flatMap((piece) => ('embed' in piece ? [piece.embed as unknown as BlockContent] : []));
const inlineOf = (pieces: Piece[]) => pieces.flatMap((piece) => ('inline' in piece ? piece.inline : []));

/** What stands in a paragraph's place: its pieces as paragraphs and embeds, wrapped in a <div> carrying what the paragraph carried (a block's id). */
function paragraphPieces(paragraph: Paragraph): BlockContent[] {
  const pieces = cutAroundEmbeds(paragraph.children);
  const blocks = pieces.flatMap((piece): BlockContent[] =>
    'embed' in piece ? [piece.embed as unknown as BlockContent] : piece.inline.every(blank) ? [] : [{ type: 'paragraph', children: piece.inline }],
  );
  if (!paragraph.data?.hProperties) return blocks;
  return [{ type: 'blockquote', data: { hName: 'div', hProperties: paragraph.data.hProperties }, children: blocks }];
}

/** A heading or a paragraph that is an element of its own (a callout's title) keeps its words, and its embeds follow it. */
function embedsAfter(node: Heading | Paragraph): BlockContent[] {
  const pieces = cutAroundEmbeds(node.children);
  return [{ ...node, children: inlineOf(pieces) } as BlockContent, ...embedsOf(pieces)];
}

export function liftEmbeds(tree: Root): void {
  visitParents(tree, (node) => node.type === 'paragraph' || node.type === 'heading', (node, ancestors) => {
    const block = node as Paragraph | Heading;
    const parent = ancestors.at(-1) as Parent;
    let replacement: BlockContent[];
    if (block.children.some((child) => isEmbed(child) || holdsEmbed(child))) {
      replacement = block.type === 'heading' || block.data?.hName ? embedsAfter(block) : paragraphPieces(block);
    } else if (block.type === 'paragraph' && !block.data && block.children.every(blank)) {
      replacement = [];
    } else return SKIP;
    const index = parent.children.indexOf(block);
    parent.children.splice(index, 1, ...(replacement as Parent['children']));
    return [SKIP, index + replacement.length];
  });
}
