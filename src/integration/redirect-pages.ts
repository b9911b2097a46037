import fs from 'node:fs/promises';
import path from 'node:path';
import type { Redirect } from '../garden/types.ts';
import type { SiteUrls } from '../garden/urls.ts';
import { escapeHtml } from '../garden/normalize/text.ts';

/*
 * A redirect page, as Obsidian Publish and Astro's own static redirects write them: a page at the
 * old address that refreshes to the note at once, names the note's address as canonical so search
 * engines move their link there, asks not to be indexed itself, and shows a link for a browser
 * that does not follow the refresh. They are written beside the pages once Astro has written
 * those, so no sitemap or search index ever lists them; the dev server serves the same markup.
 */
export function redirectPage(redirect: Redirect, urls: SiteUrls, siteTitle: string): string {
  const to = escapeHtml(urls.note(redirect.to.slug));
  const title = escapeHtml(redirect.to.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} · ${escapeHtml(siteTitle)}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${to}">
<link rel="canonical" href="${escapeHtml(urls.absolute(urls.note(redirect.to.slug)))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<p>This page has moved to <a href="${to}">${title}</a>.</p>
</body>
</html>
`;
}

/**
 * Writes every redirect page into the built site. The core gave no address a page owns; a file
 * that is there all the same (a file of `public/`) is kept, and reported.
 */
export async function writeRedirectPages(redirects: Redirect[], urls: SiteUrls, siteTitle: string, outDir: string): Promise<{ written: number; kept: string[] }> {
  const root = path.resolve(outDir);
  const kept: string[] = [];
  let written = 0;
  for (const redirect of redirects) {
    const file = path.resolve(root, urls.redirectFile(redirect.from));
    if (!file.startsWith(root + path.sep)) throw new Error(`redirect ${redirect.from} would be written outside the site`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, redirectPage(redirect, urls, siteTitle), { flag: 'wx' });
      written++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      kept.push(`${redirect.origin}: ${redirect.from} is a file of the site already; no redirect written`);
    }
  }
  return { written, kept };
}
