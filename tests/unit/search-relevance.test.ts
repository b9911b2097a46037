import { describe, expect, it } from 'vitest';
import { genuine, queryWords, sameWord } from '../../src/scripts/search-relevance.ts';

/* The check the search page runs on Pagefind's top result (src/scripts/search-relevance.ts). */
const content = 'Ferns thrive in the shade, and we can run: gardening cloud-platform café.';
const at = (word: string) => content.split(/\s+/).findIndex((t) => t.toLowerCase().includes(word));

describe('search relevance', () => {
  it('takes a word Pagefind backtracked to a shorter one for no match', () => {
    expect(sameWord('westrum', 'we')).toBe(false);
    expect(sameWord('canary', 'can')).toBe(false);
    expect(genuine('westrum', { content, locations: [at('we')] })).toBe(false);
    expect(genuine('canary', { content, locations: [at('can')] })).toBe(false);
    expect(genuine('thrive westrum', { content, locations: [at('thrive'), at('we')] })).toBe(false);
  });

  it('keeps plurals, stems and a word being typed', () => {
    expect(sameWord('gardens', 'gardening')).toBe(true);
    expect(sameWord('running', 'run')).toBe(true);
    expect(sameWord('gard', 'gardening')).toBe(true);
    expect(genuine('gardens', { content, locations: [at('gardening')] })).toBe(true);
    expect(genuine('runs thriving', { content, locations: [at('run'), at('thrive')] })).toBe(true);
  });

  it('reads words in punctuation, hyphens and accents as Pagefind does, and a match in the title', () => {
    expect(genuine('platform', { content, locations: [at('cloud')] })).toBe(true);
    expect(genuine('cloudplatform', { content, locations: [at('cloud')] })).toBe(true);
    expect(genuine('cafe', { content, locations: [at('caf')] })).toBe(true);
    expect(genuine('ferns', { content: 'nothing here', locations: [], title: 'Ferns' })).toBe(true);
  });

  it('leaves words it cannot judge to Pagefind', () => {
    expect(queryWords('苔')).toEqual([]);
    expect(genuine('苔', { content: '庭の苔', locations: [] })).toBe(true);
  });
});
