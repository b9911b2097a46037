/*
 * The contract between the garden and its views of the vault (Obsidian Bases, Dataview queries).
 * A view is evaluated at build time over shared notes only: the rows it can ever show are the
 * `ViewNote`s it is given, and what it shows of them is `Cell`s, display-ready values in which a
 * link is either to a shared note or plain text. Both engines answer with the same `ViewResult`,
 * drawn to HTML by one renderer.
 */
import type { NoteRef, NoteSlug, VaultPath } from '../../types.ts';

/** A task (`- [ ] …`) of a shared note, for Dataview's `TASK` and `file.tasks`. */
export interface ViewTask {
  text: string;
  /** The character between the brackets: ' ' open, 'x' done, others as Obsidian keeps them. */
  status: string;
  completed: boolean;
  /** 1-based line in the note's file. */
  line: number;
}

/** A shared note as a view sees it: Bases' `file.*` and `note.*`, Dataview's implicit and own fields. */
export interface ViewNote {
  /** Vault path with its extension: `Notes/Coffee.md`. */
  path: VaultPath;
  slug: NoteSlug;
  title: string;
  /** The note's frontmatter as YAML parsed it (a shared note's own words). */
  properties: Record<string, unknown>;
  /** Dataview inline fields (`key:: value`, `[key:: value]`, `(key:: value)`), values as written. */
  inlineFields: Record<string, string[]>;
  /** Tags without `#`, as written, frontmatter's and the text's: `books/fiction`. */
  tags: string[];
  /** Vault paths of the shared notes it links to, once each, in order. Links to private notes are not here. */
  links: string[];
  /** Vault paths of the files it embeds that are published (shared notes, attachments). */
  embeds: string[];
  /** Vault paths of the shared notes that link to it. */
  backlinks: string[];
  /** ISO 8601 instants: the note's created and modified times as the garden dated them. */
  ctime: string;
  mtime: string;
  /** Size of the file in bytes. */
  size: number;
  tasks: ViewTask[];
}

/** A link written in a shared note (a property, a formula's `link()`), resolved against the vault. */
export type LinkResolution =
  /** A shared note: the view may link to it. */
  | { kind: 'note'; note: ViewNote }
  /** A private or missing note, or anything else: shown as the words the shared note wrote. */
  | { kind: 'none' };

/** What a view is evaluated against. */
export interface ViewContext {
  /** Every shared note: the only rows a view can have. */
  notes: readonly ViewNote[];
  /** The note the view is shown on (Bases' and Dataview's `this`); a `.base` page has none. */
  self?: ViewNote;
  /** Resolves a link target (`Books`, `Notes/Coffee`, `Coffee.md`) as Obsidian would from the note at `from`. */
  resolveLink(target: string, from: string): LinkResolution;
  /**
   * The site path of an image in the vault a shared note at `from` names (a card's `image`), which
   * is then published like any attachment the note shows; undefined for anything else.
   */
  resolveImage?(target: string, from: string): string | undefined;
  /** "Now" for `now()`/`today()`, fixed for the whole build so that every page agrees. */
  now: Date;
  /** The garden's IANA time zone: dates without an offset are read in it. */
  timeZone: string;
}

/** A display-ready value. A link is always to a shared note; anything else a note wrote is text. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; iso: string; text: string }
  | { kind: 'note'; note: NoteRef; text: string }
  | { kind: 'url'; href: string; text: string }
  | { kind: 'list'; items: Cell[] };

export interface ViewRow {
  /** The shared note the row stands for; none when it stands for a group (Dataview's `GROUP BY` table). */
  note?: NoteRef;
  /** One cell per column, in the columns' order. */
  cells: Cell[];
  /** For cards: the image, a published attachment's site path or an http(s) URL. */
  image?: string;
  /** For Dataview's TASK: the note's tasks that matched. */
  tasks?: ViewTask[];
}

/** A summary of a column (Bases' `summaries`): its name as the view shows it (`Sum`) and its value. */
export interface ViewSummary {
  label: string;
  value: Cell;
}

export interface ViewGroup {
  /** The value the rows share (`groupBy`, `GROUP BY`); none for an ungrouped view. */
  key?: Cell;
  rows: ViewRow[];
  /** A summary per column id (Bases' `summaries`), computed over this group's rows. */
  summaries?: Record<string, ViewSummary>;
}

/** One evaluated view, ready to draw. */
export interface ViewResult {
  layout: 'table' | 'cards' | 'list' | 'task';
  /** The view's name, shown as its caption (Bases' view `name`). */
  name?: string;
  columns: { id: string; label: string }[];
  groups: ViewGroup[];
  /** Summaries over all rows, by column id. */
  summaries?: Record<string, ViewSummary>;
}

/** Something a view could not do, reported to the gardener by file and line; the rest still renders. */
export interface ViewProblem {
  /** 1-based line in the file that holds the view (the `.base` file, or the note with the block). */
  line?: number;
  message: string;
  /** The source is not the engine's language at all (it does not parse): an inline query then stays the code it was written as. */
  unreadable?: boolean;
}

export interface ViewOutcome {
  views: ViewResult[];
  problems: ViewProblem[];
}
