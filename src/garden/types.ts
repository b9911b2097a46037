/** The garden model: what the core hands to the site layer. Only shared notes ever appear here. */
import type { SiteAddress, SitePath } from './urls.ts';

/** The growth states, in the order a note grows through them: the one list of them. */
export const GROWTH_STATES = ['seed', 'bud', 'evergreen'] as const;
export type GrowthState = (typeof GROWTH_STATES)[number];

/** Something for each growth state. */
export const byGrowthState = <T>(make: () => T): Record<GrowthState, T> => ({ seed: make(), bud: make(), evergreen: make() });

export type Severity = 'error' | 'warning';

/** Where a note's date was found: written in its frontmatter, its git history, or its file's times. */
export type DateSource = 'frontmatter' | 'git' | 'filesystem';

export interface DateSources {
  created?: DateSource;
  updated?: DateSource;
}

/** A problem found in the vault, always tied to the vault-relative file it came from. */
export interface Problem {
  file: string;
  severity: Severity;
  message: string;
}

/**
 * A note's slug, its address under the base path without slashes around it (`notes/coffee`), as
 * normalize/ made it. Branded, as Quartz's `FullSlug`, so that a vault path (`VaultPath`), a page's
 * address (`SiteAddress`) or a link (`SitePath`) cannot be passed where a slug is wanted.
 */
export type NoteSlug = string & { readonly __noteSlug: unique symbol };

/** A file's path in the vault, with its extension and `/` between folders (`Notes/Coffee.md`). */
export type VaultPath = string & { readonly __vaultPath: unique symbol };

export interface NoteRef {
  slug: NoteSlug;
  title: string;
}

/** A note that links here, with the words around its link. */
export interface Backlink extends NoteRef {
  context?: string;
}

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface GardenNote {
  slug: NoteSlug;
  /** Vault-relative path; used for reports and stable ordering, never rendered. */
  path: VaultPath;
  title: string;
  /** The id of the `# heading` that is the title: the page's title carries it, so links to that heading land. */
  titleId?: string;
  state: GrowthState;
  mood?: { name: string; slug: string };
  /** Tag keys (lowercase, `/`-separated), each an entry of `Garden.tags`. */
  tags: string[];
  /** ISO 8601 instants with offset, in the garden's time zone. */
  created?: string;
  updated?: string;
  /** Where each of those dates came from (`npm run check` says); never rendered. */
  dateSources: DateSources;
  description?: string;
  /** The language its content is in, when the note names one (`lang`, BCP 47). */
  lang?: string;
  /** Its own image (`image`, `cover`, `banner`), published: what a shared link to it shows. */
  image?: SitePath;
  /** How it grew, from the vault's git history of its shared versions (absent without one). */
  growth?: Growth;
  aliases: string[];
  /** Breadcrumb trail from `up`, nearest parent last. */
  up: NoteRef[];
  html: string;
  headings: Heading[];
  /** Plain-text opening of the note, for lists and meta descriptions. */
  excerpt: string;
  /** Chinese and Japanese words of the note, space-separated, for the search index only. */
  searchTerms?: string;
  outgoing: NoteSlug[];
  backlinks: Backlink[];
  related: NoteRef[];
  /** The page shows math (the note's own or an embedded note's): it links KaTeX's stylesheet. */
  hasMath?: true;
  /** The page shows a Mermaid diagram that can be drawn: it loads the diagram script. */
  hasDiagram?: true;
}

/** A `.base` file a shared note links or embeds, published as a page of its views (assemble/views/base-pages.ts). */
export interface BasePage {
  /** Beside the notes' slugs, never one of them (`books-base`). */
  slug: NoteSlug;
  /** Vault path; for reports, never rendered. */
  path: VaultPath;
  /** Its file name without `.base`. */
  title: string;
  /** Its views, each drawn over the shared notes, or a line saying they are not published. */
  html: string;
}

export interface TagNode {
  /** Lowercase key such as `my/words`. */
  key: string;
  /** Display spelling of the last segment, and of the whole path. */
  label: string;
  path: string;
  /** URL segments under /tags/. */
  urlPath: string;
  parent?: string;
  children: string[];
  /** Notes tagged with this tag or any descendant, newest tended first. */
  notes: NoteSlug[];
}

export interface Mood {
  name: string;
  slug: string;
  notes: NoteSlug[];
}

export interface Attachment {
  /** Absolute path in the vault. */
  source: string;
  /** The name it is published under, in the site's `attachments/` folder (`photo-1a2b3c4d.png`). */
  fileName: string;
  /** Its path on the site, base included (`/garden/attachments/photo-1a2b3c4d.png`). */
  url: string;
}

export interface PrivateNote {
  path: string;
  reason: string;
}

/** An old address that sends visitors on to a shared note (an alias, or the `redirects` setting). */
export interface Redirect {
  /** The address under the base path, decoded: `/learning-in-public/` or `/old-page.html`. */
  from: SiteAddress;
  to: NoteRef;
  /** What asked for it, for reports: the note and its alias, or the setting. */
  origin: string;
}

/** A growth state a note reached, and when (an ISO 8601 instant in the garden's time zone). */
export interface GrowthStep {
  state: GrowthState;
  date: string;
}

/** A note's growth: its states in order, the first the one it was first shared in. */
export interface Growth {
  steps: GrowthStep[];
  /** Commits that changed it after it was first shared. */
  tended: number;
  /** Whether the first step is its planting (false: it was planted earlier, before the vault's history). */
  planted: boolean;
}

/** A note reaching a new growth state, for the garden's list of what grew. */
export interface GrowthEvent extends GrowthStep {
  slug: NoteSlug;
  /** Which of the note's steps it is (the element id `note.grown-{step}` on its page). */
  step: number;
}

export interface Garden {
  /** Shared notes, newest tended first. */
  notes: GardenNote[];
  /** Notes that changed growth state, newest first (empty without a git history). */
  grown: GrowthEvent[];
  tags: Map<string, TagNode>;
  moods: Mood[];
  states: Record<GrowthState, NoteSlug[]>;
  attachments: Attachment[];
  /** Aliases and listed old addresses of shared notes, each sending visitors on to its note. */
  redirects: Redirect[];
  /** The bases shared notes link or embed, by vault path, each a page of its views. */
  basePages: BasePage[];
  /** The vault folder, and why it could not be read when it could not. */
  vault: { folder: string; unreadable?: string };
  problems: Problem[];
  private: PrivateNote[];
  stats: { found: number; published: number; private: number; attachments: number };
  /** Where reading the garden spent its time: reading and deciding, rendering, all of it. */
  seconds: { read: number; render: number; total: number };
}
