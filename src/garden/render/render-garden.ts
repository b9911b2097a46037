import type { NoteDraft } from '../normalize/normalize-notes.ts';
import type { Problems } from '../report/problems.ts';
import { renderNotes } from './render-notes.ts';
import type { LinkWorld, RenderedResult } from './render-types.ts';
import { forbiddenXmlCharacters } from '../emit/xml-text.ts';

/** A draft with its rendered body and what rendering found in it. */
export interface RenderedDraft {
  draft: NoteDraft;
  rendered: RenderedResult;
}

/**
 * Stage 5: every shared note rendered to sanitized HTML. A note that cannot be rendered is
 * reported and left out; what rendering noticed (missing links, unclosed comments) is reported.
 */
export async function render(drafts: NoteDraft[], world: LinkWorld, cacheDir: string | undefined, problems: Problems): Promise<RenderedDraft[]> {
  const results = await renderNotes(
    drafts.map((d) => ({ path: d.path, text: d.source.text, title: d.title, slug: d.slug })),
    world,
    cacheDir,
  );
  const rendered: RenderedDraft[] = [];
  drafts.forEach((draft, i) => {
    const result = results[i]!;
    if (!result.ok) {
      problems.error(draft.path, `could not be rendered, so it is not published: ${result.error}`);
      return;
    }
    for (const target of result.missing) problems.warn(draft.path, `links to "${target}", which is not in the vault`);
    for (const notice of result.notices) problems.warn(draft.path, notice);
    reportForbiddenXml(draft, result, problems);
    rendered.push({ draft, rendered: result });
  });
  return rendered;
}

/** A note whose text holds characters XML forbids is told that the feed leaves them out. */
function reportForbiddenXml(draft: NoteDraft, result: RenderedResult, problems: Problems): void {
  const html = result.body.flatMap((chunk) => chunk.parts.filter((part): part is string => typeof part === 'string')).join('');
  const forbidden = forbiddenXmlCharacters(`${draft.title}\n${draft.description ?? ''}\n${html}`);
  if (forbidden) {
    problems.warn(draft.path, `contains ${forbidden} character${forbidden === 1 ? '' : 's'} XML forbids (control characters, U+FFFE, U+FFFF); they are left out of the feed`);
  }
}
