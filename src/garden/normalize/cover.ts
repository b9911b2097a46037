import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';

/**
 * The image a note names as its own (`image`, `cover` or `banner`, as Obsidian's banner plugins and
 * Quartz read them): the file as written, from `[[cover.png]]`, `![[cover.png]]`, `![](cover.png)`
 * or the bare path. Whether the vault has it, and so whether it is published, is decided with the
 * note's other attachments (assemble/cover-images.ts).
 */
export function readCover(data: Frontmatter): string | undefined {
  const value = publishedField(data, 'image');
  const text = typeof (Array.isArray(value) ? value[0] : value) === 'string' ? String(Array.isArray(value) ? value[0] : value).trim() : '';
  if (!text) return undefined;
  const target = /^!?\[[^\]]*\]\(<?([^)>]+)>?\)$/.exec(text)?.[1] ?? /^!?\[\[([^\]|#]+)/.exec(text)?.[1] ?? text;
  try {
    return decodeURI(target.trim());
  } catch {
    return target.trim();
  }
}
