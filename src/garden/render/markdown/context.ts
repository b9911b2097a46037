import type { SitePath, SiteUrls } from '../../urls.ts';

/** What the Markdown plugins need from the garden while rendering one note, and what they report back. */
export interface LinkTarget {
  slug: string;
  title: string;
}

/** Where a note embeds another shared note; the assemble stage puts that note's body there. */
export interface NoteEmbedSlot {
  /** Slug of the embedded note. */
  note: string;
  /** The embed as the note wrote it (`Note#Heading`), for reports. */
  written: string;
  /** Only the section under this heading (its element id)… */
  section?: string;
  /** …or only this block (its element id, `^id`). */
  block?: string;
}

/**
 * Where a note embeds a canvas (`![[Board.canvas]]`: the assemble stage puts the board there, drawn
 * once per build by render/canvas/), or links to one (`[[Board.canvas]]`, with `link` its text: the
 * assemble stage links it to the board on the page that shows it, or leaves it as text).
 */
export interface CanvasSlot {
  /** Vault path of the canvas file. */
  canvas: string;
  /** The embed or link as the note wrote it, for reports. */
  written: string;
  /** Set for a link: the words it shows. */
  link?: string;
}

/** A place in a note's HTML that the assemble stage fills: an embedded note, a canvas's board, a link to a board. */
export type EmbedSlot = NoteEmbedSlot | CanvasSlot;

export const isCanvasSlot = (slot: EmbedSlot): slot is CanvasSlot => 'canvas' in slot;

export interface RenderContext {
  /** A note link target, or undefined for a private or missing note (rendered the same way). */
  resolveNote(target: string): LinkTarget | undefined;
  /** Whether a link target is a private note (for the gardener's report only, never for the page). */
  isPrivate(target: string): boolean;
  /**
   * The site path of an attachment, or undefined when the vault has no such file. A canvas is never
   * an attachment: its JSON is drawn as a board, never copied into the site.
   */
  resolveAttachment(target: string): SitePath | undefined;
  /**
   * The vault path of a canvas a link or embed names: `Board.canvas`, or `Board` when no note has
   * that name (a note wins, as in Obsidian); undefined otherwise.
   */
  resolveCanvas(target: string): string | undefined;
  /** The path of a tag page for an inline `#tag`, or undefined when it is not a tag. */
  tagUrl(raw: string): SitePath | undefined;
  urls: SiteUrls;
  /** Title of the note being rendered. */
  title: string;
  /** The line of the `# heading` that is the title: it is shown once, as the page's title (heading-ids.ts). */
  titleLine?: number;
  slug: string;

  /** Slugs of the shared notes this note links to. */
  links: Set<string>;
  /** Links to a heading or block of another shared note, to check that it has one. */
  fragmentLinks: { note: string; fragment: string; written: string }[];
  /** Each link this note makes to a shared note: its href → the note's slug (for backlink contexts). */
  noteHrefs: Map<string, string>;
  /** The note's embeds of other shared notes and of canvases, and its links to canvases, in order; a slot in the HTML marks each. */
  embeds: EmbedSlot[];
  inlineTags: string[];
  /** The block ids (`^id`) the note names. */
  blockIds: string[];
  /** Other things worth telling the gardener about this note. */
  notices: string[];
  /** Set when a notice names a private note: the result must not outlive the build. */
  namesPrivateNotes?: boolean;
  /** What the note's page needs beyond the site's own stylesheet: KaTeX's, the diagram script. */
  uses: { math: boolean; diagrams: boolean };
}

declare module 'vfile' {
  interface DataMap {
    garden: RenderContext;
  }
}

export function contextOf(file: { data: { garden?: RenderContext } }): RenderContext {
  const context = file.data.garden;
  if (!context) throw new Error('garden render context missing: render notes through renderMarkdown()');
  return context;
}

/** Records a link to a shared note and returns its href. */
export function linkToNote(context: RenderContext, note: LinkTarget, fragment?: string, written?: string): SitePath {
  const href = context.urls.note(note.slug, fragment);
  context.links.add(note.slug);
  if (fragment) context.fragmentLinks.push({ note: note.slug, fragment, written: written ?? `${note.title}#${fragment}` });
  context.noteHrefs.set(href, note.slug);
  return href;
}
