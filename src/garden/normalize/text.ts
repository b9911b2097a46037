import { repairMojibake } from '../collect/mojibake.ts';

/** A short label from frontmatter (title, mood, tag): repaired, trimmed, inner spaces collapsed. */
export function cleanLabel(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'object') return '';
  return repairMojibake(String(value)).replace(/\s+/g, ' ').trim();
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
