import type { Nodes as MdastNodes, Root as MdastRoot, PhrasingContent, Table } from 'mdast';
import type { Root as HastRoot, Element } from 'hast';
import type { VFile } from 'vfile';
import { isCanvasSlot, notice } from './findings.ts';
import { noteOf } from './vault-lookups.ts';
import { gardenSchema } from './sanitize-schema.ts';
import { wikilinkText } from '../../normalize/wikilink-text.ts';

/*
 * Nothing lost in silence: the words of a note, read from the Markdown as parsed, are looked for in
 * its page's HTML as rendered, and any that did not get there are reported by file. What the
 * garden hides by a rule it documents is left out of the note's side first: comments (removed
 * before parsing), the frontmatter, link addresses and reference definitions, images and embeds
 * (a file or note shown, or reported as missing or private), block ids, callout markers, the tags
 * and attributes of raw HTML and what the sanitizer drops with its contents (`<script>`, `<style>`…). A word is found when the
 * page has it, or has it inside a longer word (markup can cut a word in two on one side only).
 */

/** Words: runs of letters and digits, in lower case; a lone ASCII letter or digit is not one. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const BLOCK_ID = /(^|\s)\^[A-Za-z0-9-]+/g;
const CALLOUT_MARKER = /\[![\w-]+\][+-]?/g;
const STRIPPED = new Set(gardenSchema.strip);
const STRIPPED_ELEMENTS = new RegExp(`<(${[...STRIPPED].join('|')})\\b[^<>]*>[\\s\\S]*?(?:</\\1\\s*>|$)`, 'gi');
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/**
 * A tag, its attributes' quoted values (which may hold `<` or `>`) included. Each attribute follows
 * white space and a quoted value is bounded, so that no run of text is read two ways and a
 * hostile note cannot make the search slow.
 */
const TAG = /<\/?[A-Za-z][^\s/<>]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]{0,2000}"|'[^']{0,2000}'|[^\s"'=<>`]+))?)*\s*\/?>|<![^<>]*>|<\?[^<>]*>/g;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/gi;

/** Up to how many lost words a report names. */
const NAMED = 5;

declare module 'vfile' {
  interface DataMap {
    /** The words of the note as parsed, before the garden's plugins change its tree. */
    sourceWords: Set<string>;
  }
}

function addWords(text: string, into: Set<string>): void {
  for (const [word] of text.toLowerCase().matchAll(WORD)) if (word.length > 1 || word.charCodeAt(0) > 0x7f) into.add(word);
}

/** The words raw HTML shows: no tags, attributes, comments or what the sanitizer drops with its contents. */
const htmlWords = (html: string) => html.replace(HTML_COMMENT, ' ').replace(STRIPPED_ELEMENTS, ' ').replace(TAG, ' ').replace(ENTITY, ' ');

const openedStripped = (html: string) => {
  const name = /^<([a-z]+)[\s/>]/i.exec(html)?.[1]?.toLowerCase();
  return name && STRIPPED.has(name) && !new RegExp(`</${name}\\s*>`, 'i').test(html) ? name : undefined;
};

/**
 * The words a note's text shows, read from its tree as parsed; and what Markdown itself leaves
 * out, which the gardener is told of in so many words: a table row's cells past its header's (an
 * unescaped `|` in a `[[link|words]]` adds one), a footnote the text never refers to.
 */
class SourceReading {
  readonly words = new Set<string>();
  private readonly referred: Set<string>;
  private readonly unreferred: string[] = [];
  private readonly longRows: string[] = [];

  constructor(tree: MdastRoot) {
    this.referred = footnotesReferredTo(tree);
    this.walk(tree);
  }

  /** What Markdown left out, in the gardener's words. */
  notices(): string[] {
    const notices: string[] = [];
    if (this.longRows.length) {
      notices.push(`table rows with more cells than their header (${listed('line', this.longRows)}): the cells past the header's are not shown; a | inside a [[link|words]] in a table is written \\|`);
    }
    if (this.unreferred.length) notices.push(`footnotes the text never refers to are not shown: ${listed('', this.unreferred)}`);
    return notices;
  }

  private text(value: string): void {
    addWords(value.replace(BLOCK_ID, ' ').replace(CALLOUT_MARKER, ' '), this.words);
  }

  private walk(node: MdastNodes): void {
    switch (node.type) {
      case 'table':
        return this.walkTable(node);
      case 'footnoteDefinition':
        if (this.referred.has(node.identifier)) break;
        this.unreferred.push(`[^${node.label ?? node.identifier}] (line ${node.position?.start.line ?? '?'})`);
        return;
      // An image's words are not prose (a missing image is reported as missing); an embed shows
      // its note, or nothing for a private one (reported).
      case 'yaml':
      case 'definition':
      case 'footnoteReference':
      case 'image':
      case 'imageReference':
        return;
      case 'text':
      case 'inlineCode':
      case 'code':
      case 'math':
      case 'inlineMath':
        return this.text(node.value);
      case 'html':
        return this.text(htmlWords(node.value));
      case 'wikiLink':
        return node.embed ? undefined : this.text(wikilinkText(node.value, false));
    }
    if ('children' in node) this.walkChildren(node.children as PhrasingContent[]);
  }

  /** Inline HTML is one node per tag: what an inline <script>…</script> holds is hidden with it. */
  private walkChildren(children: PhrasingContent[]): void {
    let hiddenUntil: string | undefined;
    for (const child of children) {
      if (hiddenUntil) {
        if (child.type === 'html' && new RegExp(`^</${hiddenUntil}\\s*>`, 'i').test(child.value)) hiddenUntil = undefined;
        continue;
      }
      const opened = child.type === 'html' ? openedStripped(child.value) : undefined;
      const closes = opened && children.some((c) => c.type === 'html' && new RegExp(`^</${opened}\\s*>`, 'i').test(c.value));
      if (closes) hiddenUntil = opened;
      else this.walk(child);
    }
  }

  private walkTable(table: Table): void {
    const columns = table.children[0]?.children.length ?? 0;
    for (const row of table.children) {
      if (row.children.length > columns) this.longRows.push(String(row.position?.start.line ?? '?'));
      for (const cell of row.children.slice(0, columns)) this.walk(cell);
    }
  }
}

/** A few items of a list, for a report: `lines 3, 7 and 9`, `… and 4 more`. */
function listed(noun: string, items: string[]): string {
  const shown = items.slice(0, NAMED).join(', ');
  const more = items.length > NAMED ? ` and ${items.length - NAMED} more` : '';
  return `${noun ? `${noun}${items.length > 1 ? 's' : ''} ` : ''}${shown}${more}`;
}

function footnotesReferredTo(tree: MdastRoot): Set<string> {
  const referred = new Set<string>();
  const walk = (node: MdastNodes) => {
    if (node.type === 'footnoteReference') referred.add(node.identifier);
    else if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return referred;
}

/** The words a page shows: its text, its images' alternative text (each piece of text apart). */
function pageText(tree: HastRoot): string[] {
  const parts: string[] = [];
  const walk = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type === 'text') parts.push(child.value);
      else if (child.type === 'element') {
        if (typeof child.properties.alt === 'string') parts.push(child.properties.alt);
        walk(child);
      }
    }
  };
  walk(tree);
  return parts;
}

/** First in the pipeline: the words of the note as parsed. */
export function remarkSourceWords() {
  return (tree: MdastRoot, file: VFile) => {
    const reading = new SourceReading(tree);
    file.data.sourceWords = reading.words;
    for (const text of reading.notices()) notice(file, text);
  };
}

/** Last in the pipeline: the words that did not reach the page, reported. */
export function rehypeLostText() {
  return (tree: HastRoot, file: VFile) => {
    const wanted = file.data.sourceWords;
    if (!wanted?.size) return;
    // A link to a canvas is a slot until the page is assembled; its words are shown there.
    const slots = (file.data.embeds ?? []).flatMap((slot) => (isCanvasSlot(slot) && slot.link !== undefined ? [slot.link] : []));
    const parts = [noteOf(file).title, ...pageText(tree), ...slots];
    const shown = new Set<string>();
    addWords(parts.join(' '), shown);
    // Pieces of text joined as they stand, too: highlighting can cut `2f` into `2` and `f`.
    const page = parts.join('').toLowerCase();
    const lost = [...wanted].filter((word) => !shown.has(word) && !page.includes(word));
    if (!lost.length) return;
    notice(file, `loses words of its text on the way to its page, hidden by no rule of the garden: ${listed('', lost.map((word) => `"${word}"`))}`);
  };
}
