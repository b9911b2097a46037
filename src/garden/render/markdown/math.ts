import type { Root as HastRoot, Element } from 'hast';
import type { Root as MdastRoot, Parent as MdastParent, Paragraph } from 'mdast';
import type { Math as MdastMath } from 'mdast-util-math';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import type { Code, Construct, Extension, State, TokenizeContext } from 'micromark-util-types';
import { toString } from 'hast-util-to-string';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { notice } from './findings.ts';

/*
 * Math as Obsidian writes it: `$…$` inline and `$$…$$` as a block, in paragraphs, callouts, lists
 * and tables, typeset at build time by KaTeX (HTML for the eye, MathML for screen readers), so a
 * page needs no script, only KaTeX's stylesheet and fonts, which the page links when the note has
 * math (`hasMath`).
 *
 * `$$…$$` alone on its line is display math, as in Obsidian (CommonMark reads it as a paragraph of
 * inline math). Parsing is remark-math's, with Obsidian's rule for a single `$` added: the opening `$` must not
 * be followed by a space and the closing `$` not preceded by one, so `$5 and $10` stays text
 * (remark-math alone reads ` and ` as math, and its authors declined the rule:
 * micromark-extension-math#6). Like Pandoc, a closing `$` directly followed by a digit does not
 * close either (`$5/$10`). `\$` is a dollar sign, as in CommonMark.
 *
 * Why math is typeset AFTER rehype-sanitize: remark-rehype turns math into
 * `<code class="language-math">TeX</code>` (in a `<pre>` for a block): an element holding only
 * text, which the sanitizer lets through like any code (its `language-*` class is allowed). KaTeX
 * then writes its own markup from that text, with `trust: false` (no \href, \url, \htmlClass… and
 * no links or styles taken from the note), after sanitizing is done. The alternative, sanitizing
 * KaTeX's output, would mean allowing the `style` attribute and KaTeX's hundreds of classes and
 * every MathML element for every note, so raw HTML in any note could use them too. Here a note can
 * only ever hand KaTeX text; whatever markup KaTeX makes from it is KaTeX's.
 */

const DOLLAR = 36;
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/** micromark's math (text) construct, which gives up on a single-dollar span Obsidian would not read as math. */
function obsidianMathText(construct: Construct): Construct {
  const tokenize = construct.tokenize;
  return {
    ...construct,
    tokenize(this: TokenizeContext, effects, ok, nok) {
      const start = this.now();
      return tokenize.call(this, effects, (code: Code): State | undefined => {
        const source = this.sliceSerialize({ start, end: this.now() });
        const single = !source.startsWith('$$');
        const rejected = single && (isSpace(source[1]) || isSpace(source.at(-2)) || (code !== null && code >= 48 && code <= 57));
        return rejected ? nok(code) : ok(code);
      }, nok);
    },
  };
}

/** A paragraph of nothing but `$$…$$` on one line: display math to Obsidian, inline math to CommonMark's reading. */
function displayMathOf(paragraph: Paragraph, source: string): MdastMath | undefined {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
  const only = content.length === 1 ? content[0] : undefined;
  if (only?.type !== 'inlineMath' || only.position?.start.offset === undefined) return undefined;
  if (!source.startsWith('$$', only.position.start.offset)) return undefined;
  // The shape mdast-util-math gives a `$$` block, which remark-rehype turns into <pre><code>.
  const code = { type: 'element' as const, tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text' as const, value: only.value }] };
  return { type: 'math', value: only.value, position: only.position, data: { hName: 'pre', hChildren: [code] } };
}

function displayLoneMath(parent: MdastParent, source: string): void {
  parent.children.forEach((child, i) => {
    const display = child.type === 'paragraph' ? displayMathOf(child, source) : undefined;
    if (display) parent.children[i] = display;
    else if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading') displayLoneMath(child as MdastParent, source);
  });
}

/** remark-math, with Obsidian's rule for where a single `$` opens and closes math, and `$$…$$` alone on its line as display math. */
export function remarkObsidianMath(this: Processor) {
  remarkMath.call(this as never);
  const extensions = this.data().micromarkExtensions as Extension[];
  const math = extensions.at(-1)!;
  const text = math.text?.[DOLLAR];
  if (text && !Array.isArray(text)) math.text = { ...math.text, [DOLLAR]: obsidianMathText(text as Construct) };
  return (tree: MdastRoot, file: VFile) => {
    const source = String(file.value);
    if (source.includes('$$')) displayLoneMath(tree, source);
  };
}

const hasMathClass = (node: Element) => Array.isArray(node.properties.className) && node.properties.className.includes('language-math');

/** Typesets the sanitized tree's math with KaTeX; TeX it cannot read stays as its source and is reported. */
export function rehypeMath() {
  const katex = rehypeKatex({ trust: false, strict: 'ignore', maxSize: 20, maxExpand: 1000, output: 'htmlAndMathml', errorColor: 'currentColor' });
  return (tree: HastRoot, file: VFile) => {
    let found = false;
    const walk = (node: HastRoot | Element): void => {
      for (const child of node.children) {
        if (found) return;
        if (child.type !== 'element') continue;
        if (child.tagName === 'code' && hasMathClass(child)) found = true;
        else walk(child);
      }
    };
    walk(tree);
    if (!found) return;
    file.data.hasMath = true;
    const before = file.messages.length;
    katex(tree, file);
    for (const message of file.messages.splice(before)) {
      if (message.source !== 'rehype-katex') continue;
      const line = message.place && 'line' in message.place ? message.place.line : message.place?.start.line;
      const reason = String((message.cause as Error | undefined)?.message ?? message.reason).replace(/^KaTeX parse error: /, '');
      notice(file, `math${line ? ` at line ${line}` : ''} cannot be typeset, so its TeX is shown as written: ${reason}`);
    }
    showErrorsAsSource(tree);
  };
}

/** KaTeX marks TeX it could not read as red text; the garden shows it as code instead, readable in either theme. */
function showErrorsAsSource(parent: HastRoot | Element): void {
  parent.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    const classes = child.properties.className;
    if (Array.isArray(classes) && classes.includes('katex-error')) {
      parent.children[i] = { type: 'element', tagName: 'code', properties: { className: ['math-error'] }, children: [{ type: 'text', value: toString(child) }] };
    } else {
      showErrorsAsSource(child);
    }
  });
}

declare module 'vfile' {
  interface DataMap {
    /** The note has math, typeset at build time: its page links KaTeX's stylesheet. */
    hasMath: boolean;
  }
}
