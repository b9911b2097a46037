import type { RenderedDraft } from '../../render/render-garden.ts';
import type { LinkWorld } from '../../link/link-world.ts';
import { LinkLookup } from '../../link/link-lookup.ts';
import { isNoteSlot } from '../../render/markdown/findings.ts';
import type { PropertyType } from '../../collect/read-property-types.ts';
import { withoutComments } from '../../render/markdown/obsidian-comments.ts';
import { attachmentUrl } from '../../render/renderer.ts';
import { isImageFile } from '../../collect/walk-vault.ts';
import type { SiteUrls } from '../../urls.ts';
import type { LinkResolution, ViewNote, ViewTask } from './types.ts';

/*
 * The shared notes as views see them. Only rendered shared notes become ViewNotes, so no view can
 * count, list or link a private note: a link a shared note wrote to one resolves to nothing, and
 * shows as the words it wrote. Properties are the shared note's own frontmatter, read by the view
 * only to show what the view asks of it (README, "Your vault").
 */

// A task in a list, also inside quotes and callouts (`> - [ ] …`), as Dataview reads them.
const TASK = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[(.)\][ \t]+(.*)$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

/** The tasks (`- [ ] …`) of a note's text, outside code blocks, with their lines. */
export function tasksOf(text: string): ViewTask[] {
  const tasks: ViewTask[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const opened = FENCE.exec(raw)?.[1];
    if (opened && (!fence || opened.startsWith(fence))) fence = fence ? undefined : opened[0]!.repeat(3);
    if (fence) return;
    const task = TASK.exec(raw);
    if (task) tasks.push({ text: task[2]!.trim(), status: task[1]!, completed: task[1] !== ' ', line: i + 1 });
  });
  return tasks;
}

const LISTS = new Set<PropertyType>(['multitext', 'tags', 'aliases']);
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

/** A property's value as Obsidian reads it under the vault's declared type: one value of a list property is a list of one. */
function typed(value: unknown, type: PropertyType | undefined): unknown {
  if (value === null || value === undefined || type === undefined) return value;
  if (LISTS.has(type)) return Array.isArray(value) ? value : [value];
  if (type === 'number' && typeof value === 'string' && NUMBER.test(value.trim())) return Number(value);
  if (type === 'checkbox' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
}

/** One rendered shared note as a view sees it; `backlinks` are filled once every note is known. */
function viewNote({ draft, rendered }: RenderedDraft, pathOf: Map<string, string>, reading: ViewReading): ViewNote {
  const { source } = draft;
  const written: Record<string, unknown> = source.frontmatter.ok ? source.frontmatter.data : {};
  const properties = Object.fromEntries(Object.entries(written).map(([key, value]) => [key, typed(value, reading.propertyTypes.get(key.toLowerCase()))]));
  // What a comment hides on the page is hidden from views too.
  const body = withoutComments(source.frontmatter.ok ? source.frontmatter.body : source.text);
  const linked = (slugs: string[]) => [...new Set(slugs.flatMap((slug) => pathOf.get(slug) ?? []))];
  return {
    path: draft.path,
    slug: draft.slug,
    title: draft.title,
    properties,
    inlineFields: reading.inlineFields(body),
    tags: [...new Set([...draft.frontmatterTags, ...rendered.inlineTags])],
    links: linked(rendered.links),
    embeds: [...linked(rendered.embeds.filter(isNoteSlot).map((slot) => slot.note)), ...rendered.attachments],
    backlinks: [],
    ctime: draft.created ?? '',
    mtime: draft.updated ?? draft.created ?? '',
    size: Buffer.byteLength(source.text),
    tasks: tasksOf(body),
  };
}

/** How a note's text and properties are read for views: Dataview's inline fields, the vault's property types. */
export interface ViewReading {
  inlineFields: (text: string) => Record<string, string[]>;
  propertyTypes: Map<string, PropertyType>;
}

/** The shared notes as views see them, and resolvers of the links and images they name. */
export interface ViewWorld {
  notes: ViewNote[];
  resolveLink: (target: string, from: string) => LinkResolution;
  resolveImage: (target: string, from: string) => string | undefined;
  /** Vault paths of the images `resolveImage` answered: published like any attachment a shared note shows. */
  images: Set<string>;
}

export function viewNotes(rendered: RenderedDraft[], world: LinkWorld, urls: SiteUrls, reading: ViewReading): ViewWorld {
  const pathOf = new Map(rendered.map(({ draft }) => [draft.slug, draft.path]));
  const notes = rendered.map((one) => viewNote(one, pathOf, reading));
  const byPath = new Map<string, ViewNote>(notes.map((note) => [note.path, note]));
  for (const note of notes) for (const target of note.links) byPath.get(target)?.backlinks.push(note.path);
  const lookup = new LinkLookup(world);
  const resolveLink = (target: string, from: string): LinkResolution => {
    const path = lookup.note(target.replace(/\.md$/i, ''), from);
    const note = path === undefined ? undefined : byPath.get(path);
    return note ? { kind: 'note', note } : { kind: 'none' };
  };
  const images = new Set<string>();
  const resolveImage = (target: string, from: string) => {
    const path = lookup.attachment(target, from);
    if (path === undefined || !isImageFile(path)) return undefined;
    images.add(path);
    return attachmentUrl(urls, path);
  };
  return { notes, resolveLink, resolveImage, images };
}
