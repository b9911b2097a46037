import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { toString } from 'hast-util-to-string';
import { notice } from './findings.ts';

/*
 * Mermaid diagrams (```mermaid blocks). The block stays in the page as code, readable without
 * JavaScript and in feeds; a note page with a diagram that can be drawn loads the garden's own
 * Mermaid bundle, which draws it in the page's theme (src/scripts/diagrams.ts). Pages without a
 * diagram carry none of it.
 *
 * Drawing at build time was measured and rejected (docs/architecture.md, "Math, diagrams and canvas"): Mermaid lays out text by
 * measuring it in a browser. In Node with jsdom and svgdom standing in, 6 of 19 diagram types tried
 * failed outright (gantt, mindmap, sankey, block, C4, architecture), each drawing took 0.2–1.8 s
 * after 2.6 s of start-up per render thread, text was measured in another font than the reader's,
 * and each theme would need its own drawing. Pure-Node renderers draw 6 types and accept invalid
 * diagrams silently.
 *
 * What the build does do is read every diagram with Mermaid's own parser, the one the browser
 * uses, so a diagram that cannot be drawn is reported by file and shown as its source with the
 * parser's message under it, on a page that then needs no script for it.
 */

type Parse = (text: string) => Promise<unknown>;
let parser: Promise<Parse> | undefined;

/**
 * Mermaid's parser, loaded once per render thread when a note first has a diagram (about 1.5 s).
 * Mermaid cleans labels with DOMPurify as it parses; outside a browser DOMPurify has no DOM and
 * exposes no functions. Parsing here only decides whether a diagram can be drawn (its labels are
 * never output), so DOMPurify is given pass-through functions when, and only when, it has no DOM.
 */
function mermaidParser(): Promise<Parse> {
  parser ??= (async () => {
    const { default: purify } = await import('dompurify');
    if (typeof purify.addHook !== 'function') {
      Object.assign(purify, { addHook() {}, removeHook() {}, removeHooks() {}, removeAllHooks() {}, sanitize: (text: unknown) => String(text) });
    }
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return (text: string) => mermaid.parse(text);
  })();
  return parser;
}

const isMermaid = (node: Element) => Array.isArray(node.properties.className) && node.properties.className.includes('language-mermaid');

/** The first line of Mermaid's message, without the parser's pointer lines. */
function reasonOf(error: unknown): string {
  const message = String((error as Error)?.message ?? error).trim();
  const lines = message.split('\n').filter((line) => line.trim() && !/^[-\s^]*$/.test(line) && !/^\.\.\./.test(line.trim()));
  // Jison lists every token it would have taken ("Expecting 'SQE', 'PE', … got 'X'"): the last word says enough.
  const reason = lines.join(' ').replace(/\s+/g, ' ').replace(/Expecting .*?, got /, 'unexpected ');
  return (reason || 'Mermaid cannot read it').slice(0, 300);
}

/** `failed`: the caption of a diagram that cannot be drawn, in the garden's language (`{reason}` where Mermaid's reason goes). */
export default function rehypeDiagrams(failed = 'This diagram cannot be drawn: {reason}') {
  return async (tree: Root, file: VFile) => {
    if (!String(file.value).includes('mermaid')) return;
    const blocks: { pre: Element; parent: Root | Element; index: number }[] = [];
    const walk = (parent: Root | Element) => {
      parent.children.forEach((child, index) => {
        if (child.type !== 'element') return;
        const code = child.tagName === 'pre' ? child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') : undefined;
        if (code && isMermaid(code)) blocks.push({ pre: child, parent, index });
        else walk(child);
      });
    };
    walk(tree);
    if (blocks.length === 0) return;
    const parse = await mermaidParser();
    for (const { pre, parent, index } of blocks) {
      const source = toString(pre);
      const figure: Element = { type: 'element', tagName: 'figure', properties: { className: ['diagram'] }, children: [pre] };
      try {
        await parse(source);
        figure.properties.dataDiagram = 'mermaid';
        file.data.hasDiagram = true;
      } catch (error) {
        const reason = reasonOf(error);
        const line = pre.position?.start.line;
        notice(file, `the Mermaid diagram${line ? ` at line ${line}` : ''} cannot be drawn, so its source is shown: ${reason}`);
        figure.properties.className = ['diagram', 'diagram-invalid'];
        figure.children.push({
          type: 'element',
          tagName: 'figcaption',
          properties: { className: ['diagram-error'] },
          children: [{ type: 'text', value: failed.replace('{reason}', () => reason) }],
        });
      }
      parent.children[index] = figure;
    }
  };
}

declare module 'vfile' {
  interface DataMap {
    /** The note has a Mermaid diagram that can be drawn: its page loads the diagram script. */
    hasDiagram: boolean;
  }
}
