import type { NoteSlug } from '../types.ts';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { BodyPart, Chunk } from '../render/markdown/chunks.ts';
import { isCanvasSlot, isViewSlot, viewKey, type CanvasSlot, type NoteEmbedSlot, type ViewSlot } from '../render/markdown/findings.ts';
import type { RenderedCanvas } from '../render/canvas/render-canvases.ts';
import type { Problems } from '../problems.ts';
import type { SiteUrls } from '../urls.ts';

/** How deep embeds nest: an embed inside an embed inside… stops here. */
export const MAX_DEPTH = 3;

/**
 * How much of other notes one page may embed, in characters (each embed counting its frame too).
 * Embeds multiply: four notes each embedding the next 200 times made one page of 8 million copies
 * and stopped the build. Past this, an embed shows only its title, linking to the note.
 */
export const MAX_EMBEDDED = 1_000_000;
const FRAME_COST = 200;

/** What one page being made has used: the board ids it holds, and how much it may still embed. */
interface PageState {
  ids: Set<string>;
  left: number;
}

export interface Embeddable {
  slug: NoteSlug;
  path: string;
  title: string;
  body: Chunk[];
  blocks: Record<string, BodyPart[]>;
}

/** The parts an embed shows: the whole note, one section (to the next heading of its level or higher), or one block. */
function embeddedParts(note: Embeddable, slot: NoteEmbedSlot): BodyPart[] | undefined {
  if (slot.block) return note.blocks[slot.block];
  if (!slot.section) return note.body.flatMap((chunk) => chunk.parts);
  const start = note.body.findIndex((chunk) => chunk.heading?.id === slot.section);
  if (start === -1) return undefined;
  const depth = note.body[start]!.heading!.depth;
  let end = start + 1;
  while (end < note.body.length && !(note.body[end]!.heading && note.body[end]!.heading!.depth <= depth)) end++;
  return note.body.slice(start, end).flatMap((chunk) => chunk.parts);
}

/** The canvases the build drew, and for each the shared note whose page a link to it goes to; and the views it drew. */
export interface Boards {
  canvases: Map<string, RenderedCanvas>;
  /** Canvas path → the shared notes that embed it themselves, by vault path. */
  homes: Map<string, { path: string; slug: NoteSlug }[]>;
  /** Each view slot's HTML by its key (`viewKey`, assemble/views/), shown wherever the note holding it is… */
  views?: Map<string, string>;
  /** …and what stands in for a view no note holds. */
  unavailable?: string;
}

/** A view drawn for its note; one no note holds (in a canvas's text card) is not drawn, and said so. Inside an embed, it counts against the page's budget. */
function viewHtml(boards: Boards, problems: Problems, from: string, part: ViewSlot, embedded: PageState | undefined): string {
  const html = boards.views?.get(viewKey(from, part));
  if (html === undefined) problems.warn(from, `has a view (${part.written}) in a text card; views are drawn in notes only, so it is not published`);
  if (embedded && html) embedded.left -= html.length;
  return html ?? boards.unavailable ?? '';
}

/**
 * Each note's final HTML: its body with every embedded shared note, section or block put in its
 * slot, under a link to where it comes from, and every embedded canvas's board. An embed of a note
 * that is not in the garden (private, missing, not rendered) is nothing, and so is one of a heading
 * or block the note lacks (reported). Nesting and size are bounded (`cut` is told of each page that
 * reached MAX_EMBEDDED), and an embed never contains itself through a cycle. A link to a canvas goes
 * to its board: on the linking note's own page when that note embeds it, else on the first shared
 * note (by vault path) that does; or it stays text (reported).
 */
export function embedNotes(
  notes: Embeddable[],
  urls: SiteUrls,
  problems: Problems,
  boards: Boards = { canvases: new Map(), homes: new Map() },
  cut: (slug: NoteSlug) => void = () => {},
): Map<string, string> {
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const expand = (from: string, parts: BodyPart[], seen: string[], page: PageState): string =>
    parts
      .map((part) => {
        if (typeof part === 'string') {
          if (seen.length > 1) page.left -= part.length;
          return part;
        }
        if (isCanvasSlot(part)) return part.link === undefined ? board(part, seen, page) : canvasLink(from, part);
        if (isViewSlot(part)) return viewHtml(boards, problems, from, part, seen.length > 1 ? page : undefined);
        const embedded = bySlug.get(part.note);
        if (!embedded) return '';
        const shown = embeddedParts(embedded, part);
        if (!shown) {
          problems.warn(from, `embeds "${part.written}", but "${embedded.title}" has no such ${part.block ? 'block' : 'heading'}; nothing is shown`);
          return '';
        }
        const fragment = part.section ?? part.block;
        if (page.left <= 0) {
          cut(seen[0]!.split('#')[0]! as NoteSlug);
          return embedFrame(embedded, urls, fragment, '');
        }
        page.left -= FRAME_COST;
        const key = `${embedded.slug}#${fragment ?? ''}`;
        const inner = seen.includes(key) || seen.length > MAX_DEPTH ? '' : expand(embedded.path, shown, [...seen, key], page);
        return embedFrame(embedded, urls, fragment, inner);
      })
      .join('');
  const board = (slot: CanvasSlot, seen: string[], page: PageState): string => {
    const canvas = boards.canvases.get(slot.canvas);
    const key = `canvas:${slot.canvas}`;
    if (!canvas?.parts.length || seen.includes(key) || seen.length > MAX_DEPTH) return '';
    // Each board's id is given once per page.
    const id = page.ids.has(canvas.id) ? undefined : canvas.id;
    if (id) page.ids.add(id);
    return boardFrame(canvas, id, expand(canvas.path, canvas.parts, [...seen, key], page));
  };
  const canvasLink = (from: string, slot: CanvasSlot): string => {
    const canvas = boards.canvases.get(slot.canvas);
    const homes = boards.homes.get(slot.canvas) ?? [];
    const home = (homes.find((h) => h.path === from) ?? homes[0])?.slug;
    if (!canvas?.parts.length || !home) {
      problems.warn(from, `links to the canvas "${slot.written}", which no shared note shows; the link is shown as text (embed it with ![[…]] in a shared note to publish it)`);
      return toHtml({ type: 'element', tagName: 'span', properties: { className: ['link-unresolved'] }, children: [{ type: 'text', value: slot.link! }] });
    }
    return toHtml({ type: 'element', tagName: 'a', properties: { className: ['internal'], href: urls.note(home, canvas.id) }, children: [{ type: 'text', value: slot.link! }] });
  };
  return new Map(notes.map((n) => [n.slug, expand(n.path, n.body.flatMap((chunk) => chunk.parts), [`${n.slug}#`], { ids: new Set(), left: MAX_EMBEDDED })]));
}

/** A board in the page: its caption (the canvas's name) under it, and its id where the page has it first. */
function boardFrame(canvas: RenderedCanvas, id: string | undefined, inner: string): string {
  const frame: Element = {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['canvas'], ...(id ? { id } : {}) },
    children: [
      // Focusable, so a keyboard can scroll a board wider than a phone's column.
      { type: 'element', tagName: 'div', properties: { className: ['canvas-scroll'], tabIndex: 0 }, children: [{ type: 'raw', value: inner } as unknown as ElementContent] },
      { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: canvas.name }] },
    ],
  };
  return toHtml(frame, { allowDangerousHtml: true });
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
