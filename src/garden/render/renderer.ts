import { createHash } from 'node:crypto';
import { catalogueOf } from '../locale/locale.ts';
import posix from 'node:path/posix';
import { LinkLookup } from '../link/link-lookup.ts';
import { isBaseFile, isCanvasFile } from '../collect/walk-vault.ts';
import { boundSegment, slugifySegment } from '../normalize/slug.ts';
import { tagSegments, tagUrlPath } from '../normalize/tags.ts';
import { siteUrls, type SiteUrls, type SitePath } from '../urls.ts';
import { cjkWords, markdownPipeline } from './markdown/pipeline.ts';
import { MAX_NESTING, nestingDepth } from './nesting.ts';
import { plainTextBody } from './plain-text.ts';
import type { VaultLookups } from './markdown/vault-lookups.ts';
import type { VFile } from 'vfile';
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

/** What a render asked the vault: recorded on its file, for the render cache and the gardener's report. */
export interface LookedUp {
  /** Link targets found nowhere in the vault. */
  missing: string[];
  /** Vault paths of the attachments it used. */
  attachments: Set<string>;
  /** Every link target it asked the vault about: what its rendering depends on besides its own text. */
  targets: Set<string>;
}

declare module 'vfile' {
  interface DataMap {
    lookedUp: LookedUp;
  }
}

export const lookedUpOf = (file: VFile): LookedUp => (file.data.lookedUp ??= { missing: [], attachments: new Set(), targets: new Set() });

/**
 * What the Markdown plugins may ask of the given link world, each link resolved from the asking
 * file's path (a note's, or a canvas's for its text cards and file cards). Every lookup of a target
 * goes through `note` and `attachment` here, so the file's `lookedUp.targets` lists each target
 * asked about (what the render cache checks: link-lookup.ts answers for the canvas and shared-note
 * lookups too).
 */
export function vaultLookups(world: LinkWorld): VaultLookups {
  const lookup = new LinkLookup(world);
  const urls = siteUrls(world.site.url, world.site.base);
  const note = (target: string, file: VFile) => (lookedUpOf(file).targets.add(target), lookup.note(target, file.path));
  const attachment = (target: string, file: VFile) => (lookedUpOf(file).targets.add(target), lookup.attachment(target, file.path));
  return {
    urls,
    plugins: world.plugins,
    words: catalogueOf(world.site.locale ?? 'en-GB'),
    tag(raw) {
      const segments = tagSegments(raw);
      return segments ? urls.tag(tagUrlPath(segments)) : undefined;
    },
    note(target, file) {
      const found = note(target, file);
      if (found === undefined && attachment(target, file) === undefined) lookedUpOf(file).missing.push(target);
      return found === undefined ? undefined : lookup.sharedNote(found);
    },
    isPrivate(target, file) {
      const found = note(target, file);
      return found !== undefined && !lookup.sharedNote(found);
    },
    attachment(target, file) {
      const found = attachment(target, file);
      if (found === undefined) {
        // A Markdown image or link to a file the vault lacks is as broken as a missing note.
        if (note(target, file) === undefined) lookedUpOf(file).missing.push(target);
        return undefined;
      }
      // A canvas's JSON and a base's YAML are never published as files (their embeds are slots).
      if (isCanvasFile(found) || isBaseFile(found)) return undefined;
      lookedUpOf(file).attachments.add(found);
      return attachmentUrl(urls, found);
    },
    canvas(target, file) {
      if (isCanvasFile(target)) {
        const found = attachment(target, file);
        return found !== undefined && isCanvasFile(found) ? found : undefined;
      }
      // `[[Board]]` is the canvas only when no note answers to that name, as in Obsidian.
      if (!target.trim() || note(target, file) !== undefined) return undefined;
      return lookup.attachment(`${target}.canvas`, file.path);
    },
    base(target, file) {
      // `![[Books]]` is the base only when no note answers to that name; a target with an extension
      // of its own (`photo.png`) is never one, and is not looked up again for it.
      if (!isBaseFile(target) && (!target.trim() || /\.[A-Za-z0-9]{1,8}$/.test(target) || note(target, file) !== undefined)) return undefined;
      const found = attachment(isBaseFile(target) ? target : `${target}.base`, file);
      const slug = found === undefined ? undefined : lookup.basePage(found);
      return found !== undefined && slug !== undefined ? { path: found, slug } : undefined;
    },
  };
}

/** A function that renders one note at a time against the given link world. */
export function createRenderer(world: LinkWorld): (job: RenderJob) => Promise<RenderResult> {
  const pipeline = markdownPipeline(vaultLookups(world));
  return async (job) => {
    const depth = nestingDepth(job.bodyStart > 0 ? job.text.slice(job.bodyStart) : job.text);
    if (depth > MAX_NESTING) return asPlainText(job, `nests ${depth} levels deep (more than ${MAX_NESTING}); published as plain text`);
    const note = { slug: job.slug, title: job.title, ...(job.titleLine === undefined ? {} : { titleLine: job.titleLine }) };
    const lookedUp: LookedUp = { missing: [], attachments: new Set(), targets: new Set() };
    try {
      const rendered = await pipeline.note(job.text, job.path, { note, lookedUp });
      return {
        path: job.path,
        ok: true,
        ...rendered,
        missing: [...new Set(lookedUp.missing)],
        attachments: [...lookedUp.attachments],
        targets: [...lookedUp.targets],
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
