/*
 * HTML normalization for the CommonMark and GFM spec examples (tests/unit/spec-suites.test.ts): a
 * port of the essentials of cmark's `test/normalize.py` (also cmark-gfm's), which the reference
 * implementations' spec runners use to compare a renderer's HTML with the spec's. It reads the HTML
 * as a stream of tokens, never as a tree, so nothing is moved, closed, dropped or repaired:
 *
 * - whitespace runs in text are collapsed to one space, except inside <pre>;
 * - whitespace next to block-level tags is removed, and a newline right after <br> (the spec's
 *   `<br />\n`), and at either end of the fragment;
 * - tag and attribute names are lower-cased, attributes sorted by name, `<br />` is `<br>`;
 * - character references are decoded, and text and attribute values re-encoded one way: `&`, `<`,
 *   `>` and `"` as `&amp;`, `&lt;`, `&gt;`, `&quot;`, every other character as itself;
 * - an attribute written without a value and one with an empty value are the same (`disabled`,
 *   `disabled=""`: HTML reads both as the empty string).
 *
 * Unlike normalize.py it does not tell a `>` written as is in text from `&gt;`: both are the same
 * text (the GFM tagfilter example writes `&lt;title>`). Text, attribute values (URLs included),
 * comments, and which tags open and close where are kept exactly.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/** normalize.py's block-level tags. */
const BLOCK = new Set(
  'article header aside hgroup blockquote hr iframe body li map button object canvas ol caption output col p colgroup pre dd progress div section dl table td dt tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul h1 h2 h3 h4 h5 h6 video script style'.split(
    ' ',
  ),
);

/** CommonMark's grammar for raw HTML (spec section "Raw HTML"), read by the same rules on both sides. */
const ATTRIBUTE = /\s+([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:([^\s"'=<>`]+)|'([^']*)'|"([^"]*)"))?/g;
const TOKEN = new RegExp(
  [
    /<!---?>|<!--[\s\S]*?-->/.source, // comment (`<!-->` and `<!--->` too, as HTML reads them)
    /<\?[\s\S]*?\?>/.source, // processing instruction
    /<!\[CDATA\[[\s\S]*?\]\]>/.source,
    /<![A-Za-z][^>]*>/.source, // declaration
    /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/.source, // open tag
    /<\/[A-Za-z][A-Za-z0-9-]*\s*>/.source, // closing tag
    /[^<]+|</.source, // text (a `<` that starts no tag is text)
  ].join('|'),
  'g',
);

/** Decodes character references the way HTML does for well-formed ones (`&name;`, `&#n;`, `&#xh;`). */
export function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const decoded = decodeNamedCharacterReference(name);
      return decoded === false ? whole : decoded;
    }
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}

const encode = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The normalized form of an HTML fragment: equal for two fragments that differ only as listed above. */
export function normalizeHtml(html: string): string {
  let output = '';
  let last: 'starttag' | 'endtag' | 'data' | 'other' = 'starttag';
  let lastTag = '';
  let inPre = false;

  const data = (raw: string) => {
    let text = encode(decodeReferences(raw));
    const afterTag = last === 'starttag' || last === 'endtag';
    if (afterTag && lastTag === 'br') text = text.replace(/^\n+/, '');
    if (!inPre) text = text.replace(/\s+/g, ' ');
    if (afterTag && BLOCK.has(lastTag) && !inPre) text = last === 'starttag' ? text.trimStart() : text.trim();
    output += text;
    last = 'data';
  };

  for (const [token] of html.matchAll(TOKEN)) {
    if (token.startsWith('<!') || token.startsWith('<?')) {
      output += token;
      last = 'other';
    } else if (token.startsWith('</') && token.length > 2) {
      const tag = token.slice(2).replace(/[\s>]+$/, '').toLowerCase();
      if (tag === 'pre') inPre = false;
      else if (BLOCK.has(tag)) output = output.trimEnd();
      output += `</${tag}>`;
      lastTag = tag;
      last = 'endtag';
    } else if (/^<[A-Za-z]/.test(token)) {
      const tag = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(token)![1]!.toLowerCase();
      const attributes = [...token.slice(tag.length + 1).matchAll(ATTRIBUTE)]
        .map(([, name, unquoted, single, double]) => {
          const value = decodeReferences(unquoted ?? single ?? double ?? '');
          return value === '' ? ` ${name!.toLowerCase()}` : ` ${name!.toLowerCase()}="${encode(value)}"`;
        })
        .sort();
      if (tag === 'pre') inPre = true;
      if (BLOCK.has(tag)) output = output.trimEnd();
      output += `<${tag}${attributes.join('')}>`;
      lastTag = tag;
      // As normalize.py: a self-closing tag ends where it starts.
      last = token.endsWith('/>') ? 'endtag' : 'starttag';
    } else {
      data(token);
    }
  }
  // Whitespace before the first tag and after the last one: cmark ends its HTML with a newline.
  return output.trim();
}
