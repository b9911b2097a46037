import type { Root, Parent, PhrasingContent, Paragraph, Heading, BlockContent, Blockquote } from 'mdast';
import { visitParents, SKIP } from 'unist-util-visit-parents';
import { markProperties } from './marks.ts';

/*
 * An embedded note, section, block or canvas is a block (a <div>), but `![[Note]]` is written in a
 * line of text: in a paragraph, inside emphasis or strikethrough, in a heading, in a callout's
 * title. HTML allows no <div> in any of those, and a browser reading one there closes the
 * paragraph and rebuilds the emphasis around it, so the text after an embed would land outside any
 * paragraph. So every embed is lifted to the nearest place a block may stand:
 * - a paragraph is cut in two around it (`Before ![[Note]] after.` is a paragraph, the embed, a
 *   paragraph), and the emphasis or strikethrough it sat in is kept on both sides;
 * - a paragraph that names a block (`… ^id`) becomes a <div> with that id around the pieces, so a
 *   link or embed of the block still finds all of it;
 * - a heading or a callout's title keeps its words, and the embed follows it.
 * A paragraph left with nothing (it held only embeds of private or missing notes, which are
 * nothing) goes. A table cell may hold a block, so an embed in one stays.
 */

/**
 * The place of an embedded note, section, block or canvas, filled by the assemble stage: an mdast
 * node that becomes a <div> carrying the embed's mark (marks.ts). Phrasing content, as it is
 * written in a line of text, until lifted.
 */
export const embedSlot = (index: number): PhrasingContent => ({ type: 'emphasis', data: { hName: 'div', hProperties: markProperties('embed', index) }, children: [] });

const isEmbed = (node: { type: string; data?: { hName?: string } }) => node.type === 'emphasis' && node.data?.hName === 'div';

/** Inline markup a gardener wraps words in (not an element of the garden's own, such as an embed or a player). */
const isWrapper = (node: PhrasingContent): node is PhrasingContent & Parent =>
  (node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete') && !node.data?.hName;

/** Nothing to show: ASCII white space (a no-break space, `&nbsp;`, a gardener's blank line, is content), or markup around only that. */
const blank = (node: PhrasingContent): boolean =>
  node.type === 'text' ? /^[ \t\r\n]*$/.test(node.value) : isWrapper(node) && (node.children as PhrasingContent[]).every(blank);

const holdsEmbed = (node: PhrasingContent): boolean => 'children' in node && !isEmbed(node) && node.children.some((child) => isEmbed(child) || holdsEmbed(child));

/** An embed, or markup holding one: a block where the line could not be cut around it (a table cell). */
export const isOrHoldsEmbed = (node: PhrasingContent): boolean => isEmbed(node) || holdsEmbed(node);

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

/** A line break where the embed cut the line (`text  ⏎![[Note]]`) would only add an empty line. */
function withoutEdgeBreaks(inline: PhrasingContent[]): PhrasingContent[] {
  let [from, to] = [0, inline.length];
  while (from < to && (inline[from]!.type === 'break' || blank(inline[from]!))) from++;
  while (to > from && (inline[to - 1]!.type === 'break' || blank(inline[to - 1]!))) to--;
  return inline.slice(from, to);
}

const asBlock = (embed: PhrasingContent) => embed as unknown as BlockContent;

/** A <div> around blocks: mdast has no such node, so a block quote told to be a <div> (as callouts.ts makes a callout's body). */
const division = (hProperties: NonNullable<Paragraph['data']>['hProperties'], children: BlockContent[]): Blockquote => ({
  type: 'blockquote',
  data: { hName: 'div', hProperties },
  children,
});

/** What stands in a paragraph's place: its pieces as paragraphs and embeds, in a <div> carrying what the paragraph carried (a block's id). */
function paragraphPieces(paragraph: Paragraph): BlockContent[] {
  const blocks = cutAroundEmbeds(paragraph.children).flatMap((piece): BlockContent[] => {
    if ('embed' in piece) return [asBlock(piece.embed)];
    const inline = withoutEdgeBreaks(piece.inline);
    return inline.length ? [{ type: 'paragraph', children: inline }] : [];
  });
  return paragraph.data?.hProperties ? [division(paragraph.data.hProperties, blocks)] : blocks;
}

/**
 * A heading or a paragraph that is an element of its own (a callout's title) keeps its words, and
 * its embeds follow it. Where an embed stood between two words, one space is left (`Head ![[Note]]
 * words` is "Head words", and so is its id).
 */
function embedsAfter(node: Heading | Paragraph): BlockContent[] {
  const pieces = cutAroundEmbeds(node.children);
  const words: PhrasingContent[] = [];
  for (const piece of pieces) {
    if (!('inline' in piece)) continue;
    const [first, ...rest] = piece.inline;
    const before = words.at(-1);
    if (first?.type === 'text' && before?.type === 'text' && /\s$/.test(before.value)) words.push({ ...first, value: first.value.trimStart() }, ...rest);
    else words.push(...piece.inline);
  }
  const last = words.at(-1);
  if (last?.type === 'text') words[words.length - 1] = { ...last, value: last.value.trimEnd() };
  const embeds = pieces.flatMap((piece) => ('embed' in piece ? [asBlock(piece.embed)] : []));
  return [{ ...node, children: words } as BlockContent, ...embeds];
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
