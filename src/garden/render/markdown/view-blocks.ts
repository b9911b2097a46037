import type { Root, Parent, RootContent, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { addEmbed, notice, type ViewSlot } from './findings.ts';
import { markProperties } from './marks.ts';

/*
 * The vault's views written in a note: ```base and ```dataview blocks, and Dataview's inline
 * queries (`= this.rating`), each become a slot the assemble stage fills with the view, evaluated
 * over the shared notes (assemble/views/). Dataview's JavaScript (```dataviewjs, `$= …`) is never
 * run: it is left out of the page, and the gardener is told. In a vault whose Obsidian does not run
 * Dataview (collect/read-vault-plugins.ts), its blocks and inline code stay code, as there. This runs before the note's words are
 * read for the lost-text check: a query is not prose, and its view is what the page shows.
 */
const VIEW_LANGUAGES = new Map<string, ViewSlot['view']>([['base', 'base'], ['dataview', 'dataview']]);
/** Code only Dataview reads: without it, Obsidian shows these blocks as the code they are. */
const DATAVIEW_LANGUAGES = new Set(['dataview', 'dataviewjs']);
// `= expr`; not `==`, `===` or `=>`, which code of many languages writes.
const INLINE_QUERY = /^=(?![=>])\s*(\S[\s\S]*)$/;
const INLINE_SCRIPT = /^\$=/;

/** An inline query's slot: its place in the text, the view recorded on the file. */
function inlineSlot(file: VFile, slot: ViewSlot): PhrasingContent {
  return { type: 'emphasis', data: { hName: 'span', hProperties: markProperties('embed', addEmbed(file, slot)) }, children: [] };
}

/** A block's slot, a block of its own (a `<div>`, as an embed's). */
function blockSlot(file: VFile, slot: ViewSlot): RootContent {
  return { type: 'paragraph', data: { hName: 'div', hProperties: markProperties('embed', addEmbed(file, slot)) }, children: [] };
}

function codeBlock(node: RootContent & { type: 'code' }, file: VFile, syntax: ViewSyntax): RootContent[] {
  const lang = node.lang?.toLowerCase() ?? '';
  const line = (node.position?.start.line ?? 0) + 1;
  if (!syntax.dataview && DATAVIEW_LANGUAGES.has(lang)) return [node];
  if (lang === 'dataviewjs') {
    notice(file, `has a dataviewjs block at line ${line - 1}; the garden never runs JavaScript from a note, so it is left out of the page`);
    return [];
  }
  const view = VIEW_LANGUAGES.get(lang);
  if (!view) return [node];
  return [blockSlot(file, { view, source: node.value, line, written: `${lang} block at line ${line - 1}` })];
}

function inlineCode(node: PhrasingContent & { type: 'inlineCode' }, file: VFile): PhrasingContent[] {
  const line = node.position?.start.line ?? 0;
  if (INLINE_SCRIPT.test(node.value)) {
    notice(file, `has an inline Dataview JavaScript query at line ${line}; the garden never runs JavaScript from a note, so it is left out of the page`);
    return [];
  }
  const query = INLINE_QUERY.exec(node.value)?.[1];
  if (query === undefined) return [node];
  return [inlineSlot(file, { view: 'inline-query', source: query.trim(), line, written: `\`${node.value}\`` })];
}

function replaceViews(parent: Parent, file: VFile, syntax: ViewSyntax): void {
  const children = parent.children as RootContent[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const replaced =
      child.type === 'code' ? codeBlock(child, file, syntax) : child.type === 'inlineCode' ? (syntax.dataview ? inlineCode(child, file) : [child]) : undefined;
    if (replaced && replaced[0] !== child) {
      children.splice(i, 1, ...replaced);
      i += replaced.length - 1;
    } else if (!replaced && 'children' in child) {
      replaceViews(child, file, syntax);
    }
  }
}

/** Which views' syntax the vault's Obsidian reads: Bases' always, Dataview's when it runs Dataview. */
export interface ViewSyntax {
  dataview: boolean;
}

export default function remarkViewBlocks(syntax: ViewSyntax) {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    const text = String(file.value);
    if (!text.includes('`') && !text.includes('~~~')) return;
    replaceViews(tree, file, syntax);
  };
}
