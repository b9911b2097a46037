import fs from 'node:fs/promises';
import path from 'node:path';
import { shared } from './vault.ts';

/*
 * The vault of tests/build/xss-corpus.test.ts: a public XSS corpus in every place a note holds
 * text, each payload between two markers. See that test, and tests/fixtures/xss-corpus/README.md
 * for the corpus and its licence.
 */

export interface CorpusFile {
  payloads: { title?: string; payload: string }[];
}
export const corpus = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../fixtures/xss-corpus/dompurify-payloads.json'), 'utf8')) as CorpusFile;

/* The project's own cases, from its security issue. */
export const PROJECT = [
  "Use `<img src=\"` then [y](https://a.example \"<svg onload=alert('T3')>\") end.",
  "Talking about links: href=\" [y](https://a.example \"<img src=x onerror=alert('T2')>\") end.",
  "Talking about HTML: src=\" <span title=\"<img src=x onerror=alert('T1')>\">y</span> end.",
  'The text src="//[" once failed the whole build.',
  "`<svg onload=alert('xss-5')></svg>`",
  "\\<img src=x onerror=alert('xss-6')>",
  "&lt;svg onload=alert('xss-7')&gt;",
];

export const PAYLOADS = [...corpus.payloads.map((p) => p.payload), ...PROJECT];
export const N = PAYLOADS.length;

/*
 * Placements. Whole-body ones hold every payload in one note; the single-field ones (title,
 * description, mood, tags, and a link's URL, an image's URL, a link's title, a wikilink's text) hold
 * a few payloads per note, so that every note, and so every payload, is in the feed (50 items).
 */
export const FIELD_NOTES = 46;
const PER_NOTE = Math.ceil(N / FIELD_NOTES);
export const groupOf = (k: number) => PAYLOADS.map((_, i) => i).slice(k * PER_NOTE, (k + 1) * PER_NOTE);

export const pre = (code: string, i: number) => `zq-${code}-${i}-pre`;
export const post = (code: string, i: number) => `zq-${code}-${i}-post`;
const around = (code: string, i: number, text: string) => `${pre(code, i)} ${text} ${post(code, i)}`;
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
/** A YAML double-quoted scalar: JSON's escapes are YAML's too, so any payload stays valid YAML. */
const yaml = (text: string) => JSON.stringify(text);

export const BODY_NOTES: Record<string, { code: string; body: () => string }> = {
  'corpus-body': { code: 'b', body: () => PAYLOADS.map((p, i) => `${pre('b', i)}\n\n${p}\n\n${post('b', i)}`).join('\n\n') },
  'corpus-inline': { code: 'i', body: () => PAYLOADS.map((p, i) => `Inline ${around('i', i, oneLine(p))} text.`).join('\n\n') },
  'corpus-table': {
    code: 'c',
    body: () => `| before | cell | after |\n| --- | --- | --- |\n${PAYLOADS.map((p, i) => `| ${pre('c', i)} | ${oneLine(p).replace(/\|/g, '\\|')} | ${post('c', i)} |`).join('\n')}\n\nAfter the table.`,
  },
  'corpus-callout': {
    code: 'k',
    // The closing marker is a paragraph of its own: a payload line that opens an HTML block runs to the next blank line.
    body: () => PAYLOADS.map((p, i) => `> [!warning] Callout ${pre('k', i)}\n> ${p.split(/\r?\n/).join('\n> ')}\n>\n> ${post('k', i)}`).join('\n\n'),
  },
};

/** Single-field placements: marker code → what the note page must still show. */
export const FIELD_CODES = { t: 'title', d: 'description', o: 'mood', g: 'tag', l: 'link URL', m: 'image URL', u: 'link title', w: 'wikilink text' };

/*
 * A mood, and each segment of a tag, becomes one segment of a page's URL, and the site does not
 * shorten those: past the file system's 255 bytes the whole build fails (ENAMETOOLONG, a separate
 * bug). So moods hold the first MOOD_CUT characters of each of their note's payloads, and tags the
 * first TAG_CUT; titles, descriptions and bodies hold every payload whole. In a tag, `/` nests: a
 * page per level, hundreds for this corpus, so tags hold their payloads with `/` written as `∕`
 * (U+2215); the characters that could make markup (`<`, `>`, quotes, `&`, `=`) are all kept.
 */
const MOOD_CUT = 24;
const TAG_CUT = 90;

export function fieldNote(k: number): string {
  const group = groupOf(k);
  const frontmatter = [
    `title: ${yaml(group.map((i) => around('t', i, PAYLOADS[i]!)).join(' · '))}`,
    `description: ${yaml(group.map((i) => around('d', i, PAYLOADS[i]!)).join(' · '))}`,
    `mood: ${yaml(group.map((i) => around('o', i, PAYLOADS[i]!.slice(0, MOOD_CUT))).join(' · '))}`,
    // Two payloads to a tag (every tag is a page to check).
    `tags: [${Array.from({ length: Math.ceil(group.length / 2) }, (_, j) => group.slice(2 * j, 2 * j + 2))
      .map((pair) => yaml(pair.map((i) => around('g', i, PAYLOADS[i]!.slice(0, TAG_CUT).replaceAll('/', '\u2215'))).join(' ')))
      .join(', ')}]`,
    `created: 2030-01-01`,
    `updated: ${new Date(Date.UTC(2030, 0, 2 + k)).toISOString().slice(0, 10)}`,
  ].join('\n');
  const body = group
    .flatMap((i) => {
      const p = oneLine(PAYLOADS[i]!);
      return [
        `${pre('l', i)} [link](${p}) ${post('l', i)}`,
        `${pre('m', i)} ![image](${p}) ${post('m', i)}`,
        `${pre('u', i)} [titled](https://a.example "${p}") ${post('u', i)}`,
        `${pre('w', i)} [[field-${(k + 1) % FIELD_NOTES}|${p}]] ${post('w', i)}`,
      ];
    })
    .join('\n\n');
  // The next note embedded, so that its title (payloads) is written by the embed code too.
  return shared(`${body}\n\n![[field-${(k + 1) % FIELD_NOTES}]]\n`, `${frontmatter}\n`);
}

/** The whole vault: file name → text. */
export function corpusVault(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { body }] of Object.entries(BODY_NOTES)) files[`${name}.md`] = shared(`${body()}\n\nThe end of ${name}.`, `created: 2030-03-01\nupdated: 2030-03-02\n`);
  for (let k = 0; k < FIELD_NOTES; k++) files[`field-${k}.md`] = fieldNote(k);
  return files;
}
