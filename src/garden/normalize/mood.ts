import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { boundSegment, slugifySegment } from './slug.ts';
import { cleanLabel, quoted } from './text.ts';

/**
 * A note's mood: one word or phrase (the first, if a list was written), with the slug of its page.
 * A mood of a script the slugifier drops (emoji) is keyed by its code points instead. `problem` is
 * set when the slug had to be shortened.
 */
export function readMood(data: Frontmatter): { mood?: { name: string; slug: string }; problem?: string } {
  const value = publishedField(data, 'mood');
  const name = cleanLabel(Array.isArray(value) ? value[0] : value);
  if (!name) return {};
  const full = slugifySegment(name) || [...name].map((c) => c.codePointAt(0)!.toString(16)).join('-');
  if (!full) return {};
  const slug = boundSegment(full);
  const problem = slug === full ? undefined : `mood ${quoted(name)} is too long for a web address; its page is /moods/${slug}/`;
  return { mood: { name, slug }, problem };
}
