import { describe, expect, it } from 'vitest';
import { nestHeadings, type ContentsEntry } from '../../src/site/contents.ts';
import type { Heading } from '../../src/garden/types.ts';

const h = (depth: number, text: string): Heading => ({ depth, slug: text.toLowerCase().replace(/\s+/g, '-'), text });

/** The outline as text: each entry's title, its sub-entries in brackets. */
const outline = (entries: ContentsEntry[]): string => entries.map((e) => (e.children.length ? `${e.text} [${outline(e.children)}]` : e.text)).join(', ');

describe('a note\'s contents list', () => {
  it('puts each h3 inside its h2, so the top level counts the sections', () => {
    // A flat list of these six numbered its h2s 1, 3 and 6.
    const nested = nestHeadings([h(2, 'Soil'), h(3, 'Clay'), h(2, 'Water'), h(3, 'Rain'), h(3, 'Wells'), h(2, 'Light')]);
    expect(nested.map((e) => e.text)).toEqual(['Soil', 'Water', 'Light']);
    expect(outline(nested)).toBe('Soil [Clay], Water [Rain, Wells], Light');
    expect(nested[1]!.children.map((e) => [e.depth, e.slug])).toEqual([[3, 'rain'], [3, 'wells']]);
  });

  it('keeps an h3 that comes before any h2 at the top level, and the order of the headings', () => {
    const nested = nestHeadings([h(3, 'Preface'), h(3, 'Thanks'), h(2, 'One'), h(3, 'One a'), h(2, 'Two')]);
    expect(outline(nested)).toBe('Preface, Thanks, One [One a], Two');
  });

  it('nests deeper levels too, and skipped levels under the nearest shallower heading', () => {
    expect(outline(nestHeadings([h(2, 'A'), h(4, 'A deep'), h(3, 'A b'), h(4, 'A b c'), h(2, 'B')]))).toBe('A [A deep, A b [A b c]], B');
    expect(nestHeadings([])).toEqual([]);
  });
});
