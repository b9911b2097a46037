import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { BodyPart, Chunk } from '../render/markdown/chunks.ts';
import type { EmbedSlot } from '../render/markdown/context.ts';
import type { Problems } from '../report/problems.ts';
import type { SiteUrls } from '../urls.ts';

/** How deep embeds nest: an embed inside an embed inside… stops here. */
const MAX_DEPTH = 3;

/**
 * How much of other notes one page may embed, in characters (each embed counting its frame too).
 * Embeds multiply: four notes each embedding the next 200 times made one page of 8 million copies
 * and stopped the build. Past this, an embed shows only its title, linking to the note.
 */
export const MAX_EMBEDDED = 1_000_000;
const FRAME_COST = 200;

export interface Embeddable {
  slug: string;
  path: string;
  title: string;
  body: Chunk[];
  blocks: Record<string, BodyPart[]>;
}

/** The parts an embed shows: the whole note, one section (to the next heading of its level or higher), or one block. */
function embeddedParts(note: Embeddable, slot: EmbedSlot): BodyPart[] | undefined {
  if (slot.block) return note.blocks[slot.block];
  if (!slot.section) return note.body.flatMap((chunk) => chunk.parts);
  const start = note.body.findIndex((chunk) => chunk.heading?.id === slot.section);
  if (start === -1) return undefined;
  const depth = note.body[start]!.heading!.depth;
  let end = start + 1;
  while (end < note.body.length && !(note.body[end]!.heading && note.body[end]!.heading!.depth <= depth)) end++;
  return note.body.slice(start, end).flatMap((chunk) => chunk.parts);
}

/**
 * Each note's final HTML: its body with every embedded shared note, section or block put in its
 * slot, under a link to where it comes from. An embed of a note that is not in the garden (private,
 * missing, not rendered) is nothing, and so is one of a heading or block the note lacks (reported).
 * Nesting and size are bounded (`cut` is told of each note that reached MAX_EMBEDDED), and an embed
 * never contains itself through a cycle.
 */
export function embedNotes(notes: Embeddable[], urls: SiteUrls, problems: Problems, cut: (slug: string) => void = () => {}): Map<string, string> {
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const expand = (from: Embeddable, parts: BodyPart[], seen: string[], budget: { left: number }): string =>
    parts
      .map((part) => {
        if (typeof part === 'string') {
          if (seen.length > 1) budget.left -= part.length;
          return part;
        }
        const embedded = bySlug.get(part.note);
        if (!embedded) return '';
        const shown = embeddedParts(embedded, part);
        if (!shown) {
          problems.warn(from.path, `embeds "${part.written}", but "${embedded.title}" has no such ${part.block ? 'block' : 'heading'}; nothing is shown`);
          return '';
        }
        const fragment = part.section ?? part.block;
        if (budget.left <= 0) {
          cut(seen[0]!.split('#')[0]!);
          return embedFrame(embedded, urls, fragment, '');
        }
        budget.left -= FRAME_COST;
        const key = `${embedded.slug}#${fragment ?? ''}`;
        const inner = seen.includes(key) || seen.length > MAX_DEPTH ? '' : expand(embedded, shown, [...seen, key], budget);
        return embedFrame(embedded, urls, fragment, inner);
      })
      .join('');
  return new Map(notes.map((n) => [n.slug, expand(n, n.body.flatMap((chunk) => chunk.parts), [`${n.slug}#`], { left: MAX_EMBEDDED })]));
}

/** The frame around an embedded note: its title as a link, then its HTML (already sanitized). */
function embedFrame(note: Embeddable, urls: SiteUrls, fragment: string | undefined, inner: string): string {
  const title: Element = {
    type: 'element',
    tagName: 'p',
    properties: { className: ['embed-title'] },
    children: [{ type: 'element', tagName: 'a', properties: { className: ['internal'], href: urls.note(note.slug, fragment) }, children: [{ type: 'text', value: note.title }] }],
  };
  const frame: Element = {
    type: 'element',
    tagName: 'div',
    properties: { className: ['embed'], dataEmbed: note.slug },
    children: [title, { type: 'raw', value: inner } as unknown as ElementContent],
  };
  return toHtml(frame, { allowDangerousHtml: true });
}
