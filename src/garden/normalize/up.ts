import type { Frontmatter } from '../collect/frontmatter.ts';
import { stringList } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';

/**
 * The link target named by `up` (the parent note, for breadcrumbs). `up: [[Parent]]` unquoted is
 * YAML for a list in a list; it means the same as `up: "[[Parent]]"`.
 */
export function upTarget(data: Frontmatter): string | undefined {
  const value = publishedField(data, 'up');
  const first = stringList(Array.isArray(value) ? value.flat(2) : value)[0];
  return first?.replace(/^\[\[|\]\]$/g, '').split(/[|#]/)[0]!.trim() || undefined;
}
