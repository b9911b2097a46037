import { createHash } from 'node:crypto';
import posix from 'node:path/posix';
import { LinkLookup } from '../link/link-lookup.ts';
import { boundSegment, slugifySegment } from '../normalize/slug.ts';
import { tagSegments, tagUrlPath } from '../normalize/tags.ts';
import { siteUrls, type SiteUrls, type SitePath } from '../urls.ts';
import { cjkWords, renderMarkdown } from './markdown/pipeline.ts';
import { MAX_NESTING, nestingDepth } from './nesting.ts';
import { plainTextBody } from './plain-text.ts';
import type { RenderContext } from './markdown/context.ts';
import type { LinkWorld, RenderJob, RenderResult } from './render-types.ts';

/** The name an attachment is published under: its slugified name and a hash of its vault path. */
export function attachmentFileName(file: string): string {
  // Within a file name's 255 bytes however long the vault's name is: a cut name, an extension only if short.
  const extension = posix.extname(file);
  const ext = Buffer.byteLength(extension) <= 16 ? extension.toLowerCase() : '';
  const name = boundSegment(slugifySegment(posix.basename(file, extension)) || 'file');
  // The hash keeps two files of one name apart without showing the vault's folder names.
  const hash = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return `${name}-${hash}${ext}`;
}

export const attachmentUrl = (urls: SiteUrls, file: string): SitePath => urls.attachment(attachmentFileName(file));

/** A canvas file (JSON Canvas, Obsidian's boards): drawn as a board, never copied as an attachment. */
export const isCanvasFile = (file: string) => /\.canvas$/i.test(file);

/** One render's context, and what it gathered that the context does not carry. */
export interface RenderSession {
  context: RenderContext;
  /** Link targets found nowhere in the vault. */
  missing: string[];
  /** Vault paths of the attachments it used. */
  attachments: Set<string>;
  /** Every link target it asked the vault about: what its rendering depends on besides its own text. */
  targets: Set<string>;
}

/**
 * Makes render contexts against the given link world: one per note, links resolved from `path`
 * (a note's, or a canvas's for its text cards and file cards).
 */
export function createLinker(world: LinkWorld): (path: string, title: string, slug: string) => RenderSession {
  const lookup = new LinkLookup(world);
  const urls = siteUrls(world.site.url, world.site.base);
  const tagUrl = (raw: string) => {
    const segments = tagSegments(raw);
    return segments ? urls.tag(tagUrlPath(segments)) : undefined;
  };
  return (path, title, slug) => {
    const found = { missing: [] as string[], attachments: new Set<string>(), targets: new Set<string>() };
    const context: RenderContext = {
      title,
      slug,
      urls,
      ...resolvers(lookup, path, urls, found),
      tagUrl,
      links: new Set(),
      fragmentLinks: [],
      noteHrefs: new Map(),
      embeds: [],
      inlineTags: [],
      blockIds: [],
      notices: [],
      uses: { math: false, diagrams: false },
    };
    return { context, ...found };
  };
}

/**
 * The render context's lookups, from `path`. Every lookup of a target goes through `note` and
 * `attachment` here, so the session's `targets` lists each target asked about (what the render
 * cache checks: link-lookup.ts answers for the canvas and shared-note lookups too).
 */
function resolvers(lookup: LinkLookup, path: string, urls: SiteUrls, session: Omit<RenderSession, 'context'>) {
  const { missing, attachments, targets } = session;
  const note = (target: string) => (targets.add(target), lookup.note(target, path));
  const attachment = (target: string) => (targets.add(target), lookup.attachment(target, path));
  return {
    resolveNote(target: string) {
      const found = note(target);
      if (found === undefined && attachment(target) === undefined) missing.push(target);
      return found === undefined ? undefined : lookup.sharedNote(found);
    },
    isPrivate(target: string) {
      const found = note(target);
      return found !== undefined && !lookup.sharedNote(found);
    },
    resolveAttachment(target: string) {
      const found = attachment(target);
      if (found === undefined) {
        // A Markdown image or link to a file the vault lacks is as broken as a missing note.
        if (note(target) === undefined) missing.push(target);
        return undefined;
      }
      // A canvas's JSON is never published as a file (canvas links and embeds are slots).
      if (isCanvasFile(found)) return undefined;
      attachments.add(found);
      return attachmentUrl(urls, found);
    },
    resolveCanvas(target: string) {
      if (isCanvasFile(target)) {
        const found = attachment(target);
        return found !== undefined && isCanvasFile(found) ? found : undefined;
      }
      // `[[Board]]` is the canvas only when no note answers to that name, as in Obsidian.
      if (!target.trim() || note(target) !== undefined) return undefined;
      return lookup.attachment(`${target}.canvas`, path);
    },
  } satisfies Partial<RenderContext>;
}

/** A function that renders one note at a time against the given link world. */
export function createRenderer(world: LinkWorld): (job: RenderJob) => Promise<RenderResult> {
  const linker = createLinker(world);
  return async (job) => {
    const depth = nestingDepth(job.bodyStart > 0 ? job.text.slice(job.bodyStart) : job.text);
    if (depth > MAX_NESTING) return asPlainText(job, `nests ${depth} levels deep (more than ${MAX_NESTING}); published as plain text`);
    const { context, missing, attachments, targets } = linker(job.path, job.title, job.slug);
    if (job.titleLine !== undefined) context.titleLine = job.titleLine;
    try {
      const rendered = await renderMarkdown(job.text, context);
      return {
        path: job.path,
        ok: true,
        ...rendered,
        links: [...context.links],
        fragmentLinks: context.fragmentLinks,
        embeds: context.embeds,
        inlineTags: context.inlineTags,
        blockIds: context.blockIds,
        missing: [...new Set(missing)],
        notices: context.notices,
        ...(context.namesPrivateNotes ? { namesPrivateNotes: true as const } : {}),
        attachments: [...attachments],
        targets: [...targets],
        hasMath: context.uses.math,
        hasDiagram: context.uses.diagrams,
      };
    } catch (error) {
      // Nesting the estimate missed (it errs high, so this should not happen): the words, not nothing.
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        return asPlainText(job, `is nested too deeply to render (${error.message}); published as plain text`);
      }
      return { path: job.path, ok: false, kind: 'error', error: (error as Error).message };
    }
  };
}

/** A note published as the words of its body, with why. */
function asPlainText(job: RenderJob, notice: string): RenderResult {
  // Without a known body the frontmatter could not be told from the text: nothing is published.
  if (job.bodyStart < 0) return { path: job.path, ok: false, kind: 'error', error: notice.replace(/; published as plain text$/, '') };
  const plain = plainTextBody(job.text.slice(job.bodyStart));
  return {
    path: job.path,
    ok: true,
    body: [{ parts: [plain.html] }],
    blocks: {},
    blockIds: [],
    headings: [],
    headingIds: [],
    excerpt: plain.excerpt,
    searchTerms: cjkWords(plain.text),
    linkContexts: {},
    links: [],
    fragmentLinks: [],
    embeds: [],
    inlineTags: [],
    missing: [],
    notices: [notice],
    attachments: [],
    targets: [],
    hasMath: false,
    hasDiagram: false,
  };
}
