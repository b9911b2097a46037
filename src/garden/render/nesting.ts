/*
 * How deeply a note nests, estimated from its text in one pass, before any parsing. Markdown and
 * HTML trees are walked recursively all through the pipeline (parser, mdast → hast, parse5,
 * sanitizer, serializer), so 10,000 nested blockquotes, lists or <div>s overflow the stack, and
 * deep lists take time far out of proportion to their size long before that (600 levels: 15 s).
 * A note deeper than MAX_NESTING is published as plain text instead (see plain-text.ts).
 *
 * The estimate errs high, never low: each line counts its blockquote markers, list markers and
 * indentation (every two columns may open a list level); each block (up to a blank line, where
 * HTML blocks and paragraphs end) counts the HTML elements left open in it. Lines inside fenced
 * code count nothing.
 */

/** Deeper than this is not rendered as Markdown. Real outlines nest a dozen levels; the stack gives out near 1,000. */
export const MAX_NESTING = 100;

/** Elements that never hold others, and elements HTML closes by itself (pasted e-mail rarely closes them). */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'option', 'optgroup', 'rt', 'rp',
  'html', 'head', 'body',
]);

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(\/?)>/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_ROW = /^ {0,3}\|/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** Blockquote and list markers and indentation levels at the start of a line. */
function lineDepth(line: string): number {
  let depth = 0;
  let i = 0;
  for (;;) {
    let columns = 0;
    while (line[i] === ' ' || line[i] === '\t') columns += line[i++] === '\t' ? 4 : 1;
    depth += Math.floor(columns / 2);
    if (line[i] === '>') {
      depth++;
      i++;
      if (line[i] === ' ') i++;
      continue;
    }
    const marker = LIST_MARKER.exec(line.slice(i, i + 11));
    if (!marker) return depth;
    depth++;
    i += marker[0].length;
    // The space after a list marker belongs to the marker, not to a deeper level.
    if (line[i] === ' ' || line[i] === '\t') i++;
  }
}

/** The deepest nesting the note can build, as estimated above. */
export function nestingDepth(text: string): number {
  let deepest = 0;
  let fence: string | undefined;
  let open = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (line.trim() === '') {
      open = 0;
      continue;
    }
    const containers = lineDepth(line);
    if (line.includes('<')) {
      for (const tag of line.matchAll(TAG)) {
        if (tag[3] || NOT_NESTING.has(tag[2]!.toLowerCase())) continue;
        open = tag[1] ? Math.max(0, open - 1) : open + 1;
        deepest = Math.max(deepest, containers + open);
      }
    }
    deepest = Math.max(deepest, containers + open);
    // A table row's cells are parsed one by one: HTML a cell leaves open closes with the cell.
    if (TABLE_ROW.test(line)) open = 0;
  }
  return deepest;
}
