import fs from 'node:fs/promises';
import posix from 'node:path/posix';
import type { ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Problems } from '../../problems.ts';
import type { RenderedDraft } from '../render-garden.ts';
import type { LinkWorld } from '../render-types.ts';
import type { NoteSlug } from '../../types.ts';
import type { VaultFile } from '../../collect/walk-vault.ts';
import { VFile } from 'vfile';
import { attachmentFileName, lookedUpOf, vaultLookups } from '../renderer.ts';
import { isCanvasFile, isImageFile } from '../../collect/walk-vault.ts';
import { markdownPipeline, type MarkdownPipeline } from '../markdown/pipeline.ts';
import { isCanvasSlot, linkToNote, noteLinksOf, noticesOf, type EmbedSlot } from '../markdown/findings.ts';
import type { VaultLookups } from '../markdown/vault-lookups.ts';
import { blockElementId, splitAtSlots, type BodyPart } from '../markdown/marks.ts';
import { headingId } from '../heading-ids.ts';
import { LIMITS, parseCanvas, type CanvasNode, type FileNode, type GroupNode, type LinkNode } from './json-canvas.ts';
import { drawBoard, type Card } from './board.ts';

/*
 * Canvases (`.canvas`, JSON Canvas) that shared notes embed, each read and drawn once per build,
 * after the notes are rendered: a note only holds a slot naming the canvas, and the assemble stage
 * puts the board there. So a board is never in the render cache (a changed canvas is drawn anew
 * without rendering the notes that show it), and a canvas shown by ten notes is read once.
 *
 * A canvas is published only through a shared note that embeds it, like an attachment, but its
 * JSON never is: it is drawn. What its cards show goes through the same privacy-aware resolver as a
 * note's links, from the canvas's own folder:
 * - text cards: their Markdown rendered by the garden's pipeline and sanitized like a note (links,
 *   embeds, math, callouts…), with headings shown as bold lines and ids dropped, since a card is a
 *   piece of the page it sits on, not a section of it;
 * - file cards: a shared note as a link with its title; a private or missing note as an empty,
 *   nameless card (the same for both, as a link to either is the same text), reported by the
 *   canvas's file; an image as the image, any other file as a link to it (both copied as
 *   attachments of the notes that show the board);
 * - link cards: a link when the URL is http or https, else its text;
 * - groups: a frame with its label, and its background image.
 */

export interface RenderedCanvas {
  /** Vault path of the canvas. */
  path: string;
  /** Its file name without `.canvas`: the board's caption. */
  name: string;
  /** The board's element id on a page: the name and a hash of its path (`canvas-board-1a2b3c4d`). */
  id: string;
  /** The board's HTML, with slots for what its text cards embed; empty when nothing can be drawn. */
  parts: BodyPart[];
  /** Vault paths of the attachments the board shows. */
  attachments: string[];
  /** Slugs of the shared notes the board links to: its note cards and its text cards' links. */
  links: NoteSlug[];
  /** Vault paths of the bases its text cards link to: each gets a page of its views. */
  baseLinks: string[];
  /** Vault paths of the canvases its text cards embed, drawn inside it. */
  boards: string[];
  hasMath: boolean;
  hasDiagram: boolean;
}

const fileName = (file: string) => posix.basename(file);
const canvasName = (file: string) => posix.basename(file).replace(/\.canvas$/i, '');

/** The canvases slots name as boards (not as links), in order. */
export const boardsIn = (embeds: EmbedSlot[]) => embeds.filter(isCanvasSlot).filter((slot) => slot.link === undefined).map((slot) => slot.canvas);

/** Draws every canvas the rendered notes embed (and the canvases those embed), once each. */
export async function renderCanvases(rendered: RenderedDraft[], world: LinkWorld, problems: Problems): Promise<Map<string, RenderedCanvas>> {
  const files = new Map<string, VaultFile>(world.attachments.map((file) => [file.path, file]));
  const vault = vaultLookups(world);
  const drawing = { vault, pipeline: markdownPipeline(vault) };
  const canvases = new Map<string, RenderedCanvas>();
  const queue = rendered.flatMap(({ rendered: result }) => boardsIn(result.embeds));
  while (queue.length) {
    const path = queue.shift()!;
    if (canvases.has(path)) continue;
    const file = files.get(path);
    const canvas = file ? await drawCanvas({ ...drawing, file: new VFile({ path }), notices: [] }, file.absolute, (message) => problems.warn(path, message)) : undefined;
    canvases.set(path, canvas ?? emptyCanvas(path));
    queue.push(...(canvas?.boards ?? []));
  }
  return canvases;
}

function emptyCanvas(path: string): RenderedCanvas {
  return { path, name: canvasName(path), id: boardId(path), parts: [], attachments: [], links: [], baseLinks: [], boards: [], hasMath: false, hasDiagram: false };
}

const boardId = (path: string) => `canvas-${attachmentFileName(path).replace(/\.canvas$/, '')}`;

async function readCanvas(absolute: string, report: (message: string) => void): Promise<string | undefined> {
  try {
    const { size } = await fs.stat(absolute);
    if (size > LIMITS.bytes) {
      report(`is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${LIMITS.bytes / 1024 / 1024} MB a canvas may be; no board is drawn`);
      return undefined;
    }
    return await fs.readFile(absolute, 'utf8');
  } catch (error) {
    report(`cannot be read, so no board is drawn: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Drawing one canvas: the vault its cards ask, the pipeline its text cards go through, and the
 * canvas's file, on which every card's lookups and findings are gathered (text cards share its data).
 */
interface Drawing {
  vault: VaultLookups;
  pipeline: MarkdownPipeline;
  file: VFile;
  /** What rendering its text cards had to say, reported after its missing links. */
  notices: string[];
}

async function drawCanvas(session: Drawing, absolute: string, report: (message: string) => void): Promise<RenderedCanvas | undefined> {
  const path = session.file.path;
  const source = await readCanvas(absolute, report);
  if (source === undefined) return undefined;
  const parsed = parseCanvas(source);
  for (const problem of parsed.problems) report(problem);
  if (!parsed.canvas) return undefined;
  const { data } = session.file;
  const cards = new Map<string, Card>();
  for (const node of parsed.canvas.nodes) {
    const card = await cardOf(node, session, report);
    if (card) cards.set(node.id, card);
  }
  const lookedUp = lookedUpOf(session.file);
  for (const target of new Set(lookedUp.missing)) report(`links to "${target}", which is not in the vault`);
  for (const notice of session.notices) report(notice);
  const board = drawBoard(parsed.canvas, cards, canvasName(path));
  if (!board) report('has no node to draw, so no board is shown');
  return {
    path,
    name: canvasName(path),
    id: boardId(path),
    parts: board ? splitAtSlots(toHtml(board), data.embeds ?? []) : [],
    attachments: [...lookedUp.attachments],
    links: [...noteLinksOf(session.file).slugs],
    baseLinks: [...noteLinksOf(session.file).bases],
    boards: boardsIn(data.embeds ?? []),
    hasMath: data.hasMath ?? false,
    hasDiagram: data.hasDiagram ?? false,
  };
}

async function cardOf(node: CanvasNode, session: Drawing, report: (message: string) => void): Promise<Card | undefined> {
  switch (node.type) {
    case 'text':
      return { kind: 'text', content: node.text.trim() ? cardHtml(await textCard(node.text, session)) : [] };
    case 'file':
      return fileCard(node, session, report);
    case 'link':
      return linkCard(node, report);
    case 'group':
      return groupCard(node, session, report);
  }
}

/** A text card's HTML: no ids (the page has its own), headings as bold lines (the page's outline is the note's). */
function cardHtml(tree: Root): ElementContent[] {
  const tidy = (nodes: (RootContent | ElementContent)[]): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'doctype') return [];
      if (node.type !== 'element') return [node];
      const { id: _id, ...properties } = node.properties;
      const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
      return [
        depth
          ? { ...node, tagName: 'p', properties: { ...properties, className: ['canvas-heading', `canvas-h${depth}`] }, children: tidy(node.children) }
          : { ...node, properties, children: tidy(node.children) },
      ];
    });
  return tidy(tree.children);
}

/** A text card's Markdown, rendered as a piece of the canvas: what it finds is gathered on the canvas's file. */
async function textCard(text: string, session: Drawing): Promise<Root> {
  const { tree, file } = await session.pipeline.tree(text, session.file.path, session.file.data);
  session.notices.push(...noticesOf(file));
  return tree;
}

/** Resolves without leaving the target in the canvas's list of missing links: a card reports its own. */
function quietly<T>(session: Drawing, resolve: () => T): T {
  const { missing } = lookedUpOf(session.file);
  const before = missing.length;
  const result = resolve();
  missing.splice(before);
  return result;
}

function fileCard(node: FileNode, session: Drawing, report: (message: string) => void): Card {
  const { vault, file: canvas } = session;
  const file = node.file.trim();
  const empty: Card = { kind: 'empty', content: [] };
  if (isCanvasFile(file)) {
    // A canvas on a canvas: its name (boards are drawn where notes embed them, not nested in cards).
    return { kind: 'file', content: [h('p', { className: ['canvas-file-name'] }, canvasName(file))] };
  }
  const extension = posix.extname(file);
  if (!extension || /^\.md$/i.test(extension)) {
    const target = file.replace(/\.md$/i, '');
    const note = quietly(session, () => vault.note(target, canvas));
    if (note) {
      const part = node.subpath?.slice(1).split('#').at(-1)?.trim();
      const fragment = part ? (part.startsWith('^') ? blockElementId(part.slice(1)) : headingId(part)) : undefined;
      return { kind: 'note', content: [h('p', { className: ['canvas-note-title'] }, [h('a', { className: ['internal'], href: linkToNote(canvas, vault.urls, note, fragment) }, note.title)])] };
    }
    // Private and missing notes look the same on the board; only the gardener is told which.
    if (vault.isPrivate(target, canvas)) report(`has a card of "${file}", a private note; it is drawn as an empty card`);
    else report(`has a card of "${file}", which is not in the vault; it is drawn as an empty card`);
    return empty;
  }
  const url = quietly(session, () => vault.attachment(file, canvas));
  if (!url) {
    report(`has a card of "${file}", which is not in the vault; it is drawn as an empty card`);
    return empty;
  }
  if (isImageFile(file)) return { kind: 'image', content: [h('img', { src: url, alt: fileName(file).replace(/\.[^.]+$/, ''), loading: 'lazy' })] };
  return { kind: 'file', content: [h('p', { className: ['canvas-file-name'] }, [h('a', { className: ['attachment'], href: url }, fileName(file))])] };
}

/** A link card's URL, when it is one a page may link to: http or https only (no `javascript:`, `data:`…). */
export function webUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function linkCard(node: LinkNode, report: (message: string) => void): Card {
  const href = webUrl(node.url);
  const shown = node.url.length > LIMITS.label ? `${node.url.slice(0, LIMITS.label)}…` : node.url;
  if (!href) {
    report(`has a link card to ${JSON.stringify(shown.slice(0, 60))}, which is not a web address (http or https); it is shown as text`);
    return { kind: 'link', content: [h('p', { className: ['canvas-url'] }, shown)] };
  }
  return { kind: 'link', content: [h('p', { className: ['canvas-url'] }, [h('a', { className: ['external'], href }, shown)])] };
}

function groupCard(node: GroupNode, session: Drawing, report: (message: string) => void): Card {
  if (!node.background) return { kind: 'group', content: [] };
  const url = isImageFile(node.background) ? quietly(session, () => session.vault.attachment(node.background!, session.file)) : undefined;
  if (!url) {
    report(`has a group whose background "${node.background}" is not an image in the vault; it is drawn without it`);
    return { kind: 'group', content: [] };
  }
  // Decorative: the group's label names it.
  const style = node.backgroundStyle === 'ratio' ? 'ratio' : node.backgroundStyle === 'repeat' ? 'repeat' : 'cover';
  return { kind: 'group', content: [h('img', { className: ['canvas-background', `canvas-background-${style}`], src: url, alt: '', loading: 'lazy' })] };
}
