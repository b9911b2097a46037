import { escapeHtml } from '../normalize/text.ts';
import { stripEveryComment } from './markdown/obsidian-comments.ts';

/*
 * A note too deeply nested to render as Markdown is published as its words: the body (never the
 * frontmatter) as escaped paragraphs of text. It hides at least what rendering hides: Obsidian and
 * HTML comments (an unclosed one hides the rest, as when rendering; `%%` in code too, since the note
 * cannot be parsed to tell code apart), and the content of elements
 * the sanitizer drops with their content (script, style); every other tag is dropped, so no markup
 * of the note reaches the page. Linear in the note's size, no recursion.
 */

const HIDDEN_ELEMENTS = /<(script|style|textarea|template|title|xmp|iframe|noembed|noframes|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<\/?[A-Za-z][^<>]*>|<![^<>]*>|<\?[^<>]*>/g;
/** C0 controls other than tab and line feed are never text. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export interface PlainText {
  html: string;
  /** The opening words, for lists and meta descriptions. */
  excerpt: string;
  /** All the words, for search terms. */
  text: string;
}

export function plainTextBody(body: string): PlainText {
  const words = stripEveryComment(body)
    .replace(HTML_COMMENT, '')
    .replace(HIDDEN_ELEMENTS, '')
    .replace(TAG, '')
    .replace(CONTROLS, '');
  const paragraphs = words
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
  const html = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`).join('\n');
  let excerpt = '';
  for (const paragraph of paragraphs) {
    if (excerpt.length >= 300) break;
    excerpt = `${excerpt} ${paragraph.replace(/\s+/g, ' ')}`.trim();
  }
  return { html, excerpt, text: paragraphs.join('\n') };
}
