import type { BasePage, GrowthState, TagNode, NoteSlug } from '../garden/types.ts';
import { tendedOn } from '../garden/assemble/order.ts';
import { escapeHtml } from '../garden/normalize/text.ts';

/*
 * What Pagefind reads of a note: its body, with the note's facets as attributes. The build and the
 * dev server both index this document from the garden model (integration/search-index.ts), not
 * the note's page, so search in `npm run dev` finds what the built site finds and the page carries
 * no markup for the index. No virtual module here: the integration imports it outside Vite.
 */

interface Searchable {
  slug: NoteSlug;
  title: string;
  state: GrowthState;
  mood?: { name: string };
  lang?: string;
  tags: string[];
  created?: string;
  updated?: string;
  searchTerms?: string;
}

export interface SearchFacets {
  /** `state:bud`, `mood:Calm`, `tag:plants/shade` (a nested tag also files the note under each ancestor). */
  filters: string[];
  /** `title:…`, `state:…`, `date:1 May 2025`: what a result shows. (No sort: the search page never
   * sorts by date, and the sort made a third of the page list Pagefind loads first.) */
  meta: string[];
}

export function searchFacets(note: Searchable, tags: ReadonlyMap<string, TagNode>, formatDay: (iso: string) => string): SearchFacets {
  const tended = tendedOn(note);
  const filed = new Set<string>();
  for (const key of note.tags) for (let tag = tags.get(key); tag; tag = tag.parent ? tags.get(tag.parent) : undefined) filed.add(tag.path);
  return {
    filters: [`state:${note.state}`, ...(note.mood ? [`mood:${note.mood.name}`] : []), ...[...filed].map((path) => `tag:${path}`)],
    meta: [`title:${note.title}`, `state:${note.state}`, ...(tended ? [`date:${formatDay(tended)}`] : []), ...(note.lang ? [`lang:${note.lang}`] : [])],
  };
}

/**
 * A note as Pagefind indexes it: its facets, the Chinese and Japanese words the core segmented,
 * and the note's HTML, in a document of its own.
 */
export function searchDocument(note: Searchable, html: string, tags: ReadonlyMap<string, TagNode>, formatDay: (iso: string) => string, language: string): string {
  const { filters, meta } = searchFacets(note, tags, formatDay);
  return document({ filters, meta }, language, (note.searchTerms ? `<p hidden>${escapeHtml(note.searchTerms)}</p>` : '') + html);
}

/** A base's page as Pagefind indexes it: its title and its views; it has no state, tag or mood to be filtered by. */
export const baseSearchDocument = (page: BasePage, language: string): string => document({ filters: [], meta: [`title:${page.title}`] }, language, page.html);

function document({ filters, meta }: SearchFacets, language: string, body: string): string {
  const attr = (name: string, value: string) => `<span hidden ${name}="${escapeHtml(value)}"></span>`;
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head>`,
    '<meta charset="utf-8"></head><body><div data-pagefind-body>',
    ...filters.map((f) => attr('data-pagefind-filter', f)),
    ...meta.map((m) => attr('data-pagefind-meta', m)),
    body,
    '</div></body></html>',
  ].join('');
}
