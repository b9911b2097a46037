import type { BasePage, VaultPath } from '../../types.ts';
import type { BaseAddress } from '../../link/link-world.ts';
import type { RenderedDraft } from '../../render/render-garden.ts';
import type { RenderedCanvas } from '../../render/canvas/render-canvases.ts';
import { baseViewId, isViewSlot } from '../../render/markdown/findings.ts';
import type { ViewNote, ViewOutcome } from './types.ts';
import { drawView, unavailableView, type Pen } from './draw-view.ts';

/*
 * A `.base` file has no frontmatter, so no `share` of its own: it is published when a shared note
 * links it (`[[Books.base]]`) or embeds it (`![[Books.base]]`), as a page of every view it
 * holds, beside the notes' pages. A base no shared note names is never read.
 */

/** The bases shared notes (and the boards they show) link or embed, each once, with the files that name it. */
export function basesShown(rendered: RenderedDraft[], canvases: Iterable<RenderedCanvas> = []): Map<string, VaultPath[]> {
  const shown = new Map<string, VaultPath[]>();
  const name = (base: string, by: VaultPath) => {
    const naming = shown.get(base);
    if (!naming) shown.set(base, [by]);
    else if (!naming.includes(by)) naming.push(by);
  };
  for (const { draft, rendered: result } of rendered) {
    for (const slot of result.embeds.filter(isViewSlot)) if (slot.view === 'base-file') name(slot.source, draft.path);
    for (const base of result.baseLinks ?? []) name(base, draft.path);
  }
  for (const canvas of canvases) for (const base of canvas.baseLinks) name(base, canvas.path as VaultPath);
  return shown;
}

/** The base as its own page's `this`, as Obsidian has it for a base opened on its own: a file with no properties. */
export function baseAsThis(address: BaseAddress, namedBy: VaultPath[], size: number): ViewNote {
  return {
    path: address.path,
    slug: address.slug,
    title: address.title,
    properties: {},
    inlineFields: {},
    tags: [],
    links: [],
    embeds: [],
    backlinks: namedBy,
    ctime: '',
    mtime: '',
    size,
    tasks: [],
  };
}

/** The page of one base: every view it could show, or the line saying its views are not published. */
export function basePage(address: BaseAddress, outcome: ViewOutcome | undefined, pen: Pen): BasePage {
  const html = outcome?.views.length ? outcome.views.map((view) => drawView(view, pen, view.name ? baseViewId(view.name) : undefined)).join('') : unavailableView(pen.words);
  return { slug: address.slug, path: address.path, title: address.title, html };
}
