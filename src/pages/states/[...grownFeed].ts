import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { site, urls, words } from '../../site/config.ts';
import { garden } from '../../site/garden.ts';
import { feedDescription, feedText, GROWN_LIMIT, GROWN_ROUTES } from '../../garden/public.ts';

/*
 * RSS 2.0 of the garden's growth: an item each time a note reached a new growth state, newest
 * first, capped as the page is. An item's link and guid are that step on the note's page, so a
 * note that grows again is a new item. Absent, like the page, without a git history (hence the
 * route's parameter).
 */
export async function getStaticPaths() {
  const { grown } = await garden();
  return grown.length > 0 ? [{ params: { grownFeed: GROWN_ROUTES.feed } }] : [];
}

export const GET: APIRoute = async () => {
  const { grown, bySlug } = await garden();
  const feedUrl = urls.absolute(urls.grownFeed());
  return rss({
    title: feedText(words.fill(words.history.feedTitle, { title: site.title })),
    description: feedText(words.history.description),
    site: urls.absolute(urls.grown()),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.locale}</language><atom:link href="${feedUrl}" rel="self" type="application/rss+xml"/>`,
    items: grown.slice(0, GROWN_LIMIT).map((event) => {
      const note = bySlug.get(event.slug)!;
      // Each step its own item: the link goes to that step on the note's page.
      const link = urls.absolute(urls.note(note.slug, `note.grown-${event.step}`));
      return {
        title: feedText(words.fill(words.history.became[event.state], { title: note.title })),
        description: feedDescription(note.description ?? note.excerpt),
        link,
        pubDate: new Date(event.date),
      };
    }),
  });
};
