import type { NoteSlug } from '../types.ts';
import type { VaultFile } from '../collect/walk-vault.ts';
import type { Problems } from '../problems.ts';
import { byGrowthState, type Attachment, type GardenNote, type GrowthEvent, type GrowthState, type TagNode, type Mood } from '../types.ts';
import type { RenderedDraft } from '../render/render-garden.ts';
import type { LinkWorld } from '../link/link-world.ts';
import { attachmentFileName } from '../render/renderer.ts';
import { isCanvasFile } from '../collect/walk-vault.ts';
import { boardsIn, type RenderedCanvas } from '../render/canvas/render-canvases.ts';
import { isCanvasSlot, isViewSlot } from '../render/markdown/findings.ts';
import { VaultIndex } from '../link/resolve.ts';
import type { SiteUrls } from '../urls.ts';
import { newestTendedFirst } from './order.ts';
import { TagRegistry } from './tag-tree.ts';
import { gatherMoods } from './moods.ts';
import { embedNotes, MAX_DEPTH, MAX_EMBEDDED } from './embeds.ts';
import { addBacklinks } from './backlinks.ts';
import { addBreadcrumbs } from './breadcrumbs.ts';
import { addRelated } from './related.ts';
import { excerptOf } from './excerpt.ts';
import { blockElementId } from '../render/markdown/marks.ts';
import type { DrawnViews } from './views/draw-views.ts';
import { coverImages } from './cover-images.ts';
import { recentlyGrown } from './grown.ts';

/** Stage 6: the garden model, every cross-link made among shared notes only. */
export interface Assembled {
  notes: GardenNote[];
  grown: GrowthEvent[];
  tags: Map<string, TagNode>;
  moods: Mood[];
  states: Record<GrowthState, NoteSlug[]>;
  attachments: Attachment[];
}

/** What the build drew besides the notes: canvases' boards, and the views of the vault notes show. */
export interface Drawn {
  canvases: Map<string, RenderedCanvas>;
  views: DrawnViews;
}

export function assemble(rendered: RenderedDraft[], world: LinkWorld, urls: SiteUrls, problems: Problems, drawn: Partial<Drawn> = {}): Assembled {
  const { canvases = new Map(), views = { html: new Map(), links: new Map(), pages: [], images: [], unavailable: '' } } = drawn;
  const registry = new TagRegistry();
  const covers = coverImages(rendered.map(({ draft }) => draft), world, urls, problems);
  const notes = rendered.map(({ draft, rendered: result }): GardenNote => ({
    slug: draft.slug,
    path: draft.path,
    title: draft.title,
    ...(result.titleId === undefined ? {} : { titleId: result.titleId }),
    state: draft.state,
    mood: draft.mood,
    tags: registry.keysOf(draft.path, [...draft.frontmatterTags, ...result.inlineTags], problems),
    created: draft.created,
    updated: draft.updated,
    dateSources: draft.dateSources,
    description: draft.description,
    ...(draft.lang ? { lang: draft.lang } : {}),
    ...(draft.growth ? { growth: draft.growth } : {}),
    ...(covers.urls.has(draft.path) ? { image: covers.urls.get(draft.path)! } : {}),
    aliases: draft.aliases,
    up: [],
    html: '',
    headings: result.headings,
    excerpt: excerptOf(result.excerpt),
    ...(result.searchTerms ? { searchTerms: result.searchTerms } : {}),
    outgoing: linksOf(draft.slug, [...result.links, ...(views.links.get(draft.slug) ?? [])], boardsIn(result.embeds), canvases),
    backlinks: [],
    related: [],
  }));
  const inVaultOrder = [...notes];
  notes.sort(newestTendedFirst);

  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  addPageNeeds(notes, rendered, canvases);
  const bodies = rendered.map(({ draft, rendered: result }) => ({ slug: draft.slug, path: draft.path, title: draft.title, body: result.body, blocks: result.blocks }));
  const html = embedNotes(bodies, urls, problems, { canvases, homes: canvasHomes(rendered), views: views.html, unavailable: views.unavailable }, (slug) =>
    problems.warn(bySlug.get(slug)!.path, `embeds more than ${MAX_EMBEDDED.toLocaleString('en')} characters of other notes; the embeds past that show only their titles`),
  );
  for (const note of notes) note.html = html.get(note.slug)!;

  reportMissingFragments(rendered, problems);
  addBacklinks(notes, new Map(rendered.map(({ draft, rendered: result }) => [draft.slug, result.linkContexts])));
  addBreadcrumbs(notes, parentResolver(rendered, world, bySlug));
  const moods = gatherMoods(inVaultOrder, notes);
  const tags = registry.tree(notes);
  addRelated(notes, tags);
  return { notes, grown: recentlyGrown(notes), tags, moods, states: byState(notes), attachments: usedAttachments(rendered, canvases, [...views.images, ...covers.files], world, urls) };
}

/**
 * Whether a note's page shows math or a diagram: its own, or those of the notes and canvases it
 * embeds (and they embed), so the page links the stylesheet or loads the script they need.
 */
function addPageNeeds(notes: GardenNote[], rendered: RenderedDraft[], canvases: Map<string, RenderedCanvas>): void {
  const bySlug = new Map(rendered.map(({ draft, rendered: result }) => [draft.slug, result]));
  const canvasNeeds = (path: string, need: 'hasMath' | 'hasDiagram', seen: Set<string>): boolean => {
    const canvas = canvases.get(path);
    if (!canvas?.parts.length || seen.has(`canvas:${path}`)) return false;
    seen.add(`canvas:${path}`);
    return canvas[need] || canvas.parts.some((part) => typeof part !== 'string' && slotNeeds(part, need, seen));
  };
  const slotNeeds = (slot: RenderedDraft['rendered']['embeds'][number], need: 'hasMath' | 'hasDiagram', seen: Set<string>): boolean =>
    isCanvasSlot(slot) ? slot.link === undefined && canvasNeeds(slot.canvas, need, seen) : !isViewSlot(slot) && needs(slot.note, need, seen);
  const needs = (slug: NoteSlug, need: 'hasMath' | 'hasDiagram', seen: Set<string>): boolean => {
    const result = bySlug.get(slug);
    if (!result || seen.has(slug)) return false;
    seen.add(slug);
    return result[need] || result.embeds.some((embed) => slotNeeds(embed, need, seen));
  };
  for (const note of notes) {
    if (needs(note.slug, 'hasMath', new Set())) note.hasMath = true;
    if (needs(note.slug, 'hasDiagram', new Set())) note.hasDiagram = true;
  }
}

/** For each canvas, the shared notes that embed it themselves, by vault path: where links to it go. */
function canvasHomes(rendered: RenderedDraft[]): Map<string, { path: string; slug: NoteSlug }[]> {
  const homes = new Map<string, { path: string; slug: NoteSlug }[]>();
  const byPath = [...rendered].sort((a, b) => (a.draft.path < b.draft.path ? -1 : a.draft.path > b.draft.path ? 1 : 0));
  for (const { draft, rendered: result } of byPath) {
    for (const slot of result.embeds) {
      if (!isCanvasSlot(slot) || slot.link !== undefined) continue;
      const list = homes.get(slot.canvas) ?? [];
      if (!list.some((home) => home.slug === draft.slug)) list.push({ path: draft.path, slug: draft.slug });
      homes.set(slot.canvas, list);
    }
  }
  return homes;
}

/** A note's parent from `up`, resolved like a link, among shared notes. */
function parentResolver(rendered: RenderedDraft[], world: LinkWorld, bySlug: Map<string, GardenNote>) {
  const index = new VaultIndex(world.notes, false);
  const slugByPath = new Map(world.shared.map((s) => [s.path, s.slug]));
  const upOf = new Map(rendered.map(({ draft }) => [draft.slug, draft.up]));
  return (note: GardenNote): GardenNote | undefined => {
    const target = upOf.get(note.slug);
    const found = target ? index.resolve(target, note.path) : undefined;
    const slug = found && slugByPath.get(found.path);
    return slug ? bySlug.get(slug) : undefined;
  };
}

function byState(notes: GardenNote[]): Record<GrowthState, NoteSlug[]> {
  const states = byGrowthState<NoteSlug[]>(() => []);
  for (const note of notes) states[note.state].push(note.slug);
  return states;
}

/**
 * The attachments shared notes use, each once, those of the boards they show and the images their
 * views' cards show: only these are copied into the site. A canvas file itself never is (its board
 * is drawn into the page).
 */
function usedAttachments(rendered: RenderedDraft[], canvases: Map<string, RenderedCanvas>, viewImages: string[], world: LinkWorld, urls: SiteUrls): Attachment[] {
  const byPath = new Map<string, VaultFile>(world.attachments.map((a) => [a.path, a]));
  const used = new Map<string, Attachment>();
  const boards = [...canvases.values()].flatMap((canvas) => (canvas.parts.length ? canvas.attachments : []));
  const paths = [...rendered.flatMap(({ rendered: result }) => result.attachments), ...boards, ...viewImages];
  for (const path of paths) {
    const file = byPath.get(path);
    if (!file || isCanvasFile(path) || used.has(path)) continue;
    const fileName = attachmentFileName(path);
    used.set(path, { source: file.absolute, fileName, url: urls.attachment(fileName) });
  }
  return [...used.values()];
}

/** Links to a heading or block a note does not have are reported: they would land on the page's top. */
function reportMissingFragments(rendered: RenderedDraft[], problems: Problems): void {
  const ids = new Map(rendered.map(({ draft, rendered: r }) => [draft.slug, new Set([...r.headingIds, ...r.blockIds.map(blockElementId)])]));
  for (const { draft, rendered: result } of rendered) {
    for (const link of result.fragmentLinks) {
      const known = ids.get(link.note);
      if (known && !known.has(link.fragment)) {
        problems.warn(draft.path, `links to "${link.written}", but that note has no such ${link.fragment.startsWith('^') ? 'block' : 'heading'}`);
      }
    }
  }
}

/**
 * The shared notes a note links to: from its text, and from the boards of the canvases it embeds,
 * which are part of its page (their note cards, their text cards' links, and the boards drawn in
 * those, as deep as embeds.ts draws them). Obsidian counts a canvas's note cards as the canvas's
 * links; here the canvas has no page of its own, so the page showing the board links to them, and
 * they list it among their backlinks.
 */
function linksOf(slug: NoteSlug, links: NoteSlug[], boards: string[], canvases: Map<string, RenderedCanvas>): NoteSlug[] {
  const found = new Set(links);
  const seen = new Set<string>();
  const queue = boards.map((path) => ({ path, depth: 1 }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const canvas = canvases.get(next.path);
    if (seen.has(next.path) || !canvas?.parts.length || next.depth > MAX_DEPTH) continue;
    seen.add(next.path);
    for (const link of canvas.links) found.add(link);
    queue.push(...canvas.boards.map((path) => ({ path, depth: next.depth + 1 })));
  }
  found.delete(slug);
  return [...found];
}
