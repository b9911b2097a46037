import type { NoteSlug } from '../../types.ts';
import type { VFile } from 'vfile';
import type { SitePath, SiteUrls } from '../../urls.ts';
import type { VaultPlugins } from '../../collect/read-vault-plugins.ts';
import type { Catalogue } from '../../locale/catalogue.ts';

/*
 * What the Markdown plugins may ask of the vault, given to them as options when the pipeline is
 * built (once per garden: building a processor costs too much to do per note). Each question names
 * the file that asks, so a link is resolved from that file's folder, and the asker records every
 * question on it (the render cache keeps what a note's rendering depended on).
 */

export interface LinkTarget {
  slug: NoteSlug;
  title: string;
}

export interface BaseTarget {
  path: string;
  /** Its page's slug: the page is published once a shared note links or embeds the base. */
  slug: NoteSlug;
}

export interface VaultLookups {
  urls: SiteUrls;
  /** The plugins the vault's Obsidian runs that give Markdown a meaning (Dataview's fields and queries). */
  plugins: VaultPlugins;
  /** The words rendering writes itself, in the garden's language. */
  words: Pick<Catalogue, 'footnotes' | 'diagrams'>;
  /** A note link target, or undefined for a private or missing note (rendered the same way). */
  note(target: string, file: VFile): LinkTarget | undefined;
  /** Whether a link target is a private note (for the gardener's report only, never for the page). */
  isPrivate(target: string, file: VFile): boolean;
  /**
   * The site path of an attachment, or undefined when the vault has no such file. A canvas is never
   * an attachment: its JSON is drawn as a board, never copied into the site.
   */
  attachment(target: string, file: VFile): SitePath | undefined;
  /**
   * The vault path of a canvas a link or embed names: `Board.canvas`, or `Board` when no note has
   * that name (a note wins, as in Obsidian); undefined otherwise.
   */
  canvas(target: string, file: VFile): string | undefined;
  /**
   * A base a link or embed names (`Books.base`, or `Books` when no note has that name): its vault
   * path and the slug of its page. Its YAML is never published as a file.
   */
  base(target: string, file: VFile): BaseTarget | undefined;
  /** The path of a tag page for an inline `#tag`, or undefined when it is not a tag. */
  tag(raw: string): SitePath | undefined;
}

/** The note a file holds, as the garden named it (`file.path` is its vault path). */
export interface NoteBeingRendered {
  slug: NoteSlug;
  title: string;
  /** The line of the `# heading` that is the title: it is shown once, as the page's title (heading-ids.ts). */
  titleLine?: number;
}

declare module 'vfile' {
  interface DataMap {
    note: NoteBeingRendered;
  }
}

/** The note being rendered; a file that is not a note (a canvas's text card) is an untitled one. */
export const noteOf = (file: VFile): NoteBeingRendered => file.data.note ?? { slug: '' as NoteSlug, title: '' };
