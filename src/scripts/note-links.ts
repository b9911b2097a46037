/*
 * Which links on a note's page lead to another note, shared by the scripts that enhance them (link
 * previews, stacked notes). A note's links are written by urls.ts as paths with the base path in
 * them (`/garden/oak/`), so a link to a note is a same-site path; anything else is left alone.
 */

/** Links to other notes: in a note's text, its backlinks and related notes, and its local graph. */
export const NOTE_LINKS = '.note-body a.internal, .note-footer a[data-note], .graph a';

/** The path of the page a note link leads to, unless it is `here` (the page it is on) or not a path on this site. */
export function notePath(link: Element, here = location.pathname): string | undefined {
  const href = link.getAttribute('href') ?? '';
  if (!href.startsWith('/') || href.startsWith('//')) return undefined;
  const url = new URL(href, location.href);
  return url.pathname === here ? undefined : url.pathname;
}

/**
 * A note page's path under the base path (`/garden/` + `oak` → `/garden/oak/`), for the scripts
 * that make one from a slug; urls.ts's note() makes it for the pages, and a unit test holds the
 * two equal.
 */
export const pathOfSlug = (slug: string, base: string): string => `${base}${slug}/`;
