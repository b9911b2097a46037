import { unified } from 'unified';
import { fillText } from '../../locale/locale.ts';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import type { Handler } from 'mdast-util-to-hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeHighlight from 'rehype-highlight';
import type { Root as HastRoot, Parent as HastParent, Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { VFile, type Data } from 'vfile';
import type { Heading, NoteSlug } from '../../types.ts';
import type { VaultLookups } from './vault-lookups.ts';
import { noticesOf, notice, type EmbedSlot, type NoteLinks } from './findings.ts';
import remarkHtmlBlocks, { htmlBlockHandler } from './html-blocks.ts';
import remarkCallouts from './callouts.ts';
import remarkEscapes from './escapes.ts';
import remarkWikilinks from './wikilinks.ts';
import remarkHighlightMark from './highlight-mark.ts';
import remarkInlineTags from './inline-tags.ts';
import remarkInlineFields from './inline-fields.ts';
import rehypeVaultUrls from './vault-urls.ts';
import rehypeLinkContexts from './link-contexts.ts';
import { gardenSchema, rehypeLowercaseSchemes, rehypeTaskListCheckboxesOnly, rehypeUnclosedStrippedTags } from './sanitize-schema.ts';
import { stripObsidianComments } from './obsidian-comments.ts';
import rehypeScrollingTables from './scrolling-tables.ts';
import rehypeGardenMarks, { markedAs } from './marks.ts';
import remarkBlockIds from './block-ids.ts';
import { toChunks, type Chunk, type BodyPart } from './chunks.ts';
import { remarkObsidianMath, rehypeMath } from './math.ts';
import rehypeDiagrams from './diagrams.ts';
import remarkViewBlocks from './view-blocks.ts';
import rehypeHeadingIds from '../heading-ids.ts';
import { rehypeLostText, remarkSourceWords } from './lost-text.ts';

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

/** A footnote's number in the text (`<sup><a data-footnote-ref>1</a></sup>`) or an embed's slot. */
const notProse = (node: Element) =>
  node.properties.dataEmbedSlot !== undefined ||
  (node.tagName === 'sup' && node.children.some((c) => c.type === 'element' && c.properties.dataFootnoteRef !== undefined));

/** An element's text as a sentence reads, without footnote numbers or embedded notes ("patience.1 Links"). */
function proseOf(node: Element): string {
  let text = '';
  for (const child of node.children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element' && !notProse(child)) text += proseOf(child);
  }
  return text;
}

/** Headings, opening text and search words, read once the HTML tree is final. */
function rehypeOutline() {
  return (tree: HastRoot, file: VFile) => {
    const headings: Heading[] = [];
    const paragraphs: string[] = [];
    // A paragraph that names a block and embeds a note is a <div> around its pieces (lift-embeds.ts): its words are read too.
    const blocks = tree.children.flatMap((node) => (node.type === 'element' && node.tagName === 'div' && markedAs(node, 'block') ? node.children : [node]));
    for (const node of blocks) {
      if (node.type !== 'element') continue;
      const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (depth && typeof node.properties.id === 'string' && node.properties.id !== file.data.titleId) {
        headings.push({ depth: Number(depth), slug: node.properties.id, text: toString(node).trim() });
      } else if (node.tagName === 'p' && paragraphs.join(' ').length < 300) {
        paragraphs.push(proseOf(node).replace(/\s+/g, ' ').trim());
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
 * One processor for every note of a garden, built once with what its plugins ask the vault. Order
 * matters: vault links are resolved on the Markdown tree; raw HTML is read and everything is
 * sanitized before the garden adds anything of its own (heading ids, highlighting classes, KaTeX's
 * markup, diagram figures), so no note can forge those. The words of the note as parsed are read
 * first and looked for in the page last (lost-text.ts).
 */
function processorFor(vault: VaultLookups) {
  return unified()
    .use(remarkParse)
    .use(remarkEscapes)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkObsidianMath)
    .use(remarkViewBlocks, vault.plugins)
    .use(remarkSourceWords)
    .use(remarkHtmlBlocks)
    .use(remarkCallouts)
    .use(remarkBlockIds)
    .use(remarkWikilinks, vault)
    .use(remarkHighlightMark)
    .use(remarkInlineTags, vault)
    .use(vault.plugins.dataview ? [remarkInlineFields] : [])
    // Sanitizing prefixes ids and footnote links once; remark-rehype must not prefix them as well.
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      handlers: { htmlBlock: htmlBlockHandler as Handler },
      footnoteLabel: vault.words.footnotes.label,
      footnoteBackLabel: (index: number) => fillText(vault.words.footnotes.back, { n: index + 1 }),
    })
    .use(rehypeUnclosedStrippedTags)
    .use(rehypeRawWhenNeeded)
    .use(rehypeLowercaseSchemes)
    .use(rehypeSanitize, gardenSchema)
    .use(rehypeTaskListCheckboxesOnly)
    .use(rehypeVaultUrls, vault)
    .use(rehypeLinkContexts)
    .use(rehypeHeadingIds)
    // Math and diagrams are code blocks until here: not highlighted, read by the outline as their source.
    .use(rehypeHighlight, { detect: false, plainText: ['math', 'mermaid'] })
    .use(rehypeOutline)
    // Math is typeset, and diagrams checked, only now that the tree is sanitized (math.ts says why).
    .use(rehypeMath)
    .use(rehypeDiagrams, vault.words.diagrams.failed)
    .use(rehypeScrollingTables)
    .use(rehypeGardenMarks)
    .use(rehypeLostText)
    .freeze();
}

export interface RenderedNote {
  /** Sanitized HTML in sections (a new one at each top-level heading), embeds between its pieces. */
  body: Chunk[];
  /** Each block the note names (`^id`), on its own, for block embeds. */
  blocks: Record<string, BodyPart[]>;
  headings: Heading[];
  /** Every heading id on the page, nested headings included (the title's too). */
  headingIds: string[];
  /** The id of the `# heading` that is the note's title: the page's title carries it, the body does not repeat it. */
  titleId?: string;
  excerpt: string;
  /** Words of Chinese or Japanese text, space-separated, for the search index only. */
  searchTerms: string;
  /** Linked note's slug → the words around the first link to it. */
  linkContexts: Record<string, string>;
}

/** What the plugins found in a note besides its HTML (findings.ts and each plugin's own `file.data` keys). */
export interface NoteFindings {
  /** Slugs of the shared notes it links to. */
  links: NoteSlug[];
  fragmentLinks: NoteLinks['fragments'];
  /** Vault paths of the bases it links to (its embeds of bases are view slots). */
  baseLinks?: string[];
  embeds: EmbedSlot[];
  inlineTags: string[];
  blockIds: string[];
  notices: string[];
  namesPrivateNotes?: true;
  hasMath: boolean;
  hasDiagram: boolean;
}

export function findingsOf(file: VFile): NoteFindings {
  const { noteLinks, embeds = [], inlineTags = [], blockIds = [], namesPrivateNotes, hasMath = false, hasDiagram = false } = file.data;
  return {
    links: [...(noteLinks?.slugs ?? [])],
    fragmentLinks: noteLinks?.fragments ?? [],
    ...(noteLinks?.bases.size ? { baseLinks: [...noteLinks.bases] } : {}),
    embeds,
    inlineTags,
    blockIds,
    notices: noticesOf(file),
    ...(namesPrivateNotes ? { namesPrivateNotes: true as const } : {}),
    hasMath,
    hasDiagram,
  };
}

/** The garden's Markdown rendering, against one vault. */
export interface MarkdownPipeline {
  /**
   * Renders one note's full text (frontmatter included, so positions match the file), at its vault
   * path. `data` starts the file's data: the note's slug and title, and what its caller gathers.
   */
  note(text: string, path: string, data: Data): Promise<RenderedNote & NoteFindings>;
  /**
   * Renders Markdown that is not a note (a canvas's text card) through the same processor,
   * sanitized the same way, and hands back the final tree and the file: embeds in the tree are slot
   * markers in `file.data.embeds`, which a caller may share between several renders through `data`.
   */
  tree(text: string, path: string, data: Data): Promise<{ tree: HastRoot; file: VFile }>;
}

export function markdownPipeline(vault: VaultLookups): MarkdownPipeline {
  const processor = processorFor(vault);
  const run = async (text: string, path: string, data: Data) => {
    const stripped = stripObsidianComments(text);
    const file = new VFile({ value: stripped.text, path, data });
    if (stripped.unclosed) notice(file, 'a %% comment is never closed; everything after it is hidden');
    return { tree: await processor.run(processor.parse(file), file), file };
  };
  return {
    tree: run,
    async note(text, path, data) {
      const { tree, file } = await run(text, path, data);
      const outline = file.data.outline ?? { headings: [], excerpt: '', searchTerms: '' };
      const { titleId } = file.data;
      const findings = findingsOf(file);
      return {
        ...toChunks(tree, findings.embeds, titleId),
        ...outline,
        headingIds: file.data.headingIds ?? [],
        ...(titleId === undefined ? {} : { titleId }),
        linkContexts: file.data.linkContexts ?? {},
        ...findings,
      };
    },
  };
}
