import type { NoteSlug } from '../types.ts';
/** The garden's one order for lists: newest tended first (tended is `updated`, else `created`). */
export interface Dated {
  slug: NoteSlug;
  title: string;
  created?: string;
  updated?: string;
}

export const tendedOn = (note: Dated): string | undefined => note.updated ?? note.created;

export function newestTendedFirst(a: Dated, b: Dated): number {
  const time = (note: Dated) => Date.parse(tendedOn(note) ?? '') || 0;
  return time(b) - time(a) || a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug);
}
