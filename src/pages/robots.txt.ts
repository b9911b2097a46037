import type { APIRoute } from 'astro';
import { site, urls } from '../site/config.ts';

/*
 * robots.txt: with `noindex`, search engines are asked to stay out (every page also says noindex,
 * for those that reach it by a link); otherwise everything may be crawled, and the sitemap is
 * named. Crawlers read it only at a domain's root: under a base path it is the host's to serve.
 */
export const GET: APIRoute = () => {
  const lines = site.noindex
    ? ['User-agent: *', 'Disallow: /']
    : ['User-agent: *', 'Allow: /', '', `Sitemap: ${urls.absolute(urls.sitemap())}`];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
