/*
 * Every URL the site emits is made here, and only here: the note pages, heading anchors, tag,
 * state and mood pages, attachments, assets, search, the feed and the graph. Each takes the base
 * path the site is served under (`/` at a domain's root, `/garden/` under a sub-path), so hosting
 * the garden elsewhere is one setting. Like Starlight's `pathWithBase`, but for the garden's own
 * routes, so a page never spells a route itself.
 */

import type { NoteSlug } from './types.ts';

/** A URL path on this site, base included: what an `href` or `src` may hold. */
export type SitePath = string & { readonly __sitePath: unique symbol };

/**
 * A page's address under the base path, as the site's own tables name pages (`/learning-in-public/`):
 * redirects, the search index, reports. Never a link: `SiteUrls` adds the base path.
 */
export type SiteAddress = string & { readonly __siteAddress: unique symbol };

/** The address of a note's page under the base path. */
export const noteAddress = (slug: NoteSlug): SiteAddress => `/${slug}/` as SiteAddress;

/** The address an alias answers at (a redirect to its note), from the alias made into a path like a slug. */
export const aliasAddress = (path: string): SiteAddress => `/${path}/` as SiteAddress;

/**
 * The first URL segments the site's own routes and files take (pages, assets, Astro's and
 * Pagefind's output). A note may not take one of them as its slug's first segment; a test checks
 * this list against `src/pages/` and `public/`.
 */
export const SITE_ROUTES = [
  'tags', 'states', 'moods', 'search', 'graph', 'attachments', 'rss.xml', '404', '404.html',
  'pagefind', '_astro', '_katex', 'sitemap-index.xml', 'sitemap-0.xml', 'favicon.svg', 'states.svg', 'robots.txt',
  'recent.json',
] as const;

/** The recently grown page and its feed, in the state pages' folder (a route each that only a git history makes). */
export const GROWN_ROUTES = { page: 'grown', feed: 'grown.xml' } as const;

/** The file of the published notes' dates that "since your last visit" compares (a route only that setting makes). */
export const RECENT_FILE = 'recent.json';

/** Normalizes a base path to `/` or `/a/b/`. */
export function normalizeBase(base: string): string {
  const segments = base.split('/').filter(Boolean);
  return segments.length ? `/${segments.join('/')}/` : '/';
}

export interface SiteUrls {
  /** The base path, `/` or `/a/b/`. */
  readonly base: string;
  home(): SitePath;
  /** A note's page, or a heading or block on it when `fragment` is given (an element id). */
  note(slug: NoteSlug, fragment?: string): SitePath;
  /** The page of a base's views (`Books.base`), beside the notes' pages; at one view when `fragment` is given. */
  basePage(slug: NoteSlug, fragment?: string): SitePath;
  tags(): SitePath;
  /** A tag's page from its URL path (`my/words`). */
  tag(urlPath: string): SitePath;
  state(state: string): SitePath;
  /** The folder of the state pages, for telling whether a page is one of them. */
  statePages(): SitePath;
  /** The notes that changed growth state, newest first (beside the state pages), and its feed. */
  grown(): SitePath;
  grownFeed(): SitePath;
  moods(): SitePath;
  mood(slug: string): SitePath;
  graph(): SitePath;
  /** The published notes' slugs, titles and dates, for marking what changed since a visitor's last visit. */
  recent(): SitePath;
  search(): SitePath;
  feed(): SitePath;
  sitemap(): SitePath;
  /** A copied attachment by its published file name (`photo-1a2b3c4d.png`). */
  attachment(fileName: string): SitePath;
  /** A file of `public/` or of Pagefind's bundle, by its path under the site root. */
  asset(path: string): SitePath;
  /** A symbol of the state sprite (`/states.svg#state-bud`). */
  stateIcon(state: string): SitePath;
  /** This site's path as an absolute URL, for the feed, the sitemap and canonical links. */
  absolute(path: string): string;
  /** An old address a redirect page answers at (`/old/path/` under the base path, see `Redirect.from`). */
  redirect(from: SiteAddress): SitePath;
  /** The file a redirect page is written to, under the output folder (`old/path/index.html`). */
  redirectFile(from: SiteAddress): string;
  robots(): SitePath;
  /** The page served at every missing address. */
  notFound(): SitePath;
  /** Pagefind's bundle folder, which the search page loads its script and index from. */
  pagefind(): SitePath;
}

/** The URL maker for a site at `siteUrl` (its origin) served under `base`. */
export function siteUrls(siteUrl: string, base: string): SiteUrls {
  const root = normalizeBase(base);
  const origin = new URL(siteUrl).origin;
  const at = (path: string) => `${root}${path}` as SitePath;
  const page = (path: string) => at(`${path}/`);
  return {
    base: root,
    home: () => at(''),
    // Slugs, tag paths, ids and attachment names are made by our slugifier (letters, digits and
    // `-` of any script), so they need no escaping; browsers read the non-ASCII ones as written.
    note: (slug, fragment) => at(`${slug}/${fragment ? `#${fragment}` : ''}`),
    basePage: (slug, fragment) => at(`${slug}/${fragment ? `#${fragment}` : ''}`),
    tags: () => page('tags'),
    tag: (urlPath) => page(`tags/${urlPath}`),
    state: (state) => page(`states/${state}`),
    statePages: () => page('states'),
    grown: () => page(`states/${GROWN_ROUTES.page}`),
    grownFeed: () => at(`states/${GROWN_ROUTES.feed}`),
    moods: () => page('moods'),
    mood: (slug) => page(`moods/${slug}`),
    graph: () => page('graph'),
    recent: () => at(RECENT_FILE),
    search: () => page('search'),
    feed: () => at('rss.xml'),
    sitemap: () => at('sitemap-index.xml'),
    attachment: (fileName) => at(`attachments/${fileName}`),
    asset: (path) => at(path.replace(/^\/+/, '')),
    stateIcon: (state) => at(`states.svg#state-${state}`),
    // Joined, not parsed: a feed's guids must not change spelling (`/日本語/` stays as written).
    absolute: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    // Decoded as the gardener wrote it; the bytes of a URL path are percent-encoded (a space, `é`).
    redirect: (from) => at(from.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')),
    redirectFile: (from) => from.replace(/^\/+/, '') + (from.endsWith('/') ? 'index.html' : ''),
    robots: () => at('robots.txt'),
    notFound: () => at('404'),
    pagefind: () => at('pagefind/'),
  };
}
