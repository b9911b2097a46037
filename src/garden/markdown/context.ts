/** What the Markdown plugins need from the garden while rendering one note, and what they report back. */
export interface LinkTarget {
  slug: string;
  title: string;
}

export interface RenderContext {
  /** A note link target, or undefined for a private or missing note (rendered the same way). */
  resolveNote(target: string): LinkTarget | undefined;
  /** The site URL of an attachment, or undefined when the vault has no such file. */
  resolveAttachment(target: string): string | undefined;
  /** The URL of a tag page for an inline `#tag`, or undefined when it is not a tag. */
  tagUrl(raw: string): string | undefined;
  /** Title of the note being rendered; a first `# heading` equal to it is not shown twice. */
  title: string;
  slug: string;

  links: Set<string>;
  embeds: Set<string>;
  inlineTags: string[];
  /** Other things worth telling the gardener about this note. */
  notices: string[];
}

declare module 'vfile' {
  interface DataMap {
    garden: RenderContext;
  }
}

export function contextOf(file: { data: { garden?: RenderContext } }): RenderContext {
  const context = file.data.garden;
  if (!context) throw new Error('garden render context missing: render notes through renderNote()');
  return context;
}
