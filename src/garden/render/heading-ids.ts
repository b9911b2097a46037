import { slug } from 'github-slugger';
import type { Root, Element } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';

/*
 * Heading ids, made by one stateless function for both sides: the ids a page gives its headings and
 * every link to them (`[[Note#Heading]]`). A heading whose text repeats on a page gets `-1`, `-2`…
 * after the first, and a link goes to the first, as Obsidian does.
 */

/** The id of the first heading with this text on any page. */
export const headingId = (text: string): string => slug(text.trim());

const HEADING = /^h[1-6]$/;

declare module 'vfile' {
  interface DataMap {
    /** Every heading id the note's page has, nested headings included. */
    headingIds: string[];
  }
}

/** Gives each heading of a note its id, unique within the page. */
export default function rehypeHeadingIds() {
  return (tree: Root, file: VFile) => {
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
    const bases = headings.map((heading) => headingId(toString(heading)) || 'section');
    const taken = new Set<string>();
    const firsts = new Set(bases.filter((base, i) => bases.indexOf(base) === i));
    headings.forEach((heading, i) => {
      const base = bases[i]!;
      let id = base;
      if (taken.has(id)) for (let n = 1; taken.has(id) || firsts.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      heading.properties.id = id;
    });
    file.data.headingIds = [...taken];
  };
}
