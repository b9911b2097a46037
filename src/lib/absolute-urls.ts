/**
 * Makes every URL in a note's HTML absolute, for feed readers that show it away from the site.
 * The HTML is our own sanitized output (rehype-stringify, double-quoted attributes), so attribute
 * values are found reliably by their quotes.
 */
export function absoluteUrls(html: string, pageUrl: string): string {
  return html.replace(/\b(href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return whole;
    return `${name}="${new URL(value.replace(/&#x26;|&amp;/g, '&'), pageUrl).href.replace(/&/g, '&#x26;')}"`;
  });
}
