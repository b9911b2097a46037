/*
 * The address of a stack of notes: the first note's page, with the notes opened beside it in
 * `?stack=`, as their slugs (`/garden/oak/?stack=ferns,plants/moss`). Pure, so it is unit-tested;
 * stacked-notes.ts does the browsing. A slug from the address is only ever made into a path under
 * the base path: anything that could leave it (`..`, `//host`, a scheme, `?` or `#`) is dropped.
 */

import { pathOfSlug } from './note-links.ts';

export const STACK_PARAM = 'stack';

/** A slug as the garden makes them: `/`-separated segments of letters, digits, `-` and `_`. */
const SLUG = /^[\p{L}\p{N}\p{M}_-]+(\/[\p{L}\p{N}\p{M}_-]+)*$/u;

export const isSlug = (value: string): boolean => SLUG.test(value) && !value.split('/').some((s) => /^\.+$/.test(s));

/** The slugs a `?stack=` value names, in order, each once; what is not a slug is left out. */
export function parseStack(value: string | null | undefined): string[] {
  if (!value) return [];
  const slugs = value.split(',').map((s) => s.trim()).filter(isSlug);
  return [...new Set(slugs)];
}

/** The query string for a stack: `search` with `stack` set to the slugs, or without it when there are none. */
export function stackSearch(search: string, slugs: readonly string[]): string {
  const params = new URLSearchParams(search);
  params.delete(STACK_PARAM);
  const rest = params.toString();
  // Written by hand, not by URLSearchParams: its commas and slashes would be percent-encoded.
  const stack = slugs.length ? `${STACK_PARAM}=${slugs.map(encodeURIComponent).join(',').replaceAll('%2F', '/')}` : '';
  const query = [rest, stack].filter(Boolean).join('&');
  return query ? `?${query}` : '';
}


/** The slug of a page's path under the base path, if it can be a note's page. */
export function slugOfPath(pathname: string, base: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith(base) || !decoded.endsWith('/')) return undefined;
  const slug = decoded.slice(base.length, -1);
  return isSlug(slug) ? slug : undefined;
}

/** The address of a stack: its first note's path with the others in `?stack=`. */
export function stackAddress(slugs: readonly string[], base: string, search = ''): string {
  const [first, ...rest] = slugs;
  return `${pathOfSlug(first ?? '', base)}${stackSearch(search, rest)}`;
}
