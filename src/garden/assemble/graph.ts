import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { GrowthState, NoteRef, NoteSlug } from '../types.ts';

/*
 * Link graphs laid out at build time, for static SVG: a note's neighbourhood and the garden as a
 * whole. Both are bounded, so their cost does not grow with the garden: a note shows at most
 * LOCAL_LIMIT neighbours, the garden graph its best-connected `limit` notes.
 */

export interface GraphNote {
  slug: NoteSlug;
  title: string;
  state: GrowthState;
  outgoing: NoteSlug[];
  backlinks: NoteRef[];
}

export interface GraphNode {
  slug: NoteSlug;
  title: string;
  state: GrowthState;
  x: number;
  y: number;
  /** Radius, larger for better-connected notes. */
  r: number;
  /** Label side: which way the title reads from the node; none when the node is not labelled. */
  label?: LabelSide;
  /** Characters the printed title is cut to, when fewer than its side usually allows (drawnLabel). */
  room?: number;
}

export type LabelSide = 'start' | 'end' | 'middle-above' | 'middle-below';

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
function neighboursOf(note: GraphNote): NoteSlug[] {
  return [...new Set([...note.outgoing, ...note.backlinks.map((b) => b.slug)])].filter((s) => s !== note.slug);
}

function edgesAmong(nodes: { slug: NoteSlug }[], bySlug: (slug: NoteSlug) => GraphNote | undefined): [number, number][] {
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
export function localGraph(note: GraphNote, bySlug: (slug: NoteSlug) => GraphNote | undefined, rank: (slug: NoteSlug) => number): LocalGraph | undefined {
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
  const nodes: GraphNode[] = [{ slug: note.slug, title: note.title, state: note.state, x: cx, y: cy, r: 9 }];
  // Each title reads away from the ring: sideways at the sides, above or below at the top and
  // bottom; the other way when that one would cover a title placed before it.
  const sides: LabelSide[][] = [['middle-below', 'middle-above']];
  for (const [i, slug] of around.entries()) {
    const other = bySlug(slug)!;
    const angle = (line ? 0 : -Math.PI / 2) + (2 * Math.PI * i) / around.length;
    const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
    const [sideways, vertical] = [dx > 0 ? 'start' : 'end', dy < 0 ? 'middle-above' : 'middle-below'] as const;
    sides.push(Math.abs(dx) < 0.3 ? [vertical, sideways] : [sideways, vertical]);
    nodes.push({ slug, title: other.title, state: other.state, x: round(cx + rx * dx), y: round(cy + ry * dy), r: 6 });
  }
  // Every node titled: the neighbours first, newest first, the note itself last, since its title is
  // the page's heading; it is the one cut shorter when the ring leaves it little room.
  placeLabels(nodes, { size: 'local', width, height, order: [...around.keys()].map((i) => i + 1).concat(0), sides: (i) => sides[i]!, rooms: [20, 12, 6] });
  return { width, height, nodes, edges: edgesAmong(nodes, bySlug), linked: all.length };
}

const round = (n: number) => Math.round(n * 10) / 10;

/*
 * Printed titles, as LinkGraph.astro draws them and as the layouts place them, so that the boxes
 * the layouts keep apart are the ones drawn.
 */

/** The titles' font size in view-box units: garden.css, `.graph svg text` and `.graph-local svg text`. */
export const LABEL_FONT_SIZE = { garden: 11, local: 12 } as const;
export type GraphSize = keyof typeof LABEL_FONT_SIZE;

/** A printed title: where its baseline starts (`anchor` as SVG's text-anchor), and its text. */
export interface DrawnLabel {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
}

/** A title cut to `room` characters and an ellipsis, counting a character written as two UTF-16 units as one. */
function shortTitle(title: string, room: number): string {
  if (title.length <= room) return title;
  let cut = 0;
  for (let i = 0, chars = 0; i < title.length; chars++) {
    if (chars === room - 1) cut = i;
    if (chars === room) return `${title.slice(0, cut).trimEnd()}…`;
    const code = title.charCodeAt(i);
    i += code >= 0xd800 && code < 0xdc00 ? 2 : 1;
  }
  return title;
}

/** The characters a title may take on a side: more above or below a node than sideways, where the graph's margin is. */
const usualRoom = (side: LabelSide, size: GraphSize) => (side === 'start' || side === 'end' ? (size === 'local' ? 14 : 19) : 28);

/** A node's printed title, on its own side (or `side`) and cut to its room (or `room`); none when it has no side. */
export function drawnLabel(node: GraphNode, size: GraphSize, side: LabelSide | undefined = node.label, room: number | undefined = node.room): DrawnLabel | undefined {
  if (!side) return undefined;
  const text = shortTitle(node.title, Math.min(room ?? Infinity, usualRoom(side, size)));
  switch (side) {
    case 'start': return { x: round(node.x + node.r + 4), y: round(node.y + 4), anchor: 'start', text };
    case 'end': return { x: round(node.x - node.r - 4), y: round(node.y + 4), anchor: 'end', text };
    case 'middle-above': return { x: node.x, y: round(node.y - node.r - 5), anchor: 'middle', text };
    default: return { x: node.x, y: round(node.y + node.r + 12), anchor: 'middle', text };
  }
}

/*
 * Advance widths of printable ASCII (space to ~), in hundredths of the font size: DejaVu Sans's,
 * what `system-ui` is on most Linux systems and wider than the other fonts --sans names (Segoe UI,
 * San Francisco, Roboto, Noto Sans), so that an estimate errs wide.
 */
const ASCII_WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/**
 * One character's width in ems: ASCII as measured; combining marks and joiners none; emoji 1.3;
 * East Asian wide characters (CJK, kana, Hangul, full-width forms) one; General Punctuation
 * (dashes, the ellipsis, quotes) one; any other letter 0.8, as a wide Latin capital.
 */
function charWidth(code: number): number {
  if (code >= 32 && code < 127) return ASCII_WIDTHS[code - 32]! / 100;
  if ((code >= 0x300 && code < 0x370) || (code >= 0xfe00 && code < 0xfe10) || code === 0x200d) return 0;
  if (code >= 0x1f000 || (code >= 0x2600 && code < 0x27c0)) return 1.3;
  if ((code >= 0x1100 && code < 0x1200) || (code >= 0x2e80 && code < 0xa4d0) || (code >= 0xac00 && code < 0xd7b0) || (code >= 0xf900 && code < 0xfb00) || (code >= 0xfe30 && code < 0xfe50) || (code >= 0xff00 && code < 0xff61) || code >= 0x20000) return 1;
  return code >= 0x2000 && code < 0x2070 ? 1 : 0.8;
}

/** A text's width at font size `size`, estimated from its characters: the build has no font to measure with. */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    ems += charWidth(code);
  }
  return ems * size;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The box a printed title covers: its estimated width from its anchor; from DejaVu Sans's ascent
 * above the baseline to its descent below (its em box, 1.17 of the font size, as a browser measures
 * a text's box); and the halo garden.css paints around the letters (stroke-width 3px, half outside).
 */
export function labelBox(label: DrawnLabel, size: GraphSize): Box {
  const font = LABEL_FONT_SIZE[size];
  const width = textWidth(label.text, font);
  const left = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  const halo = 1.5;
  return { left: left - halo, top: label.y - 0.93 * font - halo, right: left + width + halo, bottom: label.y + 0.24 * font + halo };
}

interface Placing {
  size: GraphSize;
  width: number;
  height: number;
  /** Indexes into the nodes, the first titled first. */
  order: Iterable<number>;
  /** The sides a node's title may take, the best first. */
  sides: (index: number) => readonly LabelSide[];
  /** Shorter cuts of a title, tried on every side when none holds it cut as usual. */
  rooms: readonly number[];
  /** Titles placed at most. */
  limit?: number;
}

/** Boxes by the cells of a grid they reach into, so that those near a box are found without looking at all. */
class Grid<T> {
  private readonly cells: (T[] | undefined)[] = [];
  private readonly cell: number;
  private readonly columns: number;
  private readonly rows: number;
  constructor(width: number, height: number, cell: number) {
    this.cell = cell;
    this.columns = Math.ceil(width / cell) + 1;
    this.rows = Math.ceil(height / cell) + 1;
  }

  add(box: Box, item: T): void {
    this.visit(box, (index) => void (this.cells[index] ??= []).push(item));
  }

  /** Whether an item in a cell `box` reaches into passes `test`. */
  some(box: Box, test: (item: T) => boolean): boolean {
    return this.visit(box, (index) => this.cells[index]?.some(test) ?? false);
  }

  private visit(box: Box, each: (index: number) => boolean | void): boolean {
    const [x0, x1] = [Math.max(0, Math.floor(box.left / this.cell)), Math.min(this.columns - 1, Math.floor(box.right / this.cell))];
    const [y0, y1] = [Math.max(0, Math.floor(box.top / this.cell)), Math.min(this.rows - 1, Math.floor(box.bottom / this.cell))];
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (each(y * this.columns + x)) return true;
    return false;
  }
}

/**
 * Which nodes print their titles, on which side and how long. In `order`, each node takes the first
 * side whose box (labelBox) stays in the view box and clear of every title placed before it,
 * preferring one that covers no other node's circle; failing every side, the first shorter cut that
 * a side holds, the same way. A node with none prints no title (the next is tried, up to `limit`
 * titles) and still names itself on hover and to screen readers by its <title>. Boxes are looked up
 * in a grid, so this costs little at any size; it depends on its input alone, so a garden lays out
 * the same on every build.
 */
function placeLabels(nodes: GraphNode[], { size, width, height, order, sides, rooms, limit = Infinity }: Placing): void {
  // Titles closer than this count as touching.
  const gap = 1;
  // 40-unit cells; a graph of a few nodes (a note's neighbourhood, laid out for every note) in four.
  const cell = nodes.length > 50 ? 40 : Math.max(width, height) / 2;
  const placed = new Grid<Box>(width, height, cell);
  const circles = new Grid<number>(width, height, cell);
  for (const [i, n] of nodes.entries()) circles.add({ left: n.x - n.r, top: n.y - n.r, right: n.x + n.r, bottom: n.y + n.r }, i);
  const fits = (b: Box) =>
    b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height &&
    !placed.some(b, (o) => b.left < o.right + gap && o.left < b.right + gap && b.top < o.bottom + gap && o.top < b.bottom + gap);
  const coversCircle = (b: Box, self: number) =>
    circles.some(b, (i) => {
      const n = nodes[i]!;
      const dx = n.x - Math.max(b.left, Math.min(n.x, b.right));
      const dy = n.y - Math.max(b.top, Math.min(n.y, b.bottom));
      return i !== self && dx * dx + dy * dy < n.r * n.r;
    });
  type Choice = { side: LabelSide; room: number | undefined; box: Box };
  const cuts = [undefined, ...rooms];
  let count = 0;
  for (const i of order) {
    if (count >= limit) break;
    const node = nodes[i]!;
    let chosen: Choice | undefined;
    for (const room of cuts) {
      let first: Choice | undefined;
      for (const side of sides(i)) {
        // Only a cut shorter than the side's own, and one that shortens this title.
        if (room !== undefined && (room >= usualRoom(side, size) || shortTitle(node.title, room) === node.title)) continue;
        const box = labelBox(drawnLabel(node, size, side, room)!, size);
        if (!fits(box)) continue;
        first ??= { side, room, box };
        if (!coversCircle(box, i)) {
          chosen = { side, room, box };
          break;
        }
      }
      // A title whole over a circle rather than cut shorter.
      chosen ??= first;
      if (chosen) break;
    }
    if (!chosen) continue;
    node.label = chosen.side;
    if (chosen.room !== undefined) node.room = chosen.room;
    placed.add(chosen.box, chosen.box);
    count++;
  }
}

/** The sides a title on the garden graph may take: below its node first, as the garden graph always printed them. */
const GARDEN_SIDES: LabelSide[] = ['middle-below', 'middle-above', 'start', 'end'];

/** A fixed pseudo-random sequence, so the same garden lays out the same way on every build. */
function seeded(seed = 1): () => number {
  let state = seed;
  return () => ((state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

/**
 * The garden's `limit` best-connected notes (newest first among equals) and the links between
 * them, placed by a force simulation run a fixed number of steps. Up to `labelled` of them print
 * their titles, the best-connected first, none over another (placeLabels); every node names itself
 * on hover and to screen readers.
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
  type Body = SimulationNodeDatum & { slug: NoteSlug };
  const bodies: Body[] = chosen.map((n) => ({ slug: n.slug }));
  const edges = edgesAmong(bodies, (slug) => bySlug.get(slug));
  // Sized against the best-connected note shown, so a dense garden does not draw every circle large.
  const most = Math.max(1, ...chosen.map((n) => degree.get(n.slug)!));
  const radius = (slug: NoteSlug) => 3.5 + 7 * Math.sqrt(degree.get(slug)! / most);
  forceSimulation(bodies)
    .randomSource(seeded())
    .force('link', forceLink(edges.map(([source, target]) => ({ source, target }))).distance(40))
    .force('charge', forceManyBody().strength(-60).distanceMax(300))
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.09))
    .force('collide', forceCollide<Body>((b) => radius(b.slug) + 3))
    .stop()
    .tick(300);

  // Fit the view box to the drawing, at most 800 × 560, leaving room for labels at the edges: a
  // small garden gets a small map, not a large empty one.
  const xs = bodies.map((b) => b.x!);
  const ys = bodies.map((b) => b.y!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((800 - 140) / (maxX - minX || 1), (560 - 60) / (maxY - minY || 1), 3);
  const width = Math.round(Math.max(320, (maxX - minX) * scale + 140));
  const height = Math.round(Math.max(200, (maxY - minY) * scale + 60));
  const nodes = bodies.map((body, i): GraphNode => {
    const note = chosen[i]!;
    const x = round(width / 2 + (body.x! - (minX + maxX) / 2) * scale);
    const y = round(height / 2 + (body.y! - (minY + maxY) / 2) * scale);
    return { slug: note.slug, title: note.title, state: note.state, x, y, r: round(radius(note.slug)) };
  });
  // `chosen`, and so `nodes`, are best-connected first.
  placeLabels(nodes, { size: 'garden', width, height, order: nodes.keys(), sides: () => GARDEN_SIDES, rooms: [12], limit: labelled });
  return { width, height, nodes, edges };
}
