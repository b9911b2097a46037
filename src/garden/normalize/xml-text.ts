/*
 * Text for the XML files the build writes (the feed; the sitemap holds only URLs made of slugs).
 * XML 1.0 allows tab, newline and carriage return among the C0 controls, and no U+FFFE, U+FFFF or
 * unpaired surrogate (https://www.w3.org/TR/xml/#charsets): one of them anywhere in a document,
 * even as a character reference, makes a strict parser reject the whole feed. Escaping cannot
 * help, so they are left out.
 */

/** Characters XML 1.0 forbids, as UTF-16 code units: a surrogate counts only when it is unpaired. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 forbids; everything else is kept as it is. */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/*
 * For reporting, separately: how many characters of `text` XML 1.0 forbids, so the garden can tell
 * the gardener which notes held some (they are left out of the feed, not of the page).
 */
export function forbiddenXmlCharacters(text: string): number {
  return text.match(FORBIDDEN)?.length ?? 0;
}
