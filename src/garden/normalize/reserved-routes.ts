import { SITE_ROUTES } from '../urls.ts';

/**
 * First URL segments a note's slug may not take, because the site's own pages and files are
 * there. They are the routes the URL module makes; `tests/unit/routes.test.ts` checks that every
 * page in `src/pages/` and every file in `public/` is among them.
 */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(SITE_ROUTES);
