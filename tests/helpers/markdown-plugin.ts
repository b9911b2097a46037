/*
 * Runs one of the garden's Markdown plugins on its own, the way remark-gfm and rehype-sanitize test
 * themselves: a small unified processor around the plugin (with only the neighbours it needs to get
 * a tree in and HTML out), given as options a fake vault built from a small fixed table of notes and
 * attachments, and no vault folder, no `buildGarden` and no Astro. What a plugin found is read from
 * the file it rendered, as the renderer reads it.
 *
 * Each plugin's fixtures live in tests/fixtures/markdown/<plugin>/<case>/ (see
 * tests/unit/markdown-plugins.test.ts); `PLUGINS` below says how each is run and what it reports.
 */
import { unified, type Plugin } from 'unified';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import remarkParse from 'remark-parse';
import remarkEscapes from '../../src/garden/render/markdown/escapes.ts';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import type { Handler } from 'mdast-util-to-hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { VFile, type Data } from 'vfile';
import { siteUrls, type SitePath } from '../../src/garden/urls.ts';
import { tagSegments, tagUrlPath } from '../../src/garden/normalize/tags.ts';
import type { LinkTarget, VaultLookups } from '../../src/garden/render/markdown/vault-lookups.ts';
import { findingsOf, markdownPipeline } from '../../src/garden/render/markdown/pipeline.ts';
import { noteLinksOf } from '../../src/garden/render/markdown/findings.ts';
import remarkHtmlBlocks, { htmlBlockHandler } from '../../src/garden/render/markdown/html-blocks.ts';
import { noteTitle } from '../../src/garden/normalize/title.ts';
import { parseFrontmatter } from '../../src/garden/collect/frontmatter.ts';
import remarkCallouts from '../../src/garden/render/markdown/callouts.ts';
import remarkWikilinks from '../../src/garden/render/markdown/wikilinks.ts';
import remarkHighlightMark from '../../src/garden/render/markdown/highlight-mark.ts';
import remarkInlineTags from '../../src/garden/render/markdown/inline-tags.ts';
import rehypeVaultUrls from '../../src/garden/render/markdown/vault-urls.ts';
import rehypeLinkContexts from '../../src/garden/render/markdown/link-contexts.ts';
import rehypeGardenMarks, { markProperties, splitAtSlots } from '../../src/garden/render/markdown/marks.ts';
import remarkBlockIds from '../../src/garden/render/markdown/block-ids.ts';
import { stripObsidianComments } from '../../src/garden/render/markdown/obsidian-comments.ts';
import { gardenSchema, rehypeLowercaseSchemes } from '../../src/garden/render/markdown/sanitize-schema.ts';
import rehypeHeadingIds from '../../src/garden/render/heading-ids.ts';
import { rehypeLostText, remarkSourceWords } from '../../src/garden/render/markdown/lost-text.ts';
import { slug } from './slug.ts';
import { en } from '../../src/garden/locale/en.ts';

/** The note every fixture is rendered as. A first `# Fixture Note` repeats its title. */
export const FIXTURE_NOTE = { title: 'Fixture Note', slug: slug('fixture-note') } as const;
/** Its vault path. */
export const FIXTURE_PATH = 'Fixture Note.md';

/**
 * The fake vault. Notes by vault path (without `.md`); a note without a slug is private, so it
 * resolves to nothing, exactly like a missing one. Lookups go by path or by file name, in any case,
 * or by alias, as the garden's resolver does.
 */
const NOTES: { path: string; title: string; slug?: string; aliases?: string[] }[] = [
  { path: 'Fixture Note', ...FIXTURE_NOTE },
  { path: 'Shared Note', title: 'Shared Note', slug: 'shared-note', aliases: ['Other name'] },
  { path: 'folder/Deep', title: 'Deep', slug: 'deep' },
  { path: 'Third Note', title: 'Third Note', slug: 'third-note' },
  // Slugs as the garden makes them: Latin transliterated, other scripts kept.
  { path: 'Café Notes', title: 'Café Notes', slug: 'cafe-notes' },
  { path: '日本語のノート', title: '日本語のノート', slug: '日本語のノート' },
  { path: 'Private Note', title: 'Private Note' },
];

/** Attachments by vault path → their published file name. */
const ATTACHMENTS: Record<string, string> = {
  'img/photo.png': 'photo.png',
  'diagram.svg': 'diagram.svg',
  'docs/paper.pdf': 'paper.pdf',
  'my file.jpg': 'my-file.jpg',
};

/** Canvases by vault path: linked and embedded by name, with `.canvas` or (no note being so named) without. */
const CANVASES = ['boards/Board.canvas'];

/** Bases by vault path: embedded by name, with `.base`. */
const BASES = ['bases/Books.base'];

const key = (text: string) => text.normalize('NFC').toLowerCase().trim();
const basename = (p: string) => p.replace(/^.*\//, '');

function findNote(target: string): LinkTarget | undefined {
  const wanted = key(target);
  const note =
    NOTES.find((n) => key(n.path) === wanted) ??
    NOTES.find((n) => key(basename(n.path)) === wanted) ??
    NOTES.find((n) => n.aliases?.some((a) => key(a) === wanted));
  return note?.slug ? { slug: slug(note.slug), title: note.title } : undefined;
}

const URLS = siteUrls('https://garden.example', '/');

/** The fake vault every fixture is rendered against, as the renderer asks the real one (base `/`). */
export const FAKE_VAULT: VaultLookups = {
  urls: URLS,
  plugins: { dataview: true },
  words: en,
  note: findNote,
  isPrivate: (target) => key(target) === key('Private Note'),
  attachment(target) {
    const wanted = key(target);
    const found = Object.keys(ATTACHMENTS).find((p) => key(p) === wanted) ?? Object.keys(ATTACHMENTS).find((p) => key(basename(p)) === wanted);
    return found ? URLS.attachment(ATTACHMENTS[found]!) : undefined;
  },
  canvas(target) {
    // `Board` is the canvas only when no note, shared or private, has that name.
    if (!/\.canvas$/i.test(target) && (findNote(target) || key(target) === key('Private Note'))) return undefined;
    const wanted = key(target).replace(/\.canvas$/, '');
    return CANVASES.find((p) => [key(p), key(basename(p))].map((k) => k.replace(/\.canvas$/, '')).includes(wanted));
  },
  base(target) {
    const wanted = key(target).replace(/\.base$/, '');
    const found = BASES.find((p) => [key(p), key(basename(p))].map((k) => k.replace(/\.base$/, '')).includes(wanted));
    return found ? { path: found, slug: slug(basename(found).toLowerCase().replace('.', '-')) } : undefined;
  },
  tag(raw): SitePath | undefined {
    const segments = tagSegments(raw);
    return segments ? URLS.tag(tagUrlPath(segments)) : undefined;
  },
};

/** The whole pipeline against the fake vault, as the renderer builds it for a garden. */
export const FIXTURE_PIPELINE = markdownPipeline(FAKE_VAULT);

/** A fresh file's data for the fixture note. */
export const fixtureNoteData = (): Data => ({ note: { ...FIXTURE_NOTE } });

/** What a render found, as plain JSON. */
export type Report = Record<string, unknown>;

type ReportKey = 'links' | 'noteHrefs' | 'embeds' | 'inlineTags' | 'blockIds' | 'notices' | 'linkContexts' | 'parts' | 'unclosed' | 'title' | 'titleId';

interface Run {
  html: string;
  file: VFile;
  /** Anything else worth reporting from the run (keyed like the report). */
  extra?: Report;
}

interface PluginHarness {
  /** Renders a fixture's input with the plugin and its minimum neighbours. */
  run(input: string): Promise<Run>;
  /** What goes in report.json; none: the plugin reports nothing and the case has no report. */
  report: ReportKey[];
}

/** A processor's `process`, whatever unified infers for its chain of plugins. */
type Processor = { process(file: VFile): Promise<VFile> };

async function render(processor: Processor, input: string): Promise<Run> {
  const file = new VFile({ value: input, path: FIXTURE_PATH, data: fixtureNoteData() });
  const result = await processor.process(file);
  return { html: String(result), file };
}

/** Markdown (CommonMark, GFM, frontmatter; escapes noted as the pipeline notes them) in, HTML out, with one remark plugin in between. */
const remark = (plugin: Plugin<[VaultLookups], MdastRoot> | Plugin<[], MdastRoot> = () => undefined) =>
  unified().use(remarkParse).use(remarkEscapes).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(plugin as Plugin<[VaultLookups], MdastRoot>, FAKE_VAULT).use(remarkRehype).use(rehypeStringify) as unknown as Processor;

/** Markdown with its raw HTML read into the tree (as the pipeline does), then one rehype plugin, then HTML. */
const rehype = (plugin: Plugin<[], HastRoot>) =>
  unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
    .use(rehypeRaw)
    .use(plugin)
    .use(rehypeStringify) as unknown as Processor;

/** rehype-sanitize with the garden's allow-list, schemes read in any case first, as one plugin without options. */
function sanitizeWithGardenSchema() {
  const lowercase = rehypeLowercaseSchemes();
  const sanitize = rehypeSanitize(gardenSchema);
  return (tree: HastRoot) => sanitize(lowercase(tree) ?? tree);
}

export const PLUGINS: Record<string, PluginHarness> = {
  // Needs remark-rehype's handler for its node type; rehype-raw for the inline HTML it leaves alone.
  'html-blocks': {
    report: ['notices'],
    run: (input) =>
      render(
        unified()
          .use(remarkParse)
          .use(remarkGfm)
          .use(remarkHtmlBlocks)
          .use(remarkRehype, { allowDangerousHtml: true, handlers: { htmlBlock: htmlBlockHandler as Handler } })
          .use(rehypeRaw)
          .use(rehypeStringify) as unknown as Processor,
        input,
      ),
  },
  // The title rule end to end: the note's title and its heading's line (normalize/title.ts), then the
  // whole pipeline, which gives that heading's id to the page's title and leaves it out of the body.
  'title-heading': {
    report: ['title', 'titleId'],
    run: async (input) => {
      const parsed = parseFrontmatter(input);
      const data = parsed.ok ? parsed.data : {};
      const body = parsed.ok ? parsed.body : input;
      const { title, headingLine } = noteTitle(data, body, `${FIXTURE_NOTE.title}.md`);
      const bodyLine = input.slice(0, input.length - body.length).split('\n').length;
      const note = { ...FIXTURE_NOTE, title, ...(headingLine === undefined ? {} : { titleLine: bodyLine + headingLine - 1 }) };
      const rendered = await FIXTURE_PIPELINE.note(input, FIXTURE_PATH, { note });
      const html = rendered.body.flatMap((chunk) => chunk.parts).filter((part) => typeof part === 'string').join('');
      return { html, file: new VFile(), extra: { title, titleId: rendered.titleId ?? null } };
    },
  },
  callouts: { report: [], run: (input) => render(remark(remarkCallouts), input) },
  wikilinks: { report: ['links', 'noteHrefs', 'embeds'], run: (input) => render(remark(remarkWikilinks), input) },
  'highlight-mark': { report: [], run: (input) => render(remark(remarkHighlightMark), input) },
  'inline-tags': { report: ['inlineTags'], run: (input) => render(remark(remarkInlineTags), input) },
  // Runs after sanitizing in the pipeline, and follows the ids sanitizing prefixed: it needs it.
  'vault-urls': {
    report: ['links', 'noteHrefs'],
    run: (input) =>
      render(
        unified()
          .use(remarkParse)
          .use(remarkGfm)
          .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
          .use(rehypeRaw)
          .use(sanitizeWithGardenSchema)
          .use(rehypeVaultUrls, FAKE_VAULT)
          .use(rehypeStringify) as unknown as Processor,
        input,
      ),
  },
  // Reads the links wikilinks resolved (and recorded in noteHrefs).
  'link-contexts': {
    report: ['linkContexts'],
    run: (input) =>
      render(
        unified().use(remarkParse).use(remarkGfm).use(remarkWikilinks, FAKE_VAULT).use(remarkRehype).use(rehypeLinkContexts).use(rehypeStringify) as unknown as Processor,
        input,
      ),
  },
  // A text function run before parsing; the HTML shows what is left of the note, raw HTML included.
  'obsidian-comments': {
    report: ['unclosed'],
    run: async (input) => {
      const stripped = stripObsidianComments(input);
      // Raw HTML is read, as in the pipeline, to show what a comment left of it.
      const run = await render(rehype(() => undefined), stripped.text);
      return { ...run, extra: { unclosed: stripped.unclosed } };
    },
  },
  // The check around a stand-in for a bug: a step that drops every paragraph starting "DROPPED",
  // as a faulty plugin would; block ids, callouts and raw HTML rendered as the pipeline does.
  'lost-text': {
    report: ['notices'],
    run: (input) =>
      render(
        unified()
          .use(remarkParse)
          .use(remarkFrontmatter, ['yaml'])
          .use(remarkGfm)
          .use(remarkWikilinks, FAKE_VAULT)
          .use(remarkSourceWords)
          .use(remarkCallouts)
          .use(remarkBlockIds)
          .use(() => (tree: MdastRoot) => {
            tree.children = tree.children.filter((node) => !(node.type === 'paragraph' && node.children[0]?.type === 'text' && node.children[0].value.startsWith('DROPPED')));
          })
          .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
          .use(rehypeRaw)
          .use(sanitizeWithGardenSchema)
          .use(rehypeLostText)
          .use(rehypeStringify) as unknown as Processor,
        input,
      ),
  },
  'sanitize-schema': { report: [], run: (input) => render(rehype(sanitizeWithGardenSchema), input) },
  'heading-ids': { report: [], run: (input) => render(rehype(rehypeHeadingIds), input) },
  'block-ids': { report: ['blockIds'], run: (input) => render(remark(remarkBlockIds), input) },
  // Marks come from wikilinks and block ids and must survive sanitizing; notes may write imitations of them.
  marks: {
    report: ['embeds', 'parts'],
    run: async (input) => {
      const processor = unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkBlockIds)
        .use(remarkWikilinks, FAKE_VAULT)
        .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
        .use(rehypeRaw)
        .use(rehypeSanitize, gardenSchema)
        .use(rehypeGardenMarks)
        .use(rehypeStringify) as unknown as Processor;
      const run = await render(processor, input);
      return { ...run, extra: { parts: splitAtSlots(run.html, run.file.data.embeds ?? []) } };
    },
  },
};

/** This process's random slot token, shown as a fixed placeholder so outputs are stable. */
const TOKEN = String(Object.values(markProperties('embed', 0))[0]).replace(/:embed:0$/, '');
export const TOKEN_PLACEHOLDER = '{embed-token}';
const stable = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(TOKEN, TOKEN_PLACEHOLDER)) as T;

export interface PluginOutput {
  html: string;
  /** Present when the plugin reports something through the file it rendered. */
  report?: Report;
}

/** Runs `plugin` on `input` against the fake vault; the HTML and, if the plugin reports, its report. */
export async function runPlugin(plugin: string, input: string): Promise<PluginOutput> {
  const harness = PLUGINS[plugin];
  if (!harness) throw new Error(`no harness for plugin ${plugin}: add it to PLUGINS in tests/helpers/markdown-plugin.ts`);
  const { html, file, extra = {} } = await harness.run(input);
  const found = findingsOf(file);
  const all: Report = {
    links: found.links,
    noteHrefs: Object.fromEntries(noteLinksOf(file).hrefs),
    embeds: found.embeds,
    inlineTags: found.inlineTags,
    blockIds: found.blockIds,
    notices: found.notices,
    linkContexts: file.data.linkContexts ?? {},
    ...extra,
  };
  const output: PluginOutput = { html: stable(html) };
  if (harness.report.length) output.report = stable(Object.fromEntries(harness.report.map((k) => [k, all[k]])));
  return output;
}
