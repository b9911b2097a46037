import type { Heading, NoteSlug, VaultPath } from '../types.ts';
import type { LinkWorld } from '../link/link-world.ts';
import type { BodyPart, Chunk } from './markdown/chunks.ts';
import type { EmbedSlot } from './markdown/findings.ts';

export type { LinkWorld };

/** One shared note to render. */
export interface RenderJob {
  path: VaultPath;
  /** The whole file, frontmatter included (so positions match the file). */
  text: string;
  /** Where the body starts in `text`, after the frontmatter; -1 when unknown. */
  bodyStart: number;
  title: string;
  /** The line (1-based, in `text`) of the `# heading` that is the title: shown once, as the page's title. */
  titleLine?: number;
  slug: NoteSlug;
}


export interface RenderedResult {
  path: VaultPath;
  ok: true;
  /** Sanitized HTML in sections (split at top-level headings), embeds between its pieces. */
  body: Chunk[];
  /** Each block the note names (`^id` → its HTML), for block embeds. */
  blocks: Record<string, BodyPart[]>;
  /** The block ids the note names. */
  blockIds: string[];
  headings: Heading[];
  headingIds: string[];
  /** The id of the `# heading` that is the title, shown as the page's title rather than in the body. */
  titleId?: string;
  excerpt: string;
  searchTerms: string;
  linkContexts: Record<string, string>;
  links: NoteSlug[];
  /** Links to a heading or block of a shared note: that note's slug, the element id, the link as written. */
  fragmentLinks: { note: NoteSlug; fragment: string; written: string }[];
  /** Vault paths of the bases it links to: each gets a page of its views. */
  baseLinks?: string[];
  embeds: EmbedSlot[];
  inlineTags: string[];
  /** Link targets found nowhere in the vault. */
  missing: string[];
  notices: string[];
  /** Whether a notice names a private note (such a result is never written to the render cache). */
  namesPrivateNotes?: true;
  /** Vault paths of the attachments the note uses. */
  attachments: string[];
  /** Every link target the note's rendering looked up: what it depends on besides its own text (render cache). */
  targets: string[];
  /** The note has math, typeset at build time: its page links KaTeX's stylesheet. */
  hasMath: boolean;
  /** The note has a Mermaid diagram that can be drawn: its page loads the diagram script. */
  hasDiagram: boolean;
}

/** A note that could not be rendered: its renderer failed, or it took too long or too much memory. */
export interface RenderFailure {
  path: VaultPath;
  ok: false;
  kind: 'error' | 'timeout' | 'memory' | 'crash';
  error: string;
}

export type RenderResult = RenderedResult | RenderFailure;
