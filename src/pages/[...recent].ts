import type { APIRoute } from 'astro';
import { site } from '../site/config.ts';
import { garden } from '../site/garden.ts';
import { tended } from '../site/dates.ts';
import { RECENT_FILE } from '../garden/public.ts';
import type { RecentNote } from '../scripts/since-rule.ts';

/*
 * recent.json: each shared note's slug, title and dates, which "since your last visit" compares
 * with what the visitor's browser saw last time. Only what the note pages and the feed already
 * publish (the garden holds shared notes only). Absent when `sinceLastVisit` is off, hence the
 * route's parameter.
 */
export function getStaticPaths() {
  return site.sinceLastVisit ? [{ params: { recent: RECENT_FILE } }] : [];
}

export const GET: APIRoute = async () => {
  const notes: RecentNote[] = (await garden()).notes.map((note) => ({ slug: note.slug, title: note.title, planted: note.created, tended: tended(note) }));
  return new Response(JSON.stringify({ notes }), { headers: { 'content-type': 'application/json' } });
};
