import { repairMojibake } from '../collect/mojibake.ts';

/** Control characters that are not white space (NUL, escape, DEL…): never text, in a page, a feed or a terminal. */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/**
 * A short label from frontmatter (title, mood, tag, description, alias): repaired, control
 * characters removed (YAML writes them as `"\0"`), trimmed, inner spaces collapsed.
 */
export function cleanLabel(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'object') return '';
  return repairMojibake(String(value)).replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** A value the gardener wrote, for a problem message: one line, no control characters, at most 80 characters. */
export function quoted(value: unknown): string {
  const text = String(value).slice(0, 1000).replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
  return `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

/**
 * Groups spellings case-insensitively and picks one stable spelling per group: the most used,
 * ties going to the spelling that comes first in sorted vault order.
 */
export class SpellingGroups {
  private readonly groups = new Map<string, Map<string, number>>();

  add(spelling: string, key: string = spelling.toLowerCase()): string {
    const counts = this.groups.get(key) ?? new Map<string, number>();
    counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
    this.groups.set(key, counts);
    return key;
  }

  spelling(key: string): string {
    const counts = this.groups.get(key);
    if (!counts) return key;
    let best = key;
    let bestCount = 0;
    for (const [spelling, count] of counts) {
      if (count > bestCount) {
        best = spelling;
        bestCount = count;
      }
    }
    return best;
  }
}

/** Text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
