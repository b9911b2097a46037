import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { isOrHoldsEmbed } from './lift-embeds.ts';
import { InlineRun } from './text-nodes.ts';
import { inlineDateText } from './dataview-dates.ts';

/*
 * Dataview's inline fields as its reading view shows them (its replaceInlineFields and
 * extractInlineFields): `[key:: value]` becomes the key and the value set apart, `(key:: value)`
 * the value alone, a date in it as "January 10, 2026"; a line `key:: value` is left as written. A field opens at `[` or `(`, its key
 * runs to the first `::` and holds no bracket, and its value runs to the bracket that closes the
 * opener, brackets of its kind counted. Dataview reads the paragraph's HTML, where links and code
 * are already elements: so here too a field is read among one parent's children, each child that
 * is not text standing for one character (a link, emphasis, code…, which the key and value keep),
 * and `[author:: [[Herbert]]]` holds the link whole. A field does not cross a line, a hard break,
 * raw inline HTML or an embed, and none is read inside a link's words, code or math.
 */

/** Stands for inline markup (a link, emphasis, code…): one character a key or value may hold. */
const MARKUP = '\uFFFC';
const CLOSER: Record<string, string> = { '[': ']', '(': ')' };
/** Where a key must end: `::`, before any bracket or line end. */
const KEY_END = /::|[[\]()\n]/g;
/** Words as lost-text.ts reads them, to forget the hidden keys' words. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function charactersOf(node: PhrasingContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'break' || node.type === 'html' || isOrHoldsEmbed(node)) return '\n';
  return MARKUP;
}

/** For each opener of this kind that closes, where its closer is (nesting counted, within a line). */
function closers(text: string, open: string): Map<number, number> {
  const found = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === open) stack.push(i);
    else if (c === CLOSER[open] && stack.length) found.set(stack.pop()!, i);
    else if (c === '\n') stack.length = 0;
  }
  return found;
}

interface Field {
  start: number;
  /** Where `::` is. */
  separator: number;
  /** Where the closing bracket is. */
  end: number;
  wrapping: string;
}

/** The fields in a run of text, left to right, none inside another. */
function fieldsIn(text: string): Field[] {
  const closing = { '[': closers(text, '['), '(': closers(text, '(') } as Record<string, Map<number, number>>;
  const fields: Field[] = [];
  for (let i = 0; i < text.length; i++) {
    const wrapping = text[i]!;
    const end = wrapping in CLOSER ? closing[wrapping]!.get(i) : undefined;
    if (end === undefined) continue;
    KEY_END.lastIndex = i + 1;
    const separator = KEY_END.exec(text);
    if (!separator || separator[0] !== '::' || separator.index > end || !text.slice(i + 1, separator.index).trim()) continue;
    fields.push({ start: i, separator: separator.index, end, wrapping });
    i = end;
  }
  return fields;
}

/** The nodes without white space at either end, as Dataview trims its keys and values. */
function trimmed(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.map((node) => (node.type === 'text' ? { ...node } : node));
  const [first, last] = [out[0], out[out.length - 1]];
  if (first?.type === 'text') first.value = first.value.trimStart();
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return out.filter((node) => node.type !== 'text' || node.value);
}

/** A <span> of these classes: emphasis renamed, as highlight-mark.ts makes its <mark>. */
const span = (className: string, children: PhrasingContent[]): PhrasingContent => ({
  type: 'emphasis',
  data: { hName: 'span', hProperties: { className: ['dataview', className] } },
  children,
});

/*
 * Dataview puts the key's and the value's spans side by side; a space between them keeps the two
 * apart as words wherever the page is read as text (search, excerpts, the table of contents).
 */
function fieldNode(run: InlineRun, field: Field, file: VFile): PhrasingContent {
  const value = shownValue(trimmed(run.slice(field.separator + 2, field.end)), file);
  if (field.wrapping === '(') {
    forgetWords(file, toString(run.slice(field.start + 1, field.separator)));
    return span('inline-field', [span('inline-field-standalone-value', value)]);
  }
  const key = trimmed(run.slice(field.start + 1, field.separator));
  return span('inline-field', [span('inline-field-key', key), { type: 'text', value: ' ' }, span('inline-field-value', value)]);
}

/**
 * A value as Dataview's reading view shows it: a date as "January 10, 2026" (its written form's
 * words are then not looked for on the page), anything else as written.
 */
function shownValue(value: PhrasingContent[], file: VFile): PhrasingContent[] {
  const [only] = value;
  const date = value.length === 1 && only?.type === 'text' ? inlineDateText(only.value) : undefined;
  if (date === undefined) return value;
  forgetWords(file, (only as { value: string }).value);
  return [{ type: 'text', value: date }];
}

/*
 * A `(key:: value)` hides its key by the rule the README documents: its words are not looked for
 * on the page (lost-text.ts reads the note's words before this plugin, and reports any missing).
 */
function forgetWords(file: VFile, key: string): void {
  for (const [word] of key.toLowerCase().matchAll(WORD)) file.data.sourceWords?.delete(word);
}

/** The children with their fields rendered; undefined when they have none. */
function withFields(children: PhrasingContent[], file: VFile): PhrasingContent[] | undefined {
  if (!children.some((child) => child.type === 'text' && child.value.includes(':'))) return undefined;
  const run = new InlineRun(children, charactersOf);
  const fields = fieldsIn(run.text);
  if (!fields.length) return undefined;
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const field of fields) {
    out.push(...run.slice(last, field.start), fieldNode(run, field, file));
    last = field.end + 1;
  }
  out.push(...run.slice(last, run.text.length));
  return out;
}

const isField = (node: Nodes) => (node.data?.hProperties?.className as string[] | undefined)?.includes('inline-field') === true;

/*
 * Fields among each parent's children, then within each child; not in links' words, nor in a
 * field's value: Dataview draws no field inside another, and a hostile `(a:: (a:: (a:: …)))` could
 * otherwise nest as deep as the line is long.
 */
function walk(node: Nodes, file: VFile): void {
  if (!('children' in node) || node.type === 'link' || node.type === 'linkReference' || isField(node)) return;
  const parent = node as Parent;
  const replaced = withFields(parent.children as PhrasingContent[], file);
  if (replaced) parent.children = replaced;
  for (const child of parent.children) walk(child as Nodes, file);
}

export default function remarkInlineFields() {
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('::')) return;
    walk(tree, file);
  };
}
