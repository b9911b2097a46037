import type { Problems } from '../../problems.ts';
import type { BasePage, NoteSlug, VaultPath } from '../../types.ts';
import type { PropertyType } from '../../collect/read-property-types.ts';
import type { RenderedDraft } from '../../render/render-garden.ts';
import type { LinkWorld } from '../../link/link-world.ts';
import type { SiteUrls } from '../../urls.ts';
import { isViewSlot, viewKey, type ViewSlot } from '../../render/markdown/findings.ts';
import type { Cell, ViewContext, ViewOutcome, ViewProblem, ViewResult } from './types.ts';
import { viewNotes } from './view-notes.ts';
import { basePage, baseAsThis } from './base-pages.ts';
import { drawCode, drawInline, drawView, unavailableInline, unavailableView, type Pen, type ViewWords } from './draw-view.ts';

/** The engines that evaluate views (engines.ts binds Bases' and Dataview's). */
export interface ViewEngines {
  base(source: string, context: ViewContext, view?: string): ViewOutcome;
  /** Every view of a base, for its own page. */
  basePage(source: string, context: ViewContext): ViewOutcome;
  dataview(query: string, context: ViewContext): ViewOutcome;
  inline(expression: string, context: ViewContext): Cell | ViewProblem;
  inlineFields(text: string): Record<string, string[]>;
}

/** Every view slot's HTML by its key (`viewKey`), the shared notes each note's views link to (their links are backlinks), and the bases' pages. */
export interface DrawnViews {
  html: Map<string, string>;
  links: Map<NoteSlug, NoteSlug[]>;
  pages: BasePage[];
  /** Vault paths of the images cards show, published like a shared note's attachments. */
  images: string[];
  /** The line that stands in for a view no note holds (in a canvas's text card), in the garden's language. */
  unavailable: string;
}

export interface ViewSettings {
  engines: ViewEngines;
  /** The `.base` files shared notes link or embed, by vault path (collect/read-bases.ts)… */
  bases: Map<string, string>;
  /** …and the files that name each (base-pages.ts): each base gets a page. */
  basesShown: Map<string, VaultPath[]>;
  /** The vault's property types (collect/read-property-types.ts). */
  propertyTypes: Map<string, PropertyType>;
  now: Date;
  timeZone: string;
  /** The words a view writes itself, in the garden's language. */
  words: ViewWords;
}

const KIND_NAMES: Record<ViewSlot['view'], string> = { base: 'base block', dataview: 'Dataview query', 'inline-query': 'inline Dataview query', 'base-file': 'base' };

/** Whether any shared note shows a view: a garden without one (and without a base linked) reads nothing for them. */
export const showsViews = (rendered: RenderedDraft[]): boolean => rendered.some(({ rendered: result }) => result.embeds.some(isViewSlot));

/** The notes a view's cells link to, by slug. */
function linkedSlugs(views: ViewResult[]): NoteSlug[] {
  const found = new Set<NoteSlug>();
  const visit = (cell: Cell | undefined) => {
    if (cell?.kind === 'note') found.add(cell.note.slug);
    else if (cell?.kind === 'list') cell.items.forEach(visit);
  };
  for (const view of views) for (const group of view.groups) for (const row of group.rows) {
    if (row.note) found.add(row.note.slug);
    row.cells.forEach(visit);
  }
  return [...found];
}

/** One slot evaluated: what it shows, the notes it links to; its problems reported against the file that holds the view. */
function drawSlot(slot: ViewSlot, note: string, context: ViewContext, settings: ViewSettings, pen: Pen, problems: Problems): { html: string; links: NoteSlug[] } {
  const report = (file: string, first: number, problem: ViewProblem) =>
    problems.warn(file, `${KIND_NAMES[slot.view]}${problem.line ? ` at line ${first + problem.line - 1}` : ''}: ${problem.message}`);
  if (slot.view === 'inline-query') {
    const value = settings.engines.inline(slot.source, context);
    // Code that only looks like a query (`=SUM(A1:A3)`) stays the code it was written as.
    if ('message' in value && value.unreadable) {
      report(note, slot.line, { line: 1, message: `${value.message}; it is shown as the code it is written as` });
      return { html: drawCode(slot.written.slice(1, -1)), links: [] };
    }
    if ('message' in value) {
      report(note, slot.line, { line: 1, message: value.message });
      return { html: unavailableInline(pen.words), links: [] };
    }
    return { html: drawInline(value, pen), links: value.kind === 'note' ? [value.note.slug] : [] };
  }
  const source = slot.view === 'base-file' ? settings.bases.get(slot.source) : slot.source;
  if (source === undefined) return { html: unavailableView(pen.words), links: [] };
  const outcome = slot.view === 'dataview' ? settings.engines.dataview(source, context) : settings.engines.base(source, context, slot.name);
  // A base file's problems are its own, whichever note embeds it; a block's are its note's.
  const [file, first] = slot.view === 'base-file' ? [slot.source, 1] : [note, slot.line];
  for (const problem of outcome.problems) report(file, first, problem);
  if (!outcome.views.length) return { html: unavailableView(pen.words), links: [] };
  return { html: outcome.views.map((view) => drawView(view, pen)).join(''), links: linkedSlugs(outcome.views) };
}

/** The pages of the bases shared notes link or embed, every view of each evaluated with the base as `this`. */
function drawBasePages(world: LinkWorld, evaluating: Omit<ViewContext, 'self'>, settings: ViewSettings, pen: Pen, problems: Problems): BasePage[] {
  const addresses = new Map(world.bases.map((address) => [address.path as string, address]));
  return [...settings.basesShown].flatMap(([path, namedBy]) => {
    const address = addresses.get(path);
    if (!address) return [];
    const source = settings.bases.get(path);
    const self = baseAsThis(address, namedBy, Buffer.byteLength(source ?? ''));
    const outcome = source === undefined ? undefined : settings.engines.basePage(source, { ...evaluating, self });
    for (const problem of outcome?.problems ?? []) problems.warn(path, `base${problem.line ? ` at line ${problem.line}` : ''}: ${problem.message}`);
    return [basePage(address, outcome, pen)];
  });
}

/**
 * The views shared notes show, evaluated over the shared notes only (view-notes.ts), each with the
 * note that shows it as `this`, and the pages of the bases they link or embed. A garden without
 * views reads nothing for them.
 */
export function drawViews(rendered: RenderedDraft[], world: LinkWorld, urls: SiteUrls, settings: ViewSettings, problems: Problems): DrawnViews {
  const drawn: DrawnViews = { html: new Map(), links: new Map(), pages: [], images: [], unavailable: unavailableView(settings.words) };
  if (!showsViews(rendered) && !settings.basesShown.size) return drawn;
  const pen: Pen = { urls, words: settings.words };
  const showing = rendered.filter(({ rendered: result }) => result.embeds.some(isViewSlot));
  const { notes, resolveLink, resolveImage, images } = viewNotes(rendered, world, urls, { inlineFields: settings.engines.inlineFields, propertyTypes: settings.propertyTypes });
  const evaluating = { notes, resolveLink, resolveImage, now: settings.now, timeZone: settings.timeZone };
  const byPath = new Map(notes.map((note) => [note.path, note]));
  for (const { draft, rendered: result } of showing) {
    const context: ViewContext = { ...evaluating, self: byPath.get(draft.path)! };
    const links = new Set<NoteSlug>();
    for (const slot of result.embeds.filter(isViewSlot)) {
      const { html, links: linked } = drawSlot(slot, draft.path, context, settings, pen, problems);
      drawn.html.set(viewKey(draft.path, slot), html);
      for (const slug of linked) if (slug !== draft.slug) links.add(slug);
    }
    drawn.links.set(draft.slug, [...links]);
  }
  drawn.pages = drawBasePages(world, evaluating, settings, pen, problems);
  drawn.images = [...images];
  return drawn;
}
