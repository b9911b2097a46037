import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { cleanLabel } from './text.ts';
import { wikilinksAsWords } from './wikilink-text.ts';
import { stem } from '../collect/walk-vault.ts';

/*
 * The title rule: the `title` field, else the `# heading` that heads the note, else its file name.
 * A heading heads the note when nothing but blank lines, comments, images and badges comes before
 * it: a `# heading` further down (a footer's "This note in GitHub") names a section, not the note.
 * The heading that is the title (or that repeats the `title` field) is shown once, as the page's
 * title, and keeps its id there (render/heading-ids.ts). Markup in a title shows as its words.
 */

/** The heading that heads a note's body: its words, and its line in the body (1-based). */
export interface TitleHeading {
  text: string;
  line: number;
}

export interface NoteTitle {
  title: string;
  /** Set when a heading heads the body and is the title (or says the same): its line in the body. */
  headingLine?: number;
}

const IMAGE = String.raw`!\[[^\]\n]*\]\([^)\n]*\)`;
const REFERENCE_IMAGE = String.raw`!\[[^\]\n]*\]\[[^\]\n]*\]`;
const BADGE = String.raw`\[(?:${IMAGE}|${REFERENCE_IMAGE})\](?:\([^)\n]*\)|\[[^\]\n]*\])`;
const IMAGE_EMBED = String.raw`!\[\[[^\]\n]+\.(?:png|jpe?g|gif|webp|avif|svg|bmp)(?:\|[^\]\n]*)?\]\]`;
const HTML_TAG = String.raw`<[^>\n]*>`;
/** A line of images, badges (linked images) and tags without words, such as `<p align="center">`. */
const DECORATION = new RegExp(String.raw`^\s*(?:(?:${BADGE}|${IMAGE}|${REFERENCE_IMAGE}|${IMAGE_EMBED}|${HTML_TAG})\s*)+$`, 'i');
/** A link reference definition (`[badge]: https://…`), which shows nothing. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s/;
const ATX_H1 = /^ {0,3}#(?:[ \t]+(.*))?$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;

/** Skips a comment (`%% … %%` or `<!-- … -->`) that starts on line `i`; the line after it, or -1 when none starts there. */
function skipComment(lines: string[], i: number): number {
  const line = lines[i]!.trimStart();
  const [open, close] = line.startsWith('%%') ? ['%%', '%%'] : line.startsWith('<!--') ? ['<!--', '-->'] : [];
  if (!open || !close) return -1;
  let rest = line.slice(open.length);
  for (let j = i; j < lines.length; j++, rest = lines[j] ?? '') {
    const end = rest.indexOf(close);
    if (end === -1) continue;
    // Words after the comment on its last line are the note's first words: nothing to skip.
    return rest.slice(end + close.length).trim() ? -1 : j + 1;
  }
  return lines.length;
}

/** The `# heading` that heads the body, if one does. */
export function titleHeading(body: string): TitleHeading | undefined {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const afterComment = skipComment(lines, i);
    if (afterComment !== -1) {
      i = afterComment;
      continue;
    }
    if (!line.trim() || DECORATION.test(line) || DEFINITION.test(line)) {
      i++;
      continue;
    }
    const atx = ATX_H1.exec(line);
    if (atx) return { text: inlineText(withoutClosingSequence(atx[1] ?? '')), line: i + 1 };
    if (SETEXT_H1.test(lines[i + 1] ?? '')) return { text: inlineText(line.trim()), line: i + 1 };
    return undefined;
  }
  return undefined;
}

/** An ATX heading's words without its closing `#`s (`# Title ##`), read without a backtracking pattern. */
export function withoutClosingSequence(words: string): string {
  const trimmed = words.trimEnd();
  let hashes = trimmed.length;
  while (hashes > 0 && trimmed[hashes - 1] === '#') hashes--;
  if (hashes === trimmed.length) return trimmed;
  if (hashes === 0) return '';
  return trimmed[hashes - 1] === ' ' || trimmed[hashes - 1] === '\t' ? trimmed.slice(0, hashes).trimEnd() : trimmed;
}

/** Escapes what Markdown would read as syntax, so words are shown as written. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#!~=$|]/g, '\\$&');

/**
 * A heading's words as the page shows them, without their markup: `An Introduction to
 * [[dataview|Dataview]]` → `An Introduction to Dataview`, `*Fixture* Note` → `Fixture Note`,
 * `$\cosh x$` → `\cosh x`.
 * A wikilink's words are shown as written (`[[_draft_ ideas]]`), as Obsidian does.
 */
export function inlineText(markdown: string): string {
  const withMathAsTeX = markdown.replace(MATH, (_, display: string | undefined, inline: string | undefined) => escapeMarkdown(display ?? inline ?? ''));
  return toString(fromMarkdown(wikilinksAsWords(withMathAsTeX, escapeMarkdown))).replace(/\s+/g, ' ').trim();
}

/** `$$…$$` and `$…$` by Obsidian's rule (render/markdown/math.ts): a title shows math as its TeX. */
const MATH = /(?<!\\)\$\$([^$]+)\$\$|(?<!\\)\$(?=\S)([^$\n]*?\S)\$(?!\d)/g;

export function noteTitle(data: Frontmatter, body: string, path: string): NoteTitle {
  const heading = titleHeading(body);
  const field = cleanLabel(wikilinksAsWords(cleanLabel(publishedField(data, 'title'))));
  const title = field || cleanLabel(heading?.text) || cleanLabel(stem(path)) || 'Untitled';
  return heading && cleanLabel(heading.text) === title ? { title, headingLine: heading.line } : { title };
}
