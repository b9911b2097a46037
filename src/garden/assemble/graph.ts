import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { GrowthState, NoteRef } from '../types.ts';

/*
 * Link graphs laid out at build time, for static SVG: a note's neighbourhood and the garden as a
 * whole. Both are bounded, so their cost does not grow with the garden: a note shows at most
 * LOCAL_LIMIT neighbours, the garden graph its best-connected `limit` notes.
 */

export interface GraphNote {
  slug: string;
  title: string;
  state: GrowthState;
  outgoing: string[];
  backlinks: NoteRef[];
}

export interface GraphNode {
  slug: string;
  title: string;
  state: GrowthState;
  x: number;
  y: number;
  /** Radius, larger for better-connected notes. */
  r: number;
  /** Label side: which way the title reads from the node; none when the node is not labelled. */
  label?: 'start' | 'end' | 'middle-above' | 'middle-below';
}

export interface Graph {
  width: number;
  height: number;
  nodes: GraphNode[];
  /** Pairs of indexes into `nodes`. */
  edges: [number, number][];
}

/** A note's graph, and how many notes it links with, of which at most LOCAL_LIMIT are drawn. */
export type LocalGraph = Graph & { linked: number };

export const LOCAL_LIMIT = 12;

/** Notes linked from or to `slug`, once each. */
function neighboursOf(note: GraphNote): string[] {
  return [...new Set([...note.outgoing, ...note.backlinks.map((b) => b.slug)])].filter((s) => s !== note.slug);
}

function edgesAmong(nodes: { slug: string }[], bySlug: (slug: string) => GraphNote | undefined): [number, number][] {
  const index = new Map(nodes.map((n, i) => [n.slug, i]));
  // Each pair once, as a number: this runs for every note page of a large garden.
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (const target of bySlug(nodes[i]!.slug)?.outgoing ?? []) {
      const j = index.get(target);
      if (j === undefined || j === i) continue;
      const pair = Math.min(i, j) * nodes.length + Math.max(i, j);
      if (seen.has(pair)) continue;
      seen.add(pair);
      edges.push([i, j]);
    }
  }
  return edges;
}

/**
 * A note in the middle, its neighbours on an ellipse around it, newest-tended first clockwise from
 * the top. A ring needs no simulation, so every note of a large garden gets one for almost nothing.
 * `rank` orders notes (lower is newer); neighbours beyond LOCAL_LIMIT are left out.
 */
export function localGraph(note: GraphNote, bySlug: (slug: string) => GraphNote | undefined, rank: (slug: string) => number): LocalGraph | undefined {
  const all = neighboursOf(note).filter((slug) => bySlug(slug));
  const around = all.sort((a, b) => rank(a) - rank(b)).slice(0, LOCAL_LIMIT);
  if (around.length === 0) return undefined;
  // Room at the sides for titles that read away from the ring. One or two neighbours sit on a
  // line beside the note, in a shorter box.
  const line = around.length <= 2;
  // Narrow enough that a phone shows it at about its own size, so its titles stay readable there.
  const width = 360;
  const height = line ? 100 : 250;
  const [cx, cy, rx, ry] = [width / 2, height / 2, 72, line ? 0 : 92];
  const nodes: GraphNode[] = [{ slug: note.slug, title: note.title, state: note.state, x: cx, y: cy, r: 9, label: 'middle-below' }];
  for (const [i, slug] of around.entries()) {
    const other = bySlug(slug)!;
    const angle = (line ? 0 : -Math.PI / 2) + (2 * Math.PI * i) / around.length;
    const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
    const label = Math.abs(dx) < 0.3 ? (dy < 0 ? 'middle-above' : 'middle-below') : dx > 0 ? 'start' : 'end';
    nodes.push({ slug, title: other.title, state: other.state, x: round(cx + rx * dx), y: round(cy + ry * dy), r: 6, label });
  }
  return { width, height, nodes, edges: edgesAmong(nodes, bySlug), linked: all.length };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A fixed pseudo-random sequence, so the same garden lays out the same way on every build. */
function seeded(seed = 1): () => number {
  let state = seed;
  return () => ((state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

/**
 * The garden's `limit` best-connected notes (newest first among equals) and the links between
 * them, placed by a force simulation run a fixed number of steps. The `labelled` most connected
 * carry their titles; every node names itself on hover and to screen readers.
 */
export function gardenGraph(notes: GraphNote[], limit: number, labelled = 24): Graph {
  const degree = new Map(notes.map((n) => [n.slug, neighboursOf(n).length]));
  const chosen = notes
    .map((note, order) => ({ note, order }))
    .filter(({ note }) => degree.get(note.slug)! > 0)
    .sort((a, b) => degree.get(b.note.slug)! - degree.get(a.note.slug)! || a.order - b.order)
    .slice(0, limit)
    .map(({ note }) => note);
  const bySlug = new Map(chosen.map((n) => [n.slug, n]));
  const width = 800;
  const height = 560;
  type Body = SimulationNodeDatum & { slug: string };
  const bodies: Body[] = chosen.map((n) => ({ slug: n.slug }));
  const edges = edgesAmong(bodies, (slug) => bySlug.get(slug));
  // Sized against the best-connected note shown, so a dense garden does not draw every circle large.
  const most = Math.max(1, ...chosen.map((n) => degree.get(n.slug)!));
  const radius = (slug: string) => 3.5 + 7 * Math.sqrt(degree.get(slug)! / most);
  forceSimulation(bodies)
    .randomSource(seeded())
    .force('link', forceLink(edges.map(([source, target]) => ({ source, target }))).distance(40))
    .force('charge', forceManyBody().strength(-60).distanceMax(300))
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.09))
    .force('collide', forceCollide<Body>((b) => radius(b.slug) + 3))
    .stop()
    .tick(300);

  // Fit the drawing into the view box, leaving room for labels at the edges.
  const xs = bodies.map((b) => b.x!);
  const ys = bodies.map((b) => b.y!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 140) / (maxX - minX || 1), (height - 60) / (maxY - minY || 1), 3);
  const labels = new Set(chosen.slice(0, labelled).map((n) => n.slug));
  const nodes = bodies.map((body, i): GraphNode => {
    const note = chosen[i]!;
    const x = round(width / 2 + (body.x! - (minX + maxX) / 2) * scale);
    const y = round(height / 2 + (body.y! - (minY + maxY) / 2) * scale);
    return {
      slug: note.slug,
      title: note.title,
      state: note.state,
      x,
      y,
      r: round(radius(note.slug)),
      ...(labels.has(note.slug) ? { label: 'middle-below' as const } : {}),
    };
  });
  return { width, height, nodes, edges };
}
