import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';
import { remarkObsidianMath } from './math.ts';

/*
 * Obsidian comments (`%% … %%`), removed before the note is parsed, keeping line breaks so that
 * positions in problem reports still match the file. As in Obsidian, `%%` opens a comment only
 * where it is text: never inside inline code, fenced or indented code, math, raw HTML or the
 * frontmatter. A comment runs to the next `%%` wherever that is (inside it nothing is code), may
 * span lines and blocks, and one never closed hides the rest of the note: what the gardener meant
 * to hide stays hidden. For the same reason a line that starts with `%%` opens a comment even where
 * CommonMark still counts it in the block of HTML above it (one not yet ended by a blank line).
 *
 * Where `%%` stands is found by parsing the note with the pipeline's own syntax (CommonMark, GFM,
 * math, frontmatter). Removing a comment can change how what follows parses (a backtick or `$`
 * inside it, a line left empty), so the note is parsed again after such a comment.
 */

/** Nodes whose text is never a comment: code, math, raw HTML, frontmatter. */
const VERBATIM = new Set(['code', 'inlineCode', 'math', 'inlineMath', 'html', 'yaml']);
/** Nodes whose raw HTML is inline, not a block of its own. */
const INLINE_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkObsidianMath).freeze();

/** Where the text is verbatim, from offset to offset; `htmlBlock` for a block of raw HTML. */
type Verbatim = [start: number, end: number, htmlBlock: boolean];

/** The text's verbatim nodes, in document order. */
function verbatimRanges(text: string): Verbatim[] {
  const ranges: Verbatim[] = [];
  const walk = (node: Nodes, inline: boolean) => {
    if (VERBATIM.has(node.type)) {
      const { start, end } = node.position ?? {};
      if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset, node.type === 'html' && !inline]);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child, inline || INLINE_PARENTS.has(node.type));
  };
  walk(parser.runSync(parser.parse(text)) as Root, false);
  return ranges;
}

/**
 * Parsing again after removing a comment is bounded by the text it reads, about a second's work on
 * any note: past it, later comments are found on the last parse.
 */
const REPARSE_BUDGET = 400_000;

/** Whether removing this comment can change how the text after it parses. */
const changesParse = (comment: string, lineStart: boolean) => lineStart || /[\n`$<~]/.test(comment);

/** Just the line breaks of a piece of text. */
const lineBreaksOf = (text: string) => text.replace(/[^\n]/g, '');

export function stripObsidianComments(text: string): { text: string; unclosed: boolean } {
  if (!text.includes('%%')) return { text, unclosed: false };
  let out = text;
  let ranges = verbatimRanges(out);
  // Ranges are offsets in the text as last parsed; `shift` maps an offset of `out` back to it.
  let shift = 0;
  let from = 0;
  let reparsed = 0;
  for (;;) {
    const opener = nextOpener(out, from, ranges, shift);
    if (opener === -1) return { text: out, unclosed: false };
    const closer = out.indexOf('%%', opener + 2);
    if (closer === -1) return { text: out.slice(0, opener) + lineBreaksOf(out.slice(opener)), unclosed: true };
    const comment = out.slice(opener, closer + 2);
    const kept = lineBreaksOf(comment);
    out = out.slice(0, opener) + kept + out.slice(closer + 2);
    from = opener + kept.length;
    if (changesParse(comment, startsLine(out, opener)) && (reparsed += out.length) <= REPARSE_BUDGET) {
      ranges = verbatimRanges(out);
      shift = 0;
    } else {
      shift += comment.length - kept.length;
    }
  }
}

/** The first `%%` at or after `from` that is text (or starts a line of an HTML block), or -1. */
function nextOpener(text: string, from: number, ranges: Verbatim[], shift: number): number {
  for (let at = text.indexOf('%%', from); at !== -1; at = text.indexOf('%%', at + 1)) {
    const inside = rangeAt(ranges, at + shift);
    if (!inside || (inside[2] && startsLine(text, at))) return at;
  }
  return -1;
}

/** The verbatim range holding an offset, if any (ranges are in document order and never overlap). */
function rangeAt(ranges: Verbatim[], offset: number): Verbatim | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return ranges[middle];
  }
  return undefined;
}

/** Whether only spaces stand before `at` on its line. */
const startsLine = (text: string, at: number) => /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at));

/**
 * Every `%% … %%` removed, inside code too, without parsing: for a note too deeply nested to parse
 * (published as plain text, plain-text.ts), where hiding too much is the safe side. Line breaks stay.
 */
export function stripEveryComment(text: string): string {
  const parts = text.split('%%');
  return parts.map((part, i) => (i % 2 === 0 ? part : lineBreaksOf(part))).join('');
}

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * A note's text with everything a comment hides blanked out, `%% … %%` as the page hides it and
 * `<!-- … -->` wherever it stands, line breaks kept: for what reads the text beside the page (the
 * tasks and inline fields views list), so that what the gardener hid stays hidden there too.
 */
export function withoutComments(text: string): string {
  return stripObsidianComments(text).text.replace(HTML_COMMENT, lineBreaksOf);
}
