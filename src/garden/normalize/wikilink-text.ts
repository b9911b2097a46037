/*
 * What a wikilink names and the words it shows, read the same way wherever one is written: in a
 * note's text (render/markdown/wikilinks.ts) and in a title (title.ts).
 */

/** A wikilink's inside (`Note#Heading|words`) taken apart. */
export interface WikilinkTarget {
  /** The note or file named (`Note`), empty for a link within the note (`[[#Heading]]`). */
  page: string;
  heading?: string;
  block?: string;
  /** The words after `|`, if any. */
  display?: string;
  /** The target as written, without the words (`Note#Heading`). */
  written: string;
}

/** `[[…]]` and `![[…]]` in a line of text, as Obsidian reads them: no brackets inside, one line. */
export const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;

export function parseWikilink(inner: string): WikilinkTarget {
  const bar = inner.indexOf('|');
  const target = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  const display = bar === -1 ? undefined : inner.slice(bar + 1).trim();
  const hash = target.indexOf('#');
  const page = (hash === -1 ? target : target.slice(0, hash)).trim();
  // `Note#Heading#Subheading` links to the last heading named; `Note#^id` to a block.
  const part = hash === -1 ? '' : target.slice(hash + 1).split('#').at(-1)!.trim();
  const block = part.startsWith('^') ? part.slice(1).trim() || undefined : undefined;
  const heading = part && !part.startsWith('^') ? part : undefined;
  return { page, heading, block, display, written: target };
}

/** The words a link shows without words of its own: `Note`, `Note › Heading`, `Note › ^id`. */
export function defaultLinkText({ page, heading, block, written }: WikilinkTarget): string {
  const named = heading ?? (block ? `^${block}` : undefined);
  return named ? (page ? `${page} › ${named}` : named) : written;
}

/** The words a wikilink shows as text: its own words, else what it names (an image embed's size is not words). */
export function wikilinkText(inner: string, embed: boolean): string {
  const target = parseWikilink(inner);
  if (target.display && !(embed && /^\d+(?:x\d+)?$/.test(target.display))) return target.display;
  return embed ? target.page.replace(/^.*\//, '') || defaultLinkText(target) : defaultLinkText(target);
}

/** Text with each wikilink replaced by its words (`replace` may escape them for Markdown). */
export const wikilinksAsWords = (text: string, wrap: (words: string) => string = (words) => words): string =>
  text.includes('[[') ? text.replace(WIKILINK, (_, embed: string, inner: string) => wrap(wikilinkText(inner, embed === '!'))) : text;
