import type { Parent, Root, Text } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';

/*
 * A backslash writes Obsidian's syntax out instead of using it, as in Obsidian: `\[\[Note\]\]`,
 * `\#tag`, `\==text\==`, `\![[Note]]`. CommonMark's parser drops the backslash and merges the
 * character into the text around it, where the garden's text syntaxes (wikilinks, inline tags,
 * highlights: plugins that read the parsed text) would take it for theirs. So while parsing, each
 * escaped character that starts or ends one of those syntaxes is set apart as a text node of its
 * own: those plugins read one text node at a time, so they cannot see it as part of a match, and
 * it is shown as written. (Noted on the node instead, it would be lost where GFM's autolinks split
 * text nodes after parsing.) Other escapes (`\|` in a table's wikilink, `\#` in a wikilink's
 * words) stay in place.
 */
const SYNTAX = new Set(['[', ']', '#', '=', '!']);

/** The parser's own handling of an escaped character, noting where it went in its text node. */
function exitEscapedCharacter(this: CompileContext, token: Token): void {
  // Pushed by the parser on entering the escape: the text node the character is appended to.
  const tail = this.stack.pop() as Text;
  const value = this.sliceSerialize(token);
  if (SYNTAX.has(value)) ((tail.data ??= {}) as { escapes?: number[] }).escapes = [...((tail.data as { escapes?: number[] }).escapes ?? []), tail.value.length];
  tail.value += value;
  tail.position!.end = { line: token.end.line, column: token.end.column, offset: token.end.offset };
}

/**
 * Whether the escaped character at `at` would start or end one of the text syntaxes: a bracket or
 * `=` of a pair (`[[`, `]]`, `==`), a `!` before `[`, a `#` outside a wikilink (`[[Note|Issue \#12]]`
 * stays a link).
 */
function opensSyntax(value: string, at: number): boolean {
  const [before, c, after] = [value[at - 1], value[at], value[at + 1]];
  if (c === '[' || c === ']' || c === '=') return before === c || after === c;
  if (c === '!') return after === '[';
  return value.lastIndexOf('[[', at) <= value.lastIndexOf(']]', at);
}

/** A text node's escaped syntax characters, each as a text node of its own. */
function setApart(node: Text): Text[] {
  const noted = (node.data as { escapes?: number[] } | undefined)?.escapes;
  if (!noted) return [node];
  delete (node.data as { escapes?: number[] }).escapes;
  const escapes = noted.filter((at) => opensSyntax(node.value, at));
  if (!escapes.length) return [node];
  const parts: Text[] = [];
  let from = 0;
  for (const at of escapes) {
    if (at > from) parts.push({ type: 'text', value: node.value.slice(from, at) });
    parts.push({ type: 'text', value: node.value[at]! });
    from = at + 1;
  }
  if (from < node.value.length) parts.push({ type: 'text', value: node.value.slice(from) });
  return parts;
}

function setApartEscapes(tree: Root): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): Parent['children'] => {
      if (child.type === 'text') return setApart(child);
      if ('children' in child) walk(child);
      return [child];
    }) as Parent['children'];
  };
  walk(tree);
}

export default function remarkEscapes(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: Extension[] };
  // Before GFM's own transforms (remark-gfm comes after this plugin), which split text nodes.
  (data.fromMarkdownExtensions ??= []).push({ exit: { characterEscapeValue: exitEscapedCharacter }, transforms: [setApartEscapes] });
}
