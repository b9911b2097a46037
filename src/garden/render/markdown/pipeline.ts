import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import type { Handler } from 'mdast-util-to-hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeHighlight from 'rehype-highlight';
import rehypeStringify from 'rehype-stringify';
import type { Root as HastRoot, Parent as HastParent, Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import type { Heading } from '../../types.ts';
import type { RenderContext } from './context.ts';
import remarkHtmlBlocks, { htmlBlockHandler } from './html-blocks.ts';
import remarkTitleHeading from './title-heading.ts';
import remarkCallouts from './callouts.ts';
import remarkWikilinks from './wikilinks.ts';
import remarkHighlightMark from './highlight-mark.ts';
import remarkInlineTags from './inline-tags.ts';
import rehypeVaultUrls from './vault-urls.ts';
import rehypeLinkContexts from './link-contexts.ts';
import { gardenSchema } from './sanitize-schema.ts';
import { stripObsidianComments } from './obsidian-comments.ts';
import rehypeEmbedSlots, { splitAtSlots, type BodyPart } from './embed-slots.ts';
import rehypeHeadingIds from '../heading-ids.ts';

function hasRaw(tree: HastRoot): boolean {
  const stack: HastParent[] = [tree];
  while (stack.length) {
    for (const child of stack.pop()!.children) {
      if (child.type === 'raw') return true;
      if ('children' in child) stack.push(child);
    }
  }
  return false;
}

/** rehype-raw re-parses the whole tree through parse5; most notes have no inline HTML to read. */
function rehypeRawWhenNeeded() {
  const raw = rehypeRaw();
  return (tree: HastRoot, file: VFile) => (hasRaw(tree) ? raw(tree, file) : tree);
}

/*
 * Chinese and Japanese are written without spaces, and Pagefind only segments them on pages whose
 * language is Chinese or Japanese, while a garden's pages are in its own language. The words of
 * such runs, split with the built-in Intl.Segmenter, are given to the search index separately.
 */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const CJK_TEST = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const segmenters = { ja: new Intl.Segmenter('ja', { granularity: 'word' }), zh: new Intl.Segmenter('zh', { granularity: 'word' }) };

export function cjkWords(text: string): string {
  const runs = text.match(CJK);
  if (!runs) return '';
  const segmenter = /[\u3040-\u30ff]/.test(text) ? segmenters.ja : segmenters.zh;
  const words = new Set<string>();
  for (const run of runs) for (const part of segmenter.segment(run)) if (part.isWordLike) words.add(part.segment);
  return [...words].join(' ');
}

/** Headings, opening text and search words, read once the HTML tree is final. */
function rehypeOutline() {
  return (tree: HastRoot, file: VFile) => {
    const headings: Heading[] = [];
    const paragraphs: string[] = [];
    for (const node of tree.children) {
      if (node.type !== 'element') continue;
      const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (depth && typeof node.properties.id === 'string') {
        headings.push({ depth: Number(depth), slug: node.properties.id, text: toString(node).trim() });
      } else if (node.tagName === 'p' && paragraphs.join(' ').length < 300) {
        paragraphs.push(toString(node as Element).replace(/\s+/g, ' ').trim());
      }
    }
    const searchTerms = CJK_TEST.test(String(file.value)) ? cjkWords(toString(tree)) : '';
    file.data.outline = { headings, excerpt: paragraphs.filter(Boolean).join(' '), searchTerms };
  };
}

declare module 'vfile' {
  interface DataMap {
    outline: { headings: Heading[]; excerpt: string; searchTerms: string };
  }
}

/*
 * One processor for every note, built once. Order matters: vault links are resolved on the Markdown
 * tree; raw HTML is read and everything is sanitized before the garden adds anything of its own
 * (heading ids, highlighting classes), so no note can forge those.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkHtmlBlocks)
  .use(remarkTitleHeading)
  .use(remarkCallouts)
  .use(remarkWikilinks)
  .use(remarkHighlightMark)
  .use(remarkInlineTags)
  // Sanitizing prefixes ids and footnote links once; remark-rehype must not prefix them as well.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '', handlers: { htmlBlock: htmlBlockHandler as Handler } })
  .use(rehypeRawWhenNeeded)
  .use(rehypeSanitize, gardenSchema)
  .use(rehypeVaultUrls)
  .use(rehypeLinkContexts)
  .use(rehypeHeadingIds)
  .use(rehypeHighlight, { detect: false })
  .use(rehypeOutline)
  .use(rehypeEmbedSlots)
  .use(rehypeStringify)
  .freeze();

export interface RenderedNote {
  /** Sanitized HTML, split where other notes are embedded. */
  body: BodyPart[];
  headings: Heading[];
  excerpt: string;
  /** Words of Chinese or Japanese text, space-separated, for the search index only. */
  searchTerms: string;
  /** Linked note's slug → the words around the first link to it. */
  linkContexts: Record<string, string>;
}

/** Renders one note's full text (frontmatter included, so positions match the file). */
export async function renderMarkdown(text: string, context: RenderContext): Promise<RenderedNote> {
  const stripped = stripObsidianComments(text);
  if (stripped.unclosed) context.notices.push('a %% comment is never closed; everything after it is hidden');
  const file = new VFile({ value: stripped.text, data: { garden: context } });
  const result = await processor.process(file);
  const outline = file.data.outline ?? { headings: [], excerpt: '', searchTerms: '' };
  return { body: splitAtSlots(String(result), context.embeds), ...outline, linkContexts: file.data.linkContexts ?? {} };
}
