import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { slugifySegment } from './slug.ts';
import { cleanLabel } from './text.ts';

/**
 * A note's mood: one word or phrase (the first, if a list was written), with the slug of its page.
 * A mood of a script the slugifier drops (emoji) is keyed by its code points instead.
 */
export function readMood(data: Frontmatter): { name: string; slug: string } | undefined {
  const value = publishedField(data, 'mood');
  const name = cleanLabel(Array.isArray(value) ? value[0] : value);
  if (!name) return undefined;
  const slug = slugifySegment(name) || [...name].map((c) => c.codePointAt(0)!.toString(16)).join('-');
  return slug ? { name, slug } : undefined;
}
