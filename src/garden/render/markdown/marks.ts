import { randomUUID } from 'node:crypto';
import type { Root, Element } from 'hast';
import type { EmbedSlot } from './findings.ts';

/*
 * What the garden adds to a note's HTML (an embed's place, a block's id) is marked on the Markdown
 * tree and resolved only after sanitizing, so a note cannot forge it. A mark carries this process's
 * random token: raw HTML imitating one cannot know it, and loses the attribute. Embeds leave the
 * renderer as typed slots between pieces of HTML; block ids become element ids (`^id`, as Obsidian
 * links to them).
 */
const TOKEN = randomUUID();
const ATTRIBUTE = 'dataGardenMark';

type Kind = 'embed' | 'block';

/** The properties that mark an element for the garden until the note is sanitized. */
export const markProperties = (kind: Kind, value: string | number) => ({ [ATTRIBUTE]: `${TOKEN}:${kind}:${value}` });

/** The garden's mark an element carries, if it is one of this process's (none is forged). */
function markOf(element: Element): { kind: string; detail: string } | undefined {
  const value = element.properties[ATTRIBUTE];
  const [token, kind, detail = ''] = typeof value === 'string' ? value.split(':') : [];
  return token === TOKEN && kind ? { kind, detail } : undefined;
}

/** Whether an element carries the garden's mark of this kind (before the marks are resolved). */
export const markedAs = (element: Element, kind: Kind) => markOf(element)?.kind === kind;

/** The element id of a block reference (`^my-block`); Obsidian matches block ids in any case. */
export const blockElementId = (id: string) => `^${id.toLowerCase()}`;

const SLOT = new RegExp(`${TOKEN}:(\\d+);`);

/** Marks resolved: embeds become slot markers, blocks get their ids; forged marks are dropped. */
export default function rehypeGardenMarks() {
  return (tree: Root) => {
    const walk = (parent: Root | Element) => {
      parent.children.forEach((child, i) => {
        if (child.type !== 'element') return;
        const mark = markOf(child);
        delete child.properties[ATTRIBUTE];
        if (mark?.kind === 'embed') {
          parent.children[i] = { type: 'text', value: `${TOKEN}:${mark.detail};` };
          return;
        }
        if (mark?.kind === 'block') child.properties.id = blockElementId(mark.detail);
        walk(child);
      });
    };
    walk(tree);
  };
}

/** A note's rendered HTML: sanitized pieces with the embeds between them. */
export type BodyPart = string | EmbedSlot;

/** Splits serialized HTML at the slot markers, putting each embed in its place. */
export function splitAtSlots(html: string, embeds: EmbedSlot[]): BodyPart[] {
  if (embeds.length === 0) return html ? [html] : [];
  const parts: BodyPart[] = [];
  html.split(SLOT).forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) parts.push(piece);
    } else {
      const slot = embeds[Number(piece)];
      if (slot) parts.push(slot);
    }
  });
  return parts;
}
