import type { GrowthState } from '../types.ts';

/*
 * Every word the site writes around the gardener's notes, in one catalogue per language (en.ts,
 * de.ts…), each typed as a Catalogue: a string missing from one is a type error in `npm run
 * typecheck`, and tests/unit/locale.test.ts checks the same at run time. A word that changes with
 * a number is a Plural, chosen by the language's own plural rules (Intl.PluralRules). `{name}`
 * marks where a value goes: `{count}`, `{date}`, `{title}`, a link.
 */

/** One string per plural category the language has (Intl.PluralRules); `other` always. */
export type Plural = { other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;

export interface StateWords {
  /** "Seed": the state's name, on badges and its page. */
  label: string;
  /** "{count} seeds", on the home page's growth counts. */
  count: Plural;
  /** One line, for tooltips and screen readers. */
  explain: string;
  /** A few sentences, for the state's page. */
  about: string;
  /** "No seeds yet.", on the state's page when it has none. */
  none: string;
}

export interface Catalogue {
  /** The defaults of the settings that are words: a garden that names neither is called this. */
  defaults: { title: string; description: string };
  /** Quotation marks around a searched phrase: `“{text}”`, `„{text}“`, `«\u00a0{text}\u00a0»`. */
  quote: string;
  layout: {
    skipToContent: string;
    menu: string;
    /** The header's list of sections, for screen readers. */
    sections: string;
    growth: string;
    tags: string;
    moods: string;
    graph: string;
    searchLabel: string;
    searchPlaceholder: string;
    searchButton: string;
    darkTheme: string;
    /** "Tended by {author}." */
    tendedBy: string;
    followByRss: string;
    mapOfGarden: string;
  };
  states: Record<GrowthState, StateWords>;
  home: {
    /** "Read “{title}” as a note": a link from the home page to the home note's own page. */
    readAsNote: string;
    /** "Search {count} notes…" */
    searchNotes: Plural;
    growth: string;
    map: string;
    mapLabel: string;
    /** "The {count} best-connected notes and the links between them." */
    mapCaption: Plural;
    wholeMap: string;
    recent: string;
    tags: string;
    moods: string;
  };
  note: {
    breadcrumbs: string;
    /** "mood {mood}" */
    mood: string;
    /** "planted {date}" */
    planted: string;
    /** "planted {planted}, tended {after}", the second a span of time ("3 days later"). */
    plantedTended: string;
    /** "tended {date}" */
    tended: string;
    sameDay: string;
    daysLater: Plural;
    monthsLater: Plural;
    yearsLater: Plural;
    tags: string;
    backlinks: string;
    noBacklinks: string;
    neighbourhood: string;
    /** "{title} and the notes it links with" */
    graphLabel: string;
    graphCaption: string;
    /** "The {limit} most recently tended of {count} linked notes." */
    graphCaptionSome: Plural;
    relatedByTags: string;
    byTendedDate: string;
    newer: string;
    older: string;
  };
  lists: {
    /** " · tended {date}", after a note's state in a list. */
    tended: string;
    /** "{count} notes" */
    notes: Plural;
    /** "{notes}, newest tended first" */
    newestFirst: string;
    /** "{notes}, including narrower tags." */
    includingNarrower: string;
    /** "{notes}.": a tag's count of notes, when it has no narrower tags. */
    tagged: string;
    contents: string;
  };
  graph: {
    /** "{title} ({state})": a circle's name. */
    node: string;
    /** "{title} ({state}), this note" */
    current: string;
    title: string;
    description: string;
    none: string;
    /** "The {count} best-connected of {total} notes, and the links between them. Larger circles have more links." */
    some: Plural;
    all: string;
    titled: string;
    colours: string;
    label: string;
  };
  tags: { title: string; none: string; breadcrumbs: string };
  moods: { title: string; none: string; /** "Mood: {mood}" */ one: string };
  growth: { steps: string };
  /** A note's growth, from the vault's git history, and the garden's page of what grew. */
  history: {
    /** "How it grew": the note's list of its growth states, for screen readers. */
    label: string;
    /** "planted as a seed on {date}": the first state, when it is the note's planting. */
    planted: Record<GrowthState, string>;
    /** "bud on {date}": a later state, or the first when the note was planted before its history. */
    reached: Record<GrowthState, string>;
    /** "tended {count} times": commits that changed the note after it was first shared. */
    tended: Plural;
    /** "Recently grown": the page's title, and the link to it. */
    title: string;
    description: string;
    /** "{title} became a bud": an entry of the page and of its feed. */
    became: Record<GrowthState, string>;
    /** "The {count} most recent changes of growth state.", when the page shows fewer than there are. */
    some: Plural;
    /** "{title}: recently grown": the feed's title, {title} the garden's. */
    feedTitle: string;
    follow: string;
  };
  /** What was planted or tended since the visitor's last visit (kept in their browser only). */
  since: {
    /** "Since your last visit": the home page's list of marked notes. */
    title: string;
    /** "{count} notes were planted or tended since your last visit." */
    count: Plural;
    /** "new", "tended": beside a note in that list. */
    new: string;
    tended: string;
    /** "new since your last visit": a note's badge in other lists, and in the graph's names. */
    newBadge: string;
    tendedBadge: string;
    /** "{node}, {mark}": a marked circle's name in the graph, its usual name and the badge's words. */
    graphNode: string;
    /** "Mark all as seen": the button that clears the marks. */
    markSeen: string;
  };
  search: {
    title: string;
    heading: string;
    /** Without JavaScript: "… reachable from the {tags} and the {home}." */
    noScript: string;
    tagsLink: string;
    homeLink: string;
    label: string;
    more: string;
    filters: string;
    state: string;
    tag: string;
    mood: string;
    /** "Searching for {query}…" */
    searching: string;
    /** "{count} results for {query}" */
    results: Plural;
    /** "No results for {query}" */
    none: string;
    /** When Pagefind could not be loaded or could not answer: "Search could not load. Try again in a moment." */
    failed: string;
  };
  notFound: {
    title: string;
    heading: string;
    /** "This page does not exist, or is not shared. Try the {home} or {search}." */
    text: string;
    homeLink: string;
    searchLink: string;
  };
  base: {
    /** "{title}: a view of the garden's notes." */
    description: string;
    about: string;
  };
  views: {
    /** A view that cannot be published stands in its place as this line. */
    unavailable: string;
    yes: string;
    no: string;
  };
  diagrams: {
    /** "This diagram cannot be drawn: {reason}" */
    failed: string;
  };
  /** A note's footnotes: the heading screen readers hear, and each way back ("Back to reference {n}"). */
  footnotes: { label: string; back: string };
  /** Stacked notes: each pane's close button ("Close {title}"), and its spine's button when it is folded ("Show {title}"). */
  stack: { close: string; show: string };
}
