import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { BodyPart } from '../render/markdown/embed-slots.ts';
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

interface Embeddable {
  slug: string;
  title: string;
  body: BodyPart[];
}

/**
 * A note's final HTML: its body with every embedded shared note put in its slot, under a link to
 * that note. Embeds of notes that are not in the garden (private, missing, not rendered) are
 * nothing; nesting and size are bounded (`cut` is told of each note that reached MAX_EMBEDDED)
 * and a note never embeds itself through a cycle.
 */
export function embedNotes(notes: Embeddable[], urls: SiteUrls, cut: (slug: string) => void = () => {}): Map<string, string> {
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const expand = (body: BodyPart[], seen: string[], budget: { left: number }): string =>
    body
      .map((part) => {
        if (typeof part === 'string') {
          if (seen.length > 1) budget.left -= part.length;
          return part;
        }
        const embedded = bySlug.get(part.note);
        if (!embedded) return '';
        if (budget.left <= 0) {
          cut(seen[0]!);
          return embedFrame(embedded, urls, '');
        }
        budget.left -= FRAME_COST;
        const inner = seen.includes(embedded.slug) || seen.length > MAX_DEPTH ? '' : expand(embedded.body, [...seen, embedded.slug], budget);
        return embedFrame(embedded, urls, inner);
      })
      .join('');
  return new Map(notes.map((n) => [n.slug, expand(n.body, [n.slug], { left: MAX_EMBEDDED })]));
}

/** The frame around an embedded note: its title as a link, then its HTML (already sanitized). */
function embedFrame(note: Embeddable, urls: SiteUrls, inner: string): string {
  const title: Element = {
    type: 'element',
    tagName: 'p',
    properties: { className: ['embed-title'] },
    children: [{ type: 'element', tagName: 'a', properties: { className: ['internal'], href: urls.note(note.slug) }, children: [{ type: 'text', value: note.title }] }],
  };
  const frame: Element = {
    type: 'element',
    tagName: 'div',
    properties: { className: ['embed'], dataEmbed: note.slug },
    children: [title, { type: 'raw', value: inner } as unknown as ElementContent],
  };
  return toHtml(frame, { allowDangerousHtml: true });
}
