import type { Element, ElementContent } from 'hast';
import { h, s } from 'hastscript';
import type { Canvas, CanvasColor, CanvasEdge, CanvasNode, Side } from './json-canvas.ts';

/*
 * A canvas drawn as a static SVG board, as a hast tree (never HTML strings): groups as labelled
 * frames, cards as rounded boxes holding their content as HTML (a <foreignObject>), edges as curves
 * from side to side with arrowheads and labels. The `viewBox` is the canvas's own coordinates, so
 * the board scales to the column; nothing on it runs a script, and it has no element ids (a page
 * may show several boards, and arrowheads are drawn as shapes rather than <marker>s for that).
 * Colours are classes for Obsidian's six presets (themed in garden.css) or, for a hex colour, the
 * shapes' own `stroke` and `fill` attributes; text keeps the page's colours so it stays readable.
 */

/** What a card shows, already made (render-canvases.ts): HTML for its <foreignObject>, and its kind. */
export interface Card {
  /** `text`, `note`, `image`, `link`, `file`, `empty` (a card of a private or missing note), `group`. */
  kind: string;
  content: ElementContent[];
}

const PAD = 24;
/** Room above a group for its label. */
const GROUP_LABEL = 34;
const ARROW = { length: 14, half: 6 };

interface Point {
  x: number;
  y: number;
}

const NORMAL: Record<Side, Point> = { top: { x: 0, y: -1 }, right: { x: 1, y: 0 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 } };

const n = (value: number) => Math.round(value * 10) / 10;
const center = (node: CanvasNode): Point => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

function anchor(node: CanvasNode, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: node.x + node.width / 2, y: node.y };
    case 'right':
      return { x: node.x + node.width, y: node.y + node.height / 2 };
    case 'bottom':
      return { x: node.x + node.width / 2, y: node.y + node.height };
    case 'left':
      return { x: node.x, y: node.y + node.height / 2 };
  }
}

/** The side of `from` that faces `to` (for an edge that names no side). */
function facing(from: CanvasNode, to: CanvasNode): Side {
  const a = center(from);
  const b = center(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 'right' : 'left';
  return dy >= 0 ? 'bottom' : 'top';
}

/** A preset colour's class; a hex colour has none (it is set on the shapes themselves). */
function colorClass(color: CanvasColor | undefined): string[] {
  return color && 'preset' in color ? [`canvas-color-${color.preset}`] : [];
}

interface EdgeShape {
  path: Element;
  arrows: Element[];
  label?: { at: Point; text: string };
  bounds: Point[];
}

function edgeShape(edge: CanvasEdge, from: CanvasNode, to: CanvasNode): EdgeShape {
  const fromSide = edge.fromSide ?? facing(from, to);
  const toSide = edge.toSide ?? (from === to ? fromSide : facing(to, from));
  const p0 = anchor(from, fromSide);
  const p3 = anchor(to, toSide);
  const n0 = NORMAL[fromSide];
  const n3 = NORMAL[toSide];
  const reach = Math.min(Math.max(Math.hypot(p3.x - p0.x, p3.y - p0.y) / 2, 40), 240);
  const p1 = { x: p0.x + n0.x * reach, y: p0.y + n0.y * reach };
  const p2 = { x: p3.x + n3.x * reach, y: p3.y + n3.y * reach };
  const hex = edge.color && 'hex' in edge.color ? edge.color.hex : undefined;
  const arrow = (tip: Point, out: Point): Element => {
    const base = { x: tip.x + out.x * ARROW.length, y: tip.y + out.y * ARROW.length };
    const across = { x: -out.y * ARROW.half, y: out.x * ARROW.half };
    const d = `M${n(tip.x)} ${n(tip.y)}L${n(base.x + across.x)} ${n(base.y + across.y)}L${n(base.x - across.x)} ${n(base.y - across.y)}Z`;
    return s('path', { className: ['canvas-arrow'], d, ...(hex ? { fill: hex } : {}) });
  };
  const arrows = [...(edge.toEnd === 'arrow' ? [arrow(p3, n3)] : []), ...(edge.fromEnd === 'arrow' ? [arrow(p0, n0)] : [])];
  const d = `M${n(p0.x)} ${n(p0.y)}C${n(p1.x)} ${n(p1.y)} ${n(p2.x)} ${n(p2.y)} ${n(p3.x)} ${n(p3.y)}`;
  const middle = { x: (p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8, y: (p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8 };
  return {
    path: s('path', { className: ['canvas-edge-line'], d, ...(hex ? { stroke: hex } : {}) }),
    arrows,
    ...(edge.label ? { label: { at: middle, text: edge.label } } : {}),
    bounds: [p0, p1, p2, p3],
  };
}

/** Lines of a label as <tspan>s, centred as a block on the label's point. */
function lines(text: string, x: number): ElementContent[] {
  const all = text.split(/\r?\n/).slice(0, 8);
  return all.map((line, i) => s('tspan', { x: n(x), dy: i === 0 ? `${n(-(all.length - 1) * 0.6)}em` : '1.2em' }, line));
}

function nodeGroup(node: CanvasNode, card: Card | undefined): Element {
  const hex = node.color && 'hex' in node.color ? node.color.hex : undefined;
  const kind = card?.kind ?? node.type;
  const box = { x: node.x, y: node.y, width: node.width, height: node.height };
  const children: ElementContent[] = [s('rect', { ...box, rx: node.type === 'group' ? 12 : 8, ...(hex ? { stroke: hex, fill: hex, fillOpacity: 0.08 } : {}) })];
  if (card?.content.length) {
    children.push(s('foreignObject', box, [h('div', { className: ['canvas-card'] }, card.content)]));
  }
  if (node.type === 'group' && node.label) {
    children.push(s('text', { className: ['canvas-group-label'], x: node.x + 4, y: node.y - 10 }, node.label));
  }
  return s('g', { className: ['canvas-node', `canvas-${kind}`, ...colorClass(node.color)] }, children);
}

/**
 * The board of a canvas, or undefined when it has no node to draw. `cards` holds what each
 * non-group node shows (and a group's background); `title` names the board for assistive tech.
 */
export function drawBoard(canvas: Canvas, cards: Map<string, Card>, title: string): Element | undefined {
  if (canvas.nodes.length === 0) return undefined;
  const byId = new Map(canvas.nodes.map((node) => [node.id, node]));
  const edges = canvas.edges.map((edge) => ({ edge, shape: edgeShape(edge, byId.get(edge.fromNode)!, byId.get(edge.toNode)!) }));

  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of canvas.nodes) {
    xs.push(node.x, node.x + node.width);
    ys.push(node.y - (node.type === 'group' && node.label ? GROUP_LABEL : 0), node.y + node.height);
  }
  for (const { shape } of edges) for (const point of shape.bounds) (xs.push(point.x), ys.push(point.y));
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const width = Math.max(...xs) + PAD - minX;
  const height = Math.max(...ys) + PAD - minY;

  const groups = canvas.nodes.filter((node) => node.type === 'group');
  const others = canvas.nodes.filter((node) => node.type !== 'group');
  const labelled = edges.filter(({ shape }) => shape.label);
  return s(
    'svg',
    {
      className: ['canvas-board'],
      viewBox: `${n(minX)} ${n(minY)} ${n(width)} ${n(height)}`,
      width: n(width),
      height: n(height),
      role: 'group',
      ariaLabel: title,
    },
    [
      s('g', { className: ['canvas-groups'] }, groups.map((node) => nodeGroup(node, cards.get(node.id)))),
      s(
        'g',
        { className: ['canvas-edges'], ariaHidden: 'true' },
        edges.map(({ edge, shape }) => s('g', { className: ['canvas-edge', ...colorClass(edge.color)] }, [shape.path, ...shape.arrows])),
      ),
      s('g', { className: ['canvas-cards'] }, others.map((node) => nodeGroup(node, cards.get(node.id)))),
      ...(labelled.length
        ? [
            s(
              'g',
              { className: ['canvas-edge-labels'] },
              labelled.map(({ shape }) =>
                s('text', { className: ['canvas-edge-label'], x: n(shape.label!.at.x), y: n(shape.label!.at.y), textAnchor: 'middle', dominantBaseline: 'central' }, lines(shape.label!.text, shape.label!.at.x)),
              ),
            ),
          ]
        : []),
    ],
  );
}
