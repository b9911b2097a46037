import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Heading } from 'mdast';
import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { cleanLabel } from './text.ts';
import { stem } from '../link/resolve.ts';

/*
 * The title rule: the `title` field, else the note's first `# heading`, else its file name. A first
 * `# heading` that is the title is shown once, as the page's title, not again in the body.
 */

/** The text of a Markdown heading, as the page shows it. */
export const headingText = (heading: Heading): string => toString(heading).trim();

/** The first `# heading` outside code, as plain text: a line scan, since a whole parse costs a render. */
function firstHeading(body: string): string | undefined {
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) fence = fence ? (marker[0] === fence[0] ? undefined : fence) : marker;
    if (fence) continue;
    const heading = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      const parsed = fromMarkdown(`# ${heading[1]!}`).children[0];
      return parsed?.type === 'heading' ? headingText(parsed) || undefined : undefined;
    }
  }
  return undefined;
}

export function noteTitle(data: Frontmatter, body: string, path: string): string {
  return cleanLabel(publishedField(data, 'title')) || cleanLabel(firstHeading(body)) || cleanLabel(stem(path)) || 'Untitled';
}

/** Whether a heading repeats the note's title (the renderer then leaves it out). */
export const repeatsTitle = (heading: Heading, title: string): boolean => heading.depth === 1 && headingText(heading) === title;
