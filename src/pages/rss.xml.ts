import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { ownLanguage, site, urls } from '../site/config.ts';
import { garden } from '../site/garden.ts';
import { tended } from '../site/dates.ts';
import { feedItem, feedText } from '../garden/public.ts';

/*
 * RSS 2.0: shared notes only (the collection holds nothing else), newest tended first, capped by
 * `feedLimit`. A note's date in readers is when it was last tended, so re-tended notes resurface;
 * its guid is its permalink, which never changes when it is tended. What a reader may take as
 * HTML, and what XML forbids, is handled by the core's feedItem/feedText.
 */
export const GET: APIRoute = async () => {
  const notes = (await garden()).notes.slice(0, site.feedLimit);
  const feedUrl = urls.absolute(urls.feed());
  return rss({
    title: feedText(site.title),
    description: feedText(site.description),
    site: site.siteUrl,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: `<language>${site.locale}</language><atom:link href="${feedUrl}" rel="self" type="application/rss+xml"/>`,
    trailingSlash: true,
    items: notes.map((note) => {
      const link = urls.absolute(urls.note(note.slug));
      const date = tended(note);
      return {
        ...feedItem({ title: note.title, text: note.description ?? note.excerpt, html: note.html, pageUrl: link }),
        link,
        ...(date ? { pubDate: new Date(date) } : {}),
        categories: note.tags.map(feedText),
        // RSS 2.0 gives an item no language of its own: Dublin Core's, for a note in another than the channel's.
        ...(ownLanguage(note.lang) ? { customData: `<dc:language>${note.lang}</dc:language>` } : {}),
      };
    }),
  });
};
