import type { NoteDraft } from '../normalize/normalize-notes.ts';
import type { Problems } from '../problems.ts';
import { quoted } from '../normalize/text.ts';
import { renderNotes, WORKER_MEMORY_MB, type RenderOptions } from './render-notes.ts';
import type { LinkWorld, RenderedResult, RenderFailure } from './render-types.ts';
import { forbiddenXmlCharacters } from '../normalize/xml-text.ts';

/** A draft with its rendered body and what rendering found in it. */
export interface RenderedDraft {
  draft: NoteDraft;
  rendered: RenderedResult;
}

/** Why a note is not published, in the gardener's words. */
function failureMessage(failure: RenderFailure, options: RenderOptions): string {
  switch (failure.kind) {
    case 'timeout':
      return `took longer than ${options.timeout} s to render; not published`;
    case 'memory':
      return `needed more than ${WORKER_MEMORY_MB} MB of memory to render; not published`;
    default:
      return `could not be rendered, so it is not published: ${failure.error}`;
  }
}

/**
 * Stage 5: every shared note rendered to sanitized HTML, each within the time budget. A note that
 * cannot be rendered is reported and left out; what rendering noticed (missing links, unclosed
 * comments, nesting too deep to render as Markdown) is reported.
 */
export async function render(drafts: NoteDraft[], world: LinkWorld, options: RenderOptions, problems: Problems): Promise<RenderedDraft[]> {
  const results = await renderNotes(drafts.map(renderJob), world, options);
  const rendered: RenderedDraft[] = [];
  drafts.forEach((draft, i) => {
    const result = results[i]!;
    if (!result.ok) {
      problems.error(draft.path, failureMessage(result, options));
      return;
    }
    for (const target of result.missing) problems.warn(draft.path, `links to ${quoted(target)}, which is not in the vault`);
    for (const notice of result.notices) problems.warn(draft.path, notice);
    reportForbiddenXml(draft, result, problems);
    rendered.push({ draft, rendered: result });
  });
  return rendered;
}

/** What a worker needs of a draft: its text, and where the body starts after the frontmatter. */
function renderJob(draft: NoteDraft) {
  const { text, frontmatter } = draft.source;
  // gray-matter's body is the text after the frontmatter; if it is not (never seen), no body is known.
  const bodyStart = text.endsWith(frontmatter.body) ? text.length - frontmatter.body.length : -1;
  // The title heading's line in the whole file, as the renderer counts lines.
  const titleLine = draft.titleLine !== undefined && bodyStart >= 0 ? lineOf(text, bodyStart) + draft.titleLine - 1 : undefined;
  return { path: draft.path, text, bodyStart, title: draft.title, slug: draft.slug, ...(titleLine === undefined ? {} : { titleLine }) };
}

/** The line (1-based) an offset of a text is on. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** A note whose text holds characters XML forbids is told that the feed leaves them out. */
function reportForbiddenXml(draft: NoteDraft, result: RenderedResult, problems: Problems): void {
  const html = result.body.flatMap((chunk) => chunk.parts.filter((part): part is string => typeof part === 'string')).join('');
  const forbidden = forbiddenXmlCharacters(`${draft.title}\n${draft.description ?? ''}\n${html}`);
  if (forbidden) {
    problems.warn(draft.path, `contains ${forbidden} character${forbidden === 1 ? '' : 's'} XML forbids (control characters, U+FFFE, U+FFFF); they are left out of the feed`);
  }
}
