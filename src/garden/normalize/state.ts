import type { GrowthState } from '../types.ts';
export { GROWTH_STATES } from '../types.ts';
import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { quoted } from './text.ts';

const SYNONYMS: Record<string, GrowthState> = {
  seed: 'seed', seedling: 'seed', sprout: 'seed',
  bud: 'bud', budding: 'bud', growing: 'bud',
  evergreen: 'evergreen', tree: 'evergreen', mature: 'evergreen', perennial: 'evergreen',
};

/** The growth state of a note; `problem` is set when the gardener wrote one we do not know. */
export function readState(data: Frontmatter): { state: GrowthState; problem?: string } {
  const value = publishedField(data, 'state');
  if (value === undefined || value === null || value === '') return { state: 'seed' };
  // Tolerates decorations such as "🌱 Seedling" or "#budding".
  const word = String(value).toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
  const known = SYNONYMS[word] ?? word.split(' ').map((w) => SYNONYMS[w]).find(Boolean);
  if (known) return { state: known };
  return { state: 'seed', problem: `unknown growth state ${quoted(value)}, shown as seed (use seed, bud or evergreen)` };
}
