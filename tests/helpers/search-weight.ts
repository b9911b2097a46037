import type { Browser, Request } from 'playwright-core';

export interface SearchWeight {
  query: string;
  /** Bytes on the wire (compressed as served, headers included) for this query, after what came before. */
  bytes: number;
  requests: number;
  results: number;
  /** Each file transferred, with its bytes. */
  files: string[];
}

/**
 * What a visitor's searches cost in bytes: opens `<site>search/`, waits until the page has loaded and
 * gone quiet, then types each query in turn into the search box and counts every byte transferred
 * (as Chromium saw it on the wire: compressed when the server compresses) until the results are
 * shown and the network is quiet again. `input` and `summary` name the box and the line that says
 * how many results were found (`… for “query”` once answered).
 */
export async function searchWeight(browser: Browser, site: string, queries: string[], { input = '#search-q', summary = '#search-summary' } = {}): Promise<{ page: number; queries: SearchWeight[] }> {
  const page = await browser.newPage();
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  const count = (r: Request) =>
    void sizes.push(r.sizes().then((s) => ({ url: r.url(), bytes: s.responseBodySize + s.responseHeadersSize })).catch(() => ({ url: r.url(), bytes: 0 })));
  // In flight and last activity, to wait until the network is quiet after each query.
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => void (inFlight++, (last = Date.now())));
  const done = (r: Request) => void (inFlight--, (last = Date.now()), count(r));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const quiet = async () => {
    while (inFlight > 0 || Date.now() - last < 500) await page.waitForTimeout(100);
  };
  const take = async () => {
    const list = await Promise.all(sizes.splice(0));
    return { bytes: list.reduce((sum, r) => sum + r.bytes, 0), requests: list.length, files: list.map((r) => `${new URL(r.url).pathname} ${r.bytes}`) };
  };
  await page.goto(`${site}search/`, { waitUntil: 'networkidle' });
  await quiet();
  // Pagefind may start loading as the page opens (the box is focused): that is search, not page.
  const loaded = await Promise.all(sizes.splice(0));
  const early = loaded.filter((r) => new URL(r.url).pathname.includes('/pagefind/'));
  const pageBytes = loaded.filter((r) => !early.includes(r)).reduce((sum, r) => sum + r.bytes, 0);
  sizes.push(...early.map((r) => Promise.resolve(r)));
  const out: SearchWeight[] = [];
  for (const query of queries) {
    await page.locator(input).fill(query);
    await page.waitForFunction(
      ([selector, q]) => {
        const text = document.querySelector(selector!)?.textContent ?? '';
        return text.includes(q!) && /result/i.test(text) && !/searching/i.test(text);
      },
      [summary, query] as const,
      { timeout: 60_000 },
    );
    await quiet();
    const results = await page.locator('.pf-result-link').count();
    out.push({ query, results, ...(await take()) });
  }
  await page.close();
  return { page: pageBytes, queries: out };
}
