/*
 * JSON Canvas 1.0 (jsoncanvas.org/spec/1.0, Obsidian's open format for `.canvas` files), read and
 * checked. Hand-written: npm has no package that validates the format (the ones there are a
 * browser viewer that draws with its own script, and Obsidian's plugin API types, which check
 * nothing at run time), the spec is two pages long, and a canvas is untrusted input whose every
 * field ends up in a page, so each one is checked against what the garden will do with it, and the
 * whole is bounded: a hostile canvas draws at most LIMITS of anything.
 *
 * What does not conform is reported and left out, one node or edge at a time; the rest is drawn.
 */

export const LIMITS = {
  /** A canvas file larger than this is not read. */
  bytes: 2 * 1024 * 1024,
  /** Nodes drawn, in the file's order (later ones are reported and left out)… */
  nodes: 400,
  /** …and edges. */
  edges: 800,
  /** How far from the origin a node may sit, in canvas pixels, either way… */
  coordinate: 50_000,
  /** …and how wide or tall it may be. */
  size: 10_000,
  /** Characters of one text card (longer ones are cut)… */
  text: 10_000,
  /** …and of all text cards together (cards past it are drawn empty). */
  totalText: 100_000,
  /** Characters of a label (a group's, an edge's) or a link card's URL. */
  label: 300,
  /** Detailed reports per canvas; past it, one line counts the rest. */
  reports: 10,
} as const;

export type Side = 'top' | 'right' | 'bottom' | 'left';
export type End = 'none' | 'arrow';

/** A preset colour (`"1"`…`"6"`: red, orange, yellow, green, cyan, purple) or a hex colour (`#rgb`, `#rrggbb`). */
export type CanvasColor = { preset: 1 | 2 | 3 | 4 | 5 | 6 } | { hex: string };

interface NodeBase {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color?: CanvasColor;
}

export interface TextNode extends NodeBase {
  type: 'text';
  /** Markdown. */
  text: string;
}

export interface FileNode extends NodeBase {
  type: 'file';
  /** Vault path of the file. */
  file: string;
  /** `#Heading` or `#^block`. */
  subpath?: string;
}

export interface LinkNode extends NodeBase {
  type: 'link';
  url: string;
}

export interface GroupNode extends NodeBase {
  type: 'group';
  label?: string;
  /** Vault path of a background image. */
  background?: string;
  backgroundStyle?: 'cover' | 'ratio' | 'repeat';
}

export type CanvasNode = TextNode | FileNode | LinkNode | GroupNode;

export interface CanvasEdge {
  id: string;
  fromNode: string;
  toNode: string;
  fromSide?: Side;
  toSide?: Side;
  fromEnd: End;
  toEnd: End;
  color?: CanvasColor;
  label?: string;
}

export interface Canvas {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

export interface ParsedCanvas {
  /** Undefined when the file is not a JSON Canvas at all (not JSON, not an object). */
  canvas?: Canvas;
  /** What was wrong, for the gardener's report (each says what was done about it). */
  problems: string[];
}

type Json = Record<string, unknown>;

const SIDES = new Set<string>(['top', 'right', 'bottom', 'left']);
const ENDS = new Set<string>(['none', 'arrow']);
const BACKGROUND_STYLES = new Set<string>(['cover', 'ratio', 'repeat']);
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const quoted = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

/** Cuts a string to `max` characters, never in the middle of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function color(value: unknown): CanvasColor | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^[1-6]$/.test(trimmed)) return { preset: Number(trimmed) as 1 | 2 | 3 | 4 | 5 | 6 };
  return HEX.test(trimmed) ? { hex: trimmed.toLowerCase() } : undefined;
}

const optionalString = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? clip(value, max) : undefined);

/** Reads a `.canvas` file's text. Never throws: what cannot be read is in `problems`. */
export function parseCanvas(source: string): ParsedCanvas {
  const problems: string[] = [];
  let overflow = 0;
  const report = (message: string) => {
    if (problems.length < LIMITS.reports) problems.push(message);
    else overflow++;
  };
  let data: unknown;
  try {
    // A BOM is what some editors write first; JSON.parse refuses it.
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [`is not valid JSON, so no board is drawn: ${(error as Error).message}`] };
  }
  if (!isObject(data)) return { problems: ['is not a JSON Canvas (its JSON is not an object), so no board is drawn'] };
  const nodes = readNodes(listOf(data.nodes, 'nodes', report), report);
  const edges = readEdges(listOf(data.edges, 'edges', report), new Set(nodes.map((node) => node.id)), report);
  boundText(nodes, report);
  if (overflow) problems.push(`… and ${overflow} more problems of the same kinds`);
  return { canvas: { nodes, edges }, problems };
}

/** The canvas's list of nodes or edges: none when missing, none (reported) when not a list. */
function listOf(value: unknown, name: 'nodes' | 'edges', report: (message: string) => void): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  report(`has "${name}" that is not a list; no ${name.slice(0, -1)} is drawn`);
  return [];
}

function readNodes(list: unknown[], report: (message: string) => void): CanvasNode[] {
  if (list.length > LIMITS.nodes) report(`has ${list.length} nodes; the first ${LIMITS.nodes} are drawn, the rest left out`);
  const nodes: CanvasNode[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of list.slice(0, LIMITS.nodes).entries()) {
    const node = readNode(raw, index, ids, report);
    if (node) {
      ids.add(node.id);
      nodes.push(node);
    }
  }
  return nodes;
}

function readEdges(list: unknown[], ids: Set<string>, report: (message: string) => void): CanvasEdge[] {
  if (list.length > LIMITS.edges) report(`has ${list.length} edges; the first ${LIMITS.edges} are drawn, the rest left out`);
  const edges: CanvasEdge[] = [];
  const edgeIds = new Set<string>();
  for (const [index, raw] of list.slice(0, LIMITS.edges).entries()) {
    const edge = readEdge(raw, index, ids, edgeIds, report);
    if (edge) {
      edgeIds.add(edge.id);
      edges.push(edge);
    }
  }
  return edges;
}

/** Text beyond a card's budget, or the whole canvas's, is not drawn. */
function boundText(nodes: CanvasNode[], report: (message: string) => void): void {
  let text = 0;
  for (const node of nodes) {
    if (node.type !== 'text') continue;
    if (node.text.length > LIMITS.text) {
      report(`has a text card (${quoted(node.id)}) of ${node.text.length} characters; the first ${LIMITS.text} are shown`);
      node.text = clip(node.text, LIMITS.text);
    }
    if (text + node.text.length > LIMITS.totalText) {
      report(`has more than ${LIMITS.totalText} characters of text cards; card ${quoted(node.id)} and those after it are drawn empty`);
      node.text = '';
    }
    text += node.text.length;
  }
}

function readNode(raw: unknown, index: number, ids: Set<string>, report: (message: string) => void): CanvasNode | undefined {
  const where = `node ${index + 1}`;
  if (!isObject(raw)) return void report(`has a ${where} that is not an object; left out`);
  const id = raw.id;
  if (typeof id !== 'string' || !id) return void report(`has a ${where} without an "id"; left out`);
  const name = `node ${quoted(id)}`;
  if (ids.has(id)) return void report(`has two nodes with the id ${quoted(id)}; the second is left out`);
  const numbers = ['x', 'y', 'width', 'height'].map((key) => raw[key]);
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return void report(`has a ${name} without numbers for x, y, width and height; left out`);
  }
  const [x, y, width, height] = (numbers as number[]).map(Math.round) as [number, number, number, number];
  if (Math.abs(x) > LIMITS.coordinate || Math.abs(y) > LIMITS.coordinate || width < 1 || height < 1 || width > LIMITS.size || height > LIMITS.size) {
    return void report(`has a ${name} outside the area the garden draws (±${LIMITS.coordinate} px, at most ${LIMITS.size} px wide and tall); left out`);
  }
  const base = { id, x, y, width, height, ...(color(raw.color) ? { color: color(raw.color)! } : {}) };
  switch (raw.type) {
    case 'text':
      if (typeof raw.text !== 'string') return void report(`has a text ${name} without "text"; left out`);
      return { ...base, type: 'text', text: raw.text };
    case 'file': {
      if (typeof raw.file !== 'string' || !raw.file.trim()) return void report(`has a file ${name} without "file"; left out`);
      const subpath = typeof raw.subpath === 'string' && raw.subpath.startsWith('#') ? raw.subpath : undefined;
      return { ...base, type: 'file', file: clip(raw.file, 1000), ...(subpath ? { subpath: clip(subpath, LIMITS.label) } : {}) };
    }
    case 'link':
      if (typeof raw.url !== 'string' || !raw.url.trim()) return void report(`has a link ${name} without "url"; left out`);
      return { ...base, type: 'link', url: clip(raw.url.trim(), 2000) };
    case 'group': {
      const label = optionalString(raw.label, LIMITS.label);
      const background = optionalString(raw.background, 1000);
      const style = typeof raw.backgroundStyle === 'string' && BACKGROUND_STYLES.has(raw.backgroundStyle) ? (raw.backgroundStyle as GroupNode['backgroundStyle']) : undefined;
      return { ...base, type: 'group', ...(label ? { label } : {}), ...(background ? { background } : {}), ...(style ? { backgroundStyle: style } : {}) };
    }
    default:
      return void report(`has a ${name} of type ${quoted(raw.type)}, which JSON Canvas 1.0 does not define; left out`);
  }
}

function readEdge(raw: unknown, index: number, nodes: Set<string>, ids: Set<string>, report: (message: string) => void): CanvasEdge | undefined {
  const where = `edge ${index + 1}`;
  if (!isObject(raw)) return void report(`has an ${where} that is not an object; left out`);
  const { id, fromNode, toNode } = raw;
  if (typeof id !== 'string' || !id) return void report(`has an ${where} without an "id"; left out`);
  const name = `edge ${quoted(id)}`;
  if (ids.has(id)) return void report(`has two edges with the id ${quoted(id)}; the second is left out`);
  if (typeof fromNode !== 'string' || typeof toNode !== 'string') return void report(`has an ${name} without "fromNode" and "toNode"; left out`);
  if (!nodes.has(fromNode) || !nodes.has(toNode)) return void report(`has an ${name} between nodes it does not draw; left out`);
  const side = (value: unknown) => (typeof value === 'string' && SIDES.has(value) ? (value as Side) : undefined);
  const end = (value: unknown, fallback: End) => (typeof value === 'string' && ENDS.has(value) ? (value as End) : fallback);
  const fromSide = side(raw.fromSide);
  const toSide = side(raw.toSide);
  const label = optionalString(raw.label, LIMITS.label);
  const edgeColor = color(raw.color);
  return {
    id,
    fromNode,
    toNode,
    ...(fromSide ? { fromSide } : {}),
    ...(toSide ? { toSide } : {}),
    // Obsidian draws an arrow at the end and none at the start unless the file says otherwise.
    fromEnd: end(raw.fromEnd, 'none'),
    toEnd: end(raw.toEnd, 'arrow'),
    ...(edgeColor ? { color: edgeColor } : {}),
    ...(label ? { label } : {}),
  };
}
