import { stringList, type Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { cleanLabel } from './text.ts';

/** Other names a note answers to in links (`aliases`, or `alias`). */
export function readAliases(data: Frontmatter | undefined): string[] {
  return data ? stringList(publishedField(data, 'aliases')).map(cleanLabel).filter(Boolean) : [];
}
