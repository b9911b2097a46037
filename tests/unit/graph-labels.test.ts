import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnLabel, gardenGraph, LABEL_FONT_SIZE, localGraph, textWidth, type Graph, type GraphNote, type GraphSize } from '../../src/garden/assemble/graph.ts';
import { slug } from '../helpers/slug.ts';

/*
 * Printed titles in link graphs never overlap: each shown title's box is worked out as the SVG
 * draws it (LinkGraph.astro: the text at its x and y, its text-anchor, the font size garden.css
 * sets, its length) and compared with every other.
 */

const TITLES = [
  'Moss',
  'Ferns and their spores',
  'A very long title about composting kitchen scraps in small urban gardens',
  'WWW MMM: Wide Capitals Everywhere',
  '庭の手入れと季節の記録',
  'Seeds 🌱 and sprouts 🌿',
  'Évolution des jardins',
];

/** A garden of `count` notes, linked in a web where a few hubs gather many links. */
function garden(count: number): GraphNote[] {
  const list: GraphNote[] = Array.from({ length: count }, (_, i) => ({ slug: slug(`n${i}`), title: `${TITLES[i % TITLES.length]} ${i}`, state: 'seed', outgoing: [], backlinks: [] }));
  for (let i = 0; i < count; i++) {
    const targets = new Set([(i + 1) % count, (i * 7) % count, (i * 13) % count, i % 10, i % 37]);
    targets.delete(i);
    list[i]!.outgoing = [...targets].map((j) => slug(`n${j}`));
  }
  const bySlug = new Map(list.map((n) => [n.slug, n]));
  for (const note of list) for (const target of note.outgoing) bySlug.get(target)!.backlinks.push({ slug: note.slug, title: note.title });
  return list;
}

/** The font size of graph titles in garden.css. */
function cssFontSize(selector: string): number {
  const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/styles/garden.css'), 'utf8');
  const rule = css.split('\n').find((line) => line.startsWith(`${selector} {`));
  return Number(/font-size:\s*(\d+(?:\.\d+)?)px/.exec(rule ?? '')?.[1]);
}

interface Shown { slug: string; text: string; left: number; right: number; top: number; bottom: number }

/**
 * Every printed title's box: from its anchor point, as wide as its text at the font size, from
 * the font's ascent above the baseline to its descent below (DejaVu Sans's em box), with the
 * 1.5-unit halo (stroke-width 3px) around the letters.
 */
function shownLabels(graph: Graph, size: GraphSize): Shown[] {
  const font = cssFontSize(size === 'local' ? '.graph-local svg text' : '.graph svg text');
  const shown: Shown[] = [];
  for (const node of graph.nodes) {
    const label = drawnLabel(node, size);
    if (!label) continue;
    const width = textWidth(label.text, font);
    const start = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
    shown.push({ slug: node.slug, text: label.text, left: start - 1.5, right: start + width + 1.5, top: label.y - 0.93 * font - 1.5, bottom: label.y + 0.24 * font + 1.5 });
  }
  return shown;
}

function overlapping(shown: Shown[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const [a, b] = [shown[i]!, shown[j]!];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push(`"${a.text}" and "${b.text}"`);
    }
  }
  return found;
}

function expectReadable(graph: Graph, size: GraphSize) {
  const shown = shownLabels(graph, size);
  expect(overlapping(shown)).toEqual([]);
  for (const label of shown) {
    expect(label.left).toBeGreaterThanOrEqual(0);
    expect(label.right).toBeLessThanOrEqual(graph.width);
    expect(label.top).toBeGreaterThanOrEqual(0);
    expect(label.bottom).toBeLessThanOrEqual(graph.height);
  }
  // A shortened title is the start of the node's title; every node has its whole title, for its <title>.
  for (const node of graph.nodes) {
    expect(node.title).not.toBe('');
    const label = drawnLabel(node, size);
    if (label) expect(node.title.startsWith(label.text.replace(/…$/, ''))).toBe(true);
  }
  return shown;
}

describe('titles printed in link graphs', () => {
  it('are estimated with the font size garden.css draws them at', () => {
    expect(cssFontSize('.graph svg text')).toBe(LABEL_FONT_SIZE.garden);
    expect(cssFontSize('.graph-local svg text')).toBe(LABEL_FONT_SIZE.local);
    // Wider for wide letters, a full em for a CJK character.
    expect(textWidth('WWWW', 10)).toBeGreaterThan(textWidth('iiii', 10) * 2);
    expect(textWidth('庭の手入れ', 10)).toBe(50);
  });

  it('never overlap on a 200-note map, the best-connected note titled first', () => {
    const list = garden(200);
    const graph = gardenGraph(list, 200, 30);
    const shown = expectReadable(graph, 'garden');
    expect(shown).toHaveLength(30);
    expect(shown.map((s) => s.slug)).toContain(graph.nodes[0]!.slug);
    expect(gardenGraph(list, 200, 30)).toEqual(graph);
    // Asked to title every note, it titles as many as fit, and still none over another.
    const all = expectReadable(gardenGraph(list, 200, 200), 'garden');
    expect(all.length).toBeGreaterThan(30);
    expect(all.length).toBeLessThan(200);
  });

  it('never overlap on a 2,000-note map', { timeout: 60_000 }, () => {
    const list = garden(2000);
    const graph = gardenGraph(list, 2000, 2000);
    const shown = expectReadable(graph, 'garden');
    expect(shown.length).toBeGreaterThan(30);
    expect(shown.map((s) => s.slug)).toContain(graph.nodes[0]!.slug);
  });

  it('never overlap in a note\'s neighbourhood, however many neighbours and however long their titles', () => {
    for (let count = 1; count <= 14; count++) {
      const list = garden(count + 1).map((n, i) => ({ ...n, title: `${TITLES[2]} ${i}`, outgoing: i === 0 ? Array.from({ length: count }, (_, j) => slug(`n${j + 1}`)) : [], backlinks: [] }));
      const bySlug = (slug: string) => list.find((n) => n.slug === slug);
      const graph = localGraph(list[0]!, bySlug, (slug) => Number(slug.slice(1)))!;
      expect(overlapping(shownLabels(graph, 'local'))).toEqual([]);
      expect(shownLabels(graph, 'local')).toHaveLength(graph.nodes.length);
    }
  });
});
