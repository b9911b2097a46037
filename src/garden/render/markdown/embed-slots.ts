import { randomUUID } from 'node:crypto';
import type { Root, Element } from 'hast';
import type { EmbedSlot } from './context.ts';

/*
 * Embeds travel out of the renderer as typed slots, never as markup a note could write. The
 * wikilinks plugin leaves an empty element carrying this process's random token and the embed's
 * number; once the note is sanitized, genuine slots become a marker the serializer passes through,
 * and the rendered HTML is split at the markers. A note cannot guess the token, so raw HTML that
 * imitates a slot is only an empty <div>.
 */
const TOKEN = randomUUID();
const SLOT_ATTRIBUTE = 'dataEmbedSlot';

/** The properties of the element that holds embed number `index` until the note is sanitized. */
export const slotProperties = (index: number) => ({ [SLOT_ATTRIBUTE]: `${TOKEN}:${index}` });

const MARKER = new RegExp(`${TOKEN}:(\\d+);`);

/** Replaces genuine slots with markers and strips the attribute from any a note wrote itself. */
export default function rehypeEmbedSlots() {
  return (tree: Root) => {
    const walk = (parent: Root | Element) => {
      parent.children.forEach((child, i) => {
        if (child.type !== 'element') return;
        const value = child.properties[SLOT_ATTRIBUTE];
        if (value === undefined) return walk(child);
        delete child.properties[SLOT_ATTRIBUTE];
        const genuine = typeof value === 'string' && value.startsWith(`${TOKEN}:`);
        if (genuine) parent.children[i] = { type: 'text', value: `${value};` };
        else walk(child);
      });
    };
    walk(tree);
  };
}

/** A note's rendered body: sanitized HTML with the embeds between its pieces. */
export type BodyPart = string | EmbedSlot;

/** Splits serialized HTML at the slot markers, putting each embed in its place. */
export function splitAtSlots(html: string, embeds: EmbedSlot[]): BodyPart[] {
  if (embeds.length === 0) return [html];
  const pieces = html.split(MARKER);
  const parts: BodyPart[] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) parts.push(piece);
    } else {
      const slot = embeds[Number(piece)];
      if (slot) parts.push(slot);
    }
  });
  return parts;
}
