/*
 * Dataview's inline fields, as its "Adding metadata" page writes them: `key:: value` filling a
 * line (after a list marker, task box or quote), and `[key:: value]` or `(key:: value)` anywhere
 * in a line, the value running to the matching bracket (so `[up:: [[Home]]]` holds a link).
 * Fenced code and inline code hold none. Keys and values are kept as written; the engine types
 * the values and canonicalizes the keys.
 */

const FENCE = /^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})/;
const LINE_PREFIX = /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[.\]\s+)?/;
const FULL_LINE = /^[*_~]*([0-9\p{L}\p{Extended_Pictographic}][-0-9\p{L}\p{Extended_Pictographic}\s/_]*?)[*_~]*::\s*(.*)$/u;
const BRACKET_KEY = /^\s*([^[\]()\n:]+?)\s*::/;
const CLOSING: Record<string, string> = { '[': ']', '(': ')' };

/** Inline code blanked out (same length), so that nothing in it reads as a field. */
const withoutInlineCode = (line: string) => line.replace(/(`+)[^`][\s\S]*?\1|(`+)\2/g, (code) => ' '.repeat(code.length));

/** Where the bracket opened at `open` closes, counting brackets of its kind, or -1. */
function closingOf(line: string, open: number, from: number): number {
  const opener = line[open]!;
  const closer = CLOSING[opener]!;
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    if (line[i] === opener) depth++;
    else if (line[i] === closer) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `[key:: value]` and `(key:: value)` in a line. */
function bracketedFields(line: string): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (!(char in CLOSING) || line[i + 1] === char || (i > 0 && line[i - 1] === char)) continue;
    const key = BRACKET_KEY.exec(line.slice(i + 1));
    if (!key) continue;
    const valueStart = i + 1 + key[0].length;
    const close = closingOf(line, i, valueStart);
    if (close < 0) continue;
    found.push([key[1]!.trim(), line.slice(valueStart, close).trim()]);
    i = close;
  }
  return found;
}

function fullLineField(line: string): [string, string] | undefined {
  const rest = line.replace(LINE_PREFIX, '');
  const match = FULL_LINE.exec(rest);
  if (!match || /^[[(]/.test(rest)) return undefined;
  return [match[1]!.trim(), match[2]!.trim()];
}

/** A note's body (no frontmatter) → its inline fields, keys and values as written, in order. */
export function inlineFieldsOf(text: string): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = ([key, value]: [string, string]) => {
    if (key) (fields[key] ??= []).push(value);
  };
  let fence: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const opened = FENCE.exec(raw)?.[1];
    if (opened && (!fence || (opened[0] === fence[0] && opened.length >= fence.length))) {
      fence = fence ? undefined : opened;
      continue;
    }
    if (fence) continue;
    const line = withoutInlineCode(raw);
    const bracketed = bracketedFields(line);
    bracketed.forEach(add);
    if (!bracketed.length) {
      const full = fullLineField(line);
      if (full) add(full);
    }
  }
  return { ...fields };
}
