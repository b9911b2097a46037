import type { VFile } from 'vfile';
import type { SitePath, SiteUrls } from '../../urls.ts';
import type { BaseTarget, LinkTarget } from './vault-lookups.ts';
import type { NoteSlug } from '../../types.ts';
import { headingId } from '../heading-ids.ts';

/*
 * What the plugins found that several of them add to, kept on the file as unified plugins report
 * (`file.data`, `file.message`). A plugin that alone finds something declares its own key beside it.
 * A caller may seed these keys to gather what several renders found (a canvas's text cards).
 */

/** Where a note embeds another shared note; the assemble stage puts that note's body there. */
export interface NoteEmbedSlot {
  /** Slug of the embedded note. */
  note: NoteSlug;
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

/**
 * Where a note shows a view of the vault: a ```base or ```dataview block, an inline `= query`, or an
 * embedded `.base` file (`![[Books.base#Top rated]]`). The assemble stage evaluates it over the
 * shared notes and puts what it shows there (assemble/views/).
 */
export interface ViewSlot {
  view: 'base' | 'dataview' | 'inline-query' | 'base-file';
  /** The block's or inline query's text; for an embedded base, its vault path. */
  source: string;
  /** For an embedded base: the one view named after `#`. */
  name?: string;
  /** The line (1-based, in the note's file) where the block's text starts, for reports. */
  line: number;
  /** The embed as the note wrote it, for reports. */
  written: string;
}

/** A place in a note's HTML that the assemble stage fills: an embedded note, a canvas's board, a link to a board, a view. */
export type EmbedSlot = NoteEmbedSlot | CanvasSlot | ViewSlot;

export const isCanvasSlot = (slot: EmbedSlot): slot is CanvasSlot => 'canvas' in slot;
export const isViewSlot = (slot: EmbedSlot): slot is ViewSlot => 'view' in slot;
export const isNoteSlot = (slot: EmbedSlot): slot is NoteEmbedSlot => 'note' in slot;

/** A view slot's key in the note at `path`: slots are copied on their way through the render cache, so never told apart by identity. */
export const viewKey = (path: string, slot: ViewSlot) => JSON.stringify([path, slot.view, slot.line, slot.source, slot.name ?? '']);

/** The links a file makes to shared notes. */
export interface NoteLinks {
  /** Slugs of the shared notes it links to. */
  slugs: Set<NoteSlug>;
  /** Links to a heading or block of a shared note, to check that it has one. */
  fragments: { note: NoteSlug; fragment: string; written: string }[];
  /** Each link's href → the note's slug (for backlink contexts). */
  hrefs: Map<string, NoteSlug>;
  /** Vault paths of the bases it links to: each gets a page of its views. */
  bases: Set<string>;
}

declare module 'vfile' {
  interface DataMap {
    noteLinks: NoteLinks;
    /** The file's embeds of shared notes and canvases, and its links to canvases, in order; a slot in the HTML marks each. */
    embeds: EmbedSlot[];
  }
}

export const noteLinksOf = (file: VFile): NoteLinks => (file.data.noteLinks ??= { slugs: new Set(), fragments: [], hrefs: new Map(), bases: new Set() });

/** Records a link to a shared note and returns its href. */
export function linkToNote(file: VFile, urls: SiteUrls, note: LinkTarget, fragment?: string, written?: string): SitePath {
  const href = urls.note(note.slug, fragment);
  const links = noteLinksOf(file);
  links.slugs.add(note.slug);
  if (fragment) links.fragments.push({ note: note.slug, fragment, written: written ?? `${note.title}#${fragment}` });
  links.hrefs.set(href, note.slug);
  return href;
}

/** Records a link to a base, which publishes the base's page, and returns the page's href (at the view `view`, when named). */
export function linkToBase(file: VFile, urls: SiteUrls, base: BaseTarget, view?: string): SitePath {
  noteLinksOf(file).bases.add(base.path);
  return urls.basePage(base.slug, view?.trim() ? baseViewId(view) : undefined);
}

/** The element id of a view on its base's page, for `[[Books.base#Top rated]]`. */
export const baseViewId = (view: string): string => `view-${headingId(view.trim())}`;

/** Records an embed or canvas link, returning the index its slot in the HTML carries. */
export function addEmbed(file: VFile, slot: EmbedSlot): number {
  return (file.data.embeds ??= []).push(slot) - 1;
}

/** The source the garden's own notices carry, told apart from messages of the libraries it runs. */
export const NOTICE_SOURCE = 'garden';

/** Something worth telling the gardener about the file, said once it is rendered. */
export function notice(file: VFile, text: string): void {
  file.message(text, { source: NOTICE_SOURCE });
}

/** The garden's notices about a file, in the order they were given. */
export const noticesOf = (file: VFile): string[] => file.messages.filter((message) => message.source === NOTICE_SOURCE).map((message) => message.reason);
