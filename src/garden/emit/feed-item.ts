import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { xmlText } from '../normalize/xml-text.ts';

/*
 * A note as an RSS item, away from the site: in a feed reader, which may show the title and the
 * description as HTML, and shows the content with no page around it to resolve its URLs.
 * Framework-free: the feed page only hands these fields to its RSS writer, which escapes them
 * for XML once more.
 */

export interface FeedItemSource {
  title: string;
  /** The note's description, or its excerpt when it has none: plain text. */
  text: string;
  /** The note's sanitized HTML, as its page shows it. */
  html: string;
  /** The absolute URL of the note's page, which its relative URLs are resolved against. */
  pageUrl: string;
}

export interface FeedItemFields {
  title: string;
  description: string;
  content: string;
}

export function feedItem({ title, text, html, pageUrl }: FeedItemSource): FeedItemFields {
  return { title: feedText(title), description: feedDescription(text), content: feedContent(html, pageUrl) };
}

/**
 * A plain-text element (a title, a category, the channel's title and description) that reads the
 * same in readers that show it as text and in readers that render it as HTML.
 */
export function feedText(text: string): string {
  // RSS 2.0 leaves titles plain text, yet many readers render them as HTML: a `<` or `&` that HTML would read as a tag or an entity gets an invisible word joiner (U+2060) after it, so both kinds show the same words and neither ever sees markup.
  return xmlText(text).replace(/([<&])(?=[A-Za-z!/?#])/g, '$1\u2060');
}

/** An item's description: RSS 2.0 defines it as entity-encoded HTML, so plain text is escaped as HTML once (the XML writer escapes it again). */
export function feedDescription(text: string): string {
  return xmlText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/*
 * Attributes holding one URL, and those holding several (space-separated, or `srcset`). The
 * sanitizer lets few of them through, but a note's HTML is read here as any HTML is, so every URL
 * attribute of HTML is made absolute.
 */
const URL_PROPERTIES = ['href', 'src', 'poster', 'cite', 'longDesc', 'action', 'formAction', 'data', 'background', 'xLinkHref', 'codeBase', 'manifest', 'icon', 'itemId', 'profile'];
const URL_LIST_PROPERTIES = ['ping', 'archive'];

/**
 * The note's HTML with every relative URL made absolute against its page. The HTML is parsed and
 * rewritten as a tree, never as a string, so text or attribute values that merely look like markup
 * stay what they are; a URL that cannot be resolved is dropped rather than failing the feed.
 */
export function feedContent(html: string, pageUrl: string): string {
  const tree = fromHtml(xmlText(html), { fragment: true });
  visit(tree, 'element', (node: Element, index, parent) => {
    // KaTeX writes each formula twice, as MathML and as HTML laid out by its stylesheet; a reader
    // has no stylesheet, so it gets the MathML alone.
    if (parent && index !== undefined && Array.isArray(node.properties.className) && node.properties.className.includes('katex-html')) {
      parent.children.splice(index, 1);
      return index;
    }
    const properties = node.properties;
    for (const name of URL_PROPERTIES) {
      const value = properties[name];
      if (value === undefined || value === null || typeof value === 'boolean') continue;
      const resolved = absoluteUrl(String(Array.isArray(value) ? value.join(' ') : value), pageUrl);
      if (resolved === undefined) delete properties[name];
      else properties[name] = resolved;
    }
    for (const name of URL_LIST_PROPERTIES) {
      const value = properties[name];
      if (!Array.isArray(value) && typeof value !== 'string') continue;
      const urls = (Array.isArray(value) ? value.map(String) : value.split(/\s+/)).filter(Boolean);
      const resolved = urls.map((url) => absoluteUrl(url, pageUrl)).filter((url): url is string => url !== undefined);
      if (resolved.length === 0) delete properties[name];
      else properties[name] = resolved;
    }
    if (typeof properties.srcSet === 'string') {
      const resolved = absoluteSrcset(properties.srcSet, pageUrl);
      if (resolved) properties.srcSet = resolved;
      else delete properties.srcSet;
    }
  });
  return xmlText(toHtml(tree));
}

/**
 * `value` if it is already an absolute URL (kept exactly as written: the sanitizer has chosen
 * which schemes may stay), else resolved against `base`; undefined when it is no URL at all.
 */
export function absoluteUrl(value: string, base: string): string | undefined {
  if (URL.canParse(value)) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

/**
 * A `srcset` with each candidate's URL made absolute; candidates whose URL cannot be resolved are
 * left out. Candidates are split as HTML does: a URL runs to the next white space, and a comma
 * ends the candidate (at the end of the URL, or after its descriptors).
 */
function absoluteSrcset(value: string, base: string): string {
  const candidates: string[] = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (!rest) break;
    let url = /^\S+/.exec(rest)![0];
    rest = rest.slice(url.length);
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      descriptors = /^[^,]*/.exec(rest)![0];
      rest = rest.slice(descriptors.length);
    }
    const resolved = absoluteUrl(url, base);
    // A URL ending in a comma would lose it when read back: that comma is written escaped.
    if (resolved) candidates.push([resolved.replace(/,+$/, (commas) => '%2C'.repeat(commas.length)), descriptors.trim()].filter(Boolean).join(' '));
  }
  return candidates.join(', ');
}
