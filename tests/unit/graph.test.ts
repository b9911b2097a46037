import { describe, expect, it } from 'vitest';
import { gardenGraph, localGraph, LOCAL_LIMIT, type Graph, type GraphNote } from '../../src/garden/assemble/graph.ts';
import { gardenOf, shared } from '../helpers/vault.ts';
import { slug } from '../helpers/slug.ts';

/** A garden of `count` notes where note i links to the notes listed for it. */
function notes(count: number, links: Record<number, number[]>): GraphNote[] {
  const list: GraphNote[] = Array.from({ length: count }, (_, i) => ({ slug: slug(`n${i}`), title: `Note ${i}`, state: 'seed', outgoing: (links[i] ?? []).map((j) => slug(`n${j}`)), backlinks: [] }));
  for (const note of list) for (const target of note.outgoing) list.find((n) => n.slug === target)!.backlinks.push({ slug: note.slug, title: note.title });
  return list;
}

function expectInside(graph: Graph) {
  for (const node of graph.nodes) {
    expect(node.x - node.r).toBeGreaterThanOrEqual(0);
    expect(node.x + node.r).toBeLessThanOrEqual(graph.width);
    expect(node.y - node.r).toBeGreaterThanOrEqual(0);
    expect(node.y + node.r).toBeLessThanOrEqual(graph.height);
  }
  for (const [a, b] of graph.edges) {
    expect(graph.nodes[a]).toBeDefined();
    expect(graph.nodes[b]).toBeDefined();
  }
}

describe('a note\'s local graph', () => {
  it('puts the note in the middle and at most LOCAL_LIMIT neighbours around it, newest first', () => {
    const list = notes(30, { 0: Array.from({ length: 29 }, (_, i) => i + 1), 3: [4] });
    const bySlug = (slug: string) => list.find((n) => n.slug === slug);
    const rank = (slug: string) => Number(slug.slice(1));
    const graph = localGraph(list[0]!, bySlug, rank)!;
    expect(graph.nodes[0]!.slug).toBe('n0');
    expect(graph.nodes.slice(1).map((n) => n.slug)).toEqual(Array.from({ length: LOCAL_LIMIT }, (_, i) => `n${i + 1}`));
    // The centre's links and the one link between two neighbours.
    const pairs = graph.edges.map(([a, b]) => [graph.nodes[a]!.slug, graph.nodes[b]!.slug].sort().join('-'));
    expect(pairs).toContain('n3-n4');
    expect(pairs).toHaveLength(LOCAL_LIMIT + 1);
    expect(graph.linked).toBe(29);
    expectInside(graph);
    const places = new Set(graph.nodes.map((n) => `${n.x},${n.y}`));
    expect(places.size).toBe(graph.nodes.length);
  });

  it('is absent for a note without links, and counts backlinks as neighbours', () => {
    const list = notes(3, { 1: [2] });
    const bySlug = (slug: string) => list.find((n) => n.slug === slug);
    expect(localGraph(list[0]!, bySlug, () => 0)).toBeUndefined();
    const one = localGraph(list[2]!, bySlug, () => 0)!;
    expect(one.nodes.map((n) => n.slug)).toEqual(['n2', 'n1']);
    // A lone neighbour sits beside the note in a short box, its title reading away from it.
    expect(one.nodes[1]!.y).toBe(one.nodes[0]!.y);
    expect(one.nodes[1]!.label).toBe('start');
    expect(one.height).toBeLessThan(localGraph(notes(5, { 0: [1, 2, 3] })[0]!, (slug) => notes(5, { 0: [1, 2, 3] }).find((n) => n.slug === slug), () => 0)!.height);
    expectInside(one);
  });

  it('never shows a private note, which links to shared ones', async () => {
    const garden = await gardenOf({
      'hub.md': shared('[[leaf]]'),
      'leaf.md': shared('leaf'),
      'hidden.md': '---\nshare: false\n---\n[[hub]] [[leaf]]',
    });
    const bySlug = (slug: string) => garden.notes.find((n) => n.slug === slug);
    const graph = localGraph(bySlug('leaf')!, bySlug, () => 0)!;
    expect(graph.nodes.map((n) => n.slug)).toEqual(['leaf', 'hub']);
    expect(JSON.stringify(gardenGraph(garden.notes, 10))).not.toMatch(/hidden/);
  });
});

describe('the garden graph', () => {
  const list = notes(400, Object.fromEntries(Array.from({ length: 399 }, (_, i) => [i, [i + 1, (i * 7) % 400, (i * 13) % 400]])));

  it('keeps the best-connected notes up to its limit, inside its box', () => {
    const hub = notes(50, { 0: Array.from({ length: 45 }, (_, i) => i + 1), 47: [48] });
    const graph = gardenGraph(hub, 10);
    expect(graph.nodes).toHaveLength(10);
    expect(graph.nodes[0]!.slug).toBe('n0');
    expect(graph.nodes.map((n) => n.slug)).not.toContain('n49');
    expectInside(gardenGraph(list, 150));
    expect(gardenGraph(list, 150).nodes).toHaveLength(150);
  });

  it('lays out the same garden the same way every time, without piling notes up', () => {
    const a = gardenGraph(list, 120);
    expect(gardenGraph(list, 120)).toEqual(a);
    const places = new Set(a.nodes.map((n) => `${Math.round(n.x / 4)},${Math.round(n.y / 4)}`));
    expect(places.size).toBeGreaterThan(a.nodes.length * 0.95);
    expect(a.nodes.filter((n) => n.label)).toHaveLength(24);
  });

  it('leaves out notes with no links at all', () => {
    const graph = gardenGraph(notes(5, { 0: [1] }), 10);
    expect(graph.nodes.map((n) => n.slug).sort()).toEqual(['n0', 'n1']);
    expect(graph.edges).toEqual([[0, 1]]);
  });
});
