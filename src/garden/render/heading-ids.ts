import { slug } from 'github-slugger';
import type { Root, Element } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { noteOf } from './markdown/vault-lookups.ts';
import { withoutClosingSequence } from '../normalize/title.ts';

/*
 * Heading ids, made by one stateless function for both sides: the ids a page gives its headings and
 * every link to them (`[[Note#Heading]]`). Obsidian matches a link to a heading by their words with
 * the characters a link cannot hold or that are punctuation (its `stripHeading`: `# | ^ : & [ ]`…)
 * read as spaces, spaces collapsed, case ignored; so `[[Note#Setup Vault Consistency]]` lands on
 * `## Setup & Vault Consistency`. The id is the slug of exactly those words, taken from the heading
 * as written in the note (`## _draft_ ideas` keeps its underscores, as Obsidian's match does). A
 * heading whose words repeat on a page gets `-1`, `-2`… after the first, and a link goes to the
 * first, as in Obsidian.
 */

/** The characters Obsidian reads as spaces when it matches a link to a heading. */
const IGNORED = /[!"#$%&()*+,.:;<=>?@^`{|}~/[\]\\\r\n]/g;

/** A heading's words as Obsidian compares them (before case is ignored). */
export const headingKey = (text: string): string => text.replace(IGNORED, ' ').replace(/\s+/g, ' ').trim();

/** The id of the first heading with these words on any page. */
export const headingId = (text: string): string => slug(headingKey(text));

const HEADING = /^h([1-6])$/;

declare module 'vfile' {
  interface DataMap {
    /** Every heading id the note's page has, nested headings included. */
    headingIds: string[];
    /** The id of the heading that is the note's title, taken out of the body and given to the page's title. */
    titleId: string;
  }
}

/** A Markdown heading's words as written in the note (`## Setup & Vault`, a setext heading's lines); undefined for HTML. */
function writtenWords(heading: Element, source: string): string | undefined {
  const { start, end } = heading.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const written = source.slice(start.offset, end.offset);
  if (written.startsWith('#')) return withoutClosingSequence(written.replace(/^#{1,6}/, ''));
  if (written.startsWith('<')) return undefined;
  // Setext: the lines above the underline, without the marks of a quote or callout they stand in.
  // Its position may start at link reference definitions above it; its words start at its first child.
  const first = heading.children[0]?.position?.start.offset;
  const words = first !== undefined && first > start.offset ? source.slice(first, end.offset) : written;
  return words.split('\n').slice(0, -1).map((line) => line.replace(/^[ \t]*(?:>[ \t]?)*/, '')).join(' ');
}

/** Gives each heading of a note its id, unique within the page, and finds the one that is the title. */
export default function rehypeHeadingIds() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const headings: Element[] = [];
    const walk = (parent: Root | Element) => {
      for (const child of parent.children) {
        if (child.type !== 'element') continue;
        if (HEADING.test(child.tagName)) {
          if (!child.properties.id) headings.push(child);
        } else {
          walk(child);
        }
      }
    };
    walk(tree);
    // Each text's first heading takes its plain id, even when an earlier repeat's numbered id
    // would be the same (`Notes`, `Notes`, `Notes 1`): links name headings by text.
    const bases = headings.map((heading) => headingId(writtenWords(heading, source) ?? toString(heading)) || 'section');
    const taken = new Set<string>();
    const firsts = new Set(bases.filter((base, i) => bases.indexOf(base) === i));
    const { titleLine } = noteOf(file);
    headings.forEach((heading, i) => {
      const base = bases[i]!;
      let id = base;
      if (taken.has(id)) for (let n = 1; taken.has(id) || firsts.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      heading.properties.id = id;
      if (heading.tagName === 'h1' && tree.children.includes(heading) && heading.position?.start.line === titleLine) file.data.titleId = id;
    });
    file.data.headingIds = [...taken];
  };
}
