import type { Root, RootContent, Parent, Literal } from 'mdast';
import type { ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import { fromHtml } from 'hast-util-from-html';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { notice } from './findings.ts';

/*
 * Blocks of raw HTML (pasted e-mail, mostly) are read so that a broken one cannot take the rest of
 * the note with it:
 *
 * Each block is parsed on its own, as an HTML fragment, so a tag or attribute left open ends with
 * its block instead of swallowing the paragraphs after it. (Raw HTML inside a paragraph goes to
 * rehype-raw, which resets its tokenizer at the next Markdown node.) The exception is HTML written
 * around Markdown, as CommonMark documents it: a block whose elements a later block of the same
 * container closes (`<details>`, a blank line, Markdown, `</details>`) is read with that block and
 * everything between, so the Markdown lands inside the element.
 *
 * CommonMark lets a few kinds of HTML block (<script>, <pre>, <style>, <textarea>, <?, <![CDATA[) run
 * until their closing tag, so one left open by pasted e-mail swallows the rest of the note. Such a
 * block is cut at its first blank line and what follows is read as Markdown again.
 *
 * An unclosed `<!--` is left alone on purpose: the gardener meant to hide something, and hiding too
 * much is safer than publishing it. The note reports it.
 */
const OPENERS: [RegExp, RegExp][] = [
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

function unclosed(value: string): boolean {
  const opener = OPENERS.find(([open]) => open.test(value));
  return opener !== undefined && !opener[1].test(value);
}

export interface HtmlBlock extends Literal {
  type: 'htmlBlock';
}

declare module 'mdast' {
  interface RootContentMap {
    htmlBlock: HtmlBlock;
  }
}

/** remark-rehype handler: an HTML block becomes the elements of its own fragment. */
export function htmlBlockHandler(_state: State, node: HtmlBlock): ElementContent[] {
  return fromHtml(node.value, { fragment: true }).children.filter((child) => child.type !== 'doctype');
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** A comment, or a whole start or end tag (quoted values bounded, each attribute after white space: no run read two ways). */
const TAG = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]{0,2000}"|'[^']{0,2000}'|[^\s"'=<>`]+))?)*\s*(\/?)>/g;
/** The start of a tag, comment or instruction that was not finished. */
const UNFINISHED = /<[A-Za-z/!?]/;

/**
 * The elements left open after reading a block's tags onto `open` (innermost last), or undefined
 * when the block ends inside a tag, attribute or comment: such a block is never read with others.
 */
function afterTags(html: string, open: string[]): string[] | undefined {
  const stack = [...open];
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    if (UNFINISHED.test(html.slice(last, match.index))) return undefined;
    last = match.index + match[0].length;
    const [, end, name, selfClosing] = match;
    if (!name) continue;
    const element = name.toLowerCase();
    if (end) {
      const at = stack.lastIndexOf(element);
      if (at !== -1) stack.length = at;
    } else if (!selfClosing && !VOID.has(element)) {
      stack.push(element);
    }
  }
  return UNFINISHED.test(html.slice(last)) ? undefined : stack;
}

/** The index of the later sibling HTML block that closes what the block at `i` leaves open; -1 when none does. */
function closingBlock(siblings: RootContent[], i: number): number {
  let open = afterTags((siblings[i] as Literal).value, []);
  if (!open?.length) return -1;
  for (let j = i + 1; j < siblings.length && open; j++) {
    const sibling = siblings[j]!;
    if (sibling.type !== 'html') continue;
    open = afterTags(sibling.value, open);
    if (open?.length === 0) return j;
  }
  return -1;
}

export default function remarkHtmlBlocks(this: Processor) {
  const parse = (text: string) => this.parse(text) as Root;
  return (tree: Root, file: VFile) => {
    const visit = (parent: Parent) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type === 'html' && /^ {0,3}<!--/.test(node.value) && !node.value.includes('-->')) {
          notice(file, `an HTML comment opened at line ${node.position?.start.line ?? '?'} is never closed; everything after it is hidden`);
          (node as unknown as HtmlBlock).type = 'htmlBlock';
        } else if (node.type === 'html' && unclosed(node.value)) {
          const cut = node.value.search(/\n[ \t]*\n/);
          if (cut === -1) continue;
          const rest = parse(node.value.slice(cut)).children;
          node.value = node.value.slice(0, cut);
          parent.children.splice(i + 1, 0, ...(rest as typeof parent.children));
          (node as unknown as HtmlBlock).type = 'htmlBlock';
        } else if (node.type === 'html') {
          const closer = closingBlock(parent.children as RootContent[], i);
          // HTML around Markdown: left to rehype-raw, which reads the blocks and what is between them as one.
          if (closer !== -1) i = closer;
          else (node as unknown as HtmlBlock).type = 'htmlBlock';
        } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
          visit(node as Parent);
        }
      }
    };
    visit(tree);
  };
}
