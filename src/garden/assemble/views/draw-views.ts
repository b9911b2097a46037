import type { Problems } from '../../problems.ts';
import type { NoteSlug } from '../../types.ts';
import type { PropertyType } from '../../collect/read-property-types.ts';
import type { RenderedDraft } from '../../render/render-garden.ts';
import type { LinkWorld } from '../../link/link-world.ts';
import type { SiteUrls } from '../../urls.ts';
import { isViewSlot, viewKey, type ViewSlot } from '../../render/markdown/findings.ts';
import type { Cell, ViewContext, ViewOutcome, ViewProblem, ViewResult } from './types.ts';
import { viewNotes } from './view-notes.ts';
import { drawCode, drawInline, drawView, UNAVAILABLE_INLINE, UNAVAILABLE_VIEW } from './draw-view.ts';

/** The engines that evaluate views (engines.ts binds Bases' and Dataview's). */
export interface ViewEngines {
  base(source: string, context: ViewContext, view?: string): ViewOutcome;
  dataview(query: string, context: ViewContext): ViewOutcome;
  inline(expression: string, context: ViewContext): Cell | ViewProblem;
  inlineFields(text: string): Record<string, string[]>;
}

/** Every view slot's HTML by its key (`viewKey`), and the shared notes each note's views link to (their links are backlinks). */
export interface DrawnViews {
  html: Map<string, string>;
  links: Map<NoteSlug, NoteSlug[]>;
}

export interface ViewSettings {
  engines: ViewEngines;
  /** The `.base` files shared notes embed, by vault path (collect/read-bases.ts). */
  bases: Map<string, string>;
  /** The vault's property types (collect/read-property-types.ts). */
  propertyTypes: Map<string, PropertyType>;
  now: Date;
  timeZone: string;
}

const KIND_NAMES: Record<ViewSlot['view'], string> = { base: 'base block', dataview: 'Dataview query', 'inline-query': 'inline Dataview query', 'base-file': 'base' };

/** Whether any shared note shows a view: a garden without one reads nothing for them. */
export const showsViews = (rendered: RenderedDraft[]): boolean => rendered.some(({ rendered: result }) => result.embeds.some(isViewSlot));

/** The vault paths of the bases shared notes embed. */
export const basesEmbedded = (rendered: RenderedDraft[]): string[] =>
  rendered.flatMap(({ rendered: result }) => result.embeds.filter(isViewSlot).flatMap((slot) => (slot.view === 'base-file' ? [slot.source] : [])));

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
function drawSlot(slot: ViewSlot, note: string, context: ViewContext, settings: ViewSettings, urls: SiteUrls, problems: Problems): { html: string; links: NoteSlug[] } {
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
      return { html: UNAVAILABLE_INLINE, links: [] };
    }
    return { html: drawInline(value, urls), links: value.kind === 'note' ? [value.note.slug] : [] };
  }
  const source = slot.view === 'base-file' ? settings.bases.get(slot.source) : slot.source;
  if (source === undefined) return { html: UNAVAILABLE_VIEW, links: [] };
  const outcome = slot.view === 'dataview' ? settings.engines.dataview(source, context) : settings.engines.base(source, context, slot.name);
  // A base file's problems are its own, whichever note embeds it; a block's are its note's.
  const [file, first] = slot.view === 'base-file' ? [slot.source, 1] : [note, slot.line];
  for (const problem of outcome.problems) report(file, first, problem);
  if (!outcome.views.length) return { html: UNAVAILABLE_VIEW, links: [] };
  return { html: outcome.views.map((view) => drawView(view, urls)).join(''), links: linkedSlugs(outcome.views) };
}

/**
 * The views shared notes show, evaluated over the shared notes only (view-notes.ts), each with the
 * note that shows it as `this`. A garden without views reads nothing for them.
 */
export function drawViews(rendered: RenderedDraft[], world: LinkWorld, urls: SiteUrls, settings: ViewSettings, problems: Problems): DrawnViews {
  const drawn: DrawnViews = { html: new Map(), links: new Map() };
  const showing = rendered.filter(({ rendered: result }) => result.embeds.some(isViewSlot));
  if (!showing.length) return drawn;
  const { notes, resolveLink } = viewNotes(rendered, world, { inlineFields: settings.engines.inlineFields, propertyTypes: settings.propertyTypes });
  const byPath = new Map(notes.map((note) => [note.path, note]));
  for (const { draft, rendered: result } of showing) {
    const context: ViewContext = { notes, self: byPath.get(draft.path)!, resolveLink, now: settings.now, timeZone: settings.timeZone };
    const links = new Set<NoteSlug>();
    for (const slot of result.embeds.filter(isViewSlot)) {
      const { html, links: linked } = drawSlot(slot, draft.path, context, settings, urls, problems);
      drawn.html.set(viewKey(draft.path, slot), html);
      for (const slug of linked) if (slug !== draft.slug) links.add(slug);
    }
    drawn.links.set(draft.slug, [...links]);
  }
  return drawn;
}
