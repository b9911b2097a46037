import type { SharedSource } from '../publish/decide.ts';
import type { Problems } from '../problems.ts';
import type { DateSources, Growth, GrowthState, NoteSlug, VaultPath } from '../types.ts';
import { stem } from '../collect/walk-vault.ts';
import { publishedField } from './published-fields.ts';
import { noteTitle } from './title.ts';
import { assignSlugs, boundSlug, slugifyPath, slugifySegment } from './slug.ts';
import { readState } from './state.ts';
import { readMood } from './mood.ts';
import { frontmatterTags } from './tags.ts';
import { chooseDates, type DateRule } from './vault-dates.ts';
import { readAliases } from './aliases.ts';
import { upTarget } from './up.ts';
import { readLanguage } from './language.ts';
import { readCover } from './cover.ts';
import { cleanLabel, quoted } from './text.ts';

/** Stage 3: a shared note with every contract rule applied to what its frontmatter says. */
export interface NoteDraft {
  source: SharedSource;
  path: VaultPath;
  title: string;
  /** The body's line (1-based) of the `# heading` that is the title, shown once as the page's title. */
  titleLine?: number;
  slug: NoteSlug;
  state: GrowthState;
  mood?: { name: string; slug: string };
  /** Tags as written in the frontmatter (inline tags are found while rendering). */
  frontmatterTags: string[];
  created?: string;
  updated?: string;
  dateSources: DateSources;
  description?: string;
  /** The language its content is in, when the note names one (`lang`). */
  lang?: string;
  /** The image it names as its own (`image`, `cover`, `banner`), as written. */
  cover?: string;
  aliases: string[];
  /** The link target `up` names, resolved once every note is known. */
  up?: string;
  /** How it grew, from the vault's git history (growth.ts). */
  growth?: Growth;
}

/** The slug a note asks for: its `slug` field, else its file name; shortened if too long for a web address. */
function wantedSlug(source: SharedSource, problems: Problems): string {
  const wanted = publishedField(source.data, 'slug');
  let slug = '';
  if (typeof wanted === 'string' || typeof wanted === 'number') {
    slug = slugifyPath(String(wanted));
    if (!slug) problems.warn(source.path, `slug ${quoted(wanted)} has nothing usable; the file name is used`);
  }
  slug ||= slugifySegment(stem(source.path));
  const bounded = boundSlug(slug);
  if (bounded !== slug) problems.warn(source.path, `slug ${quoted(slug)} is too long for a web address; shortened to /${bounded}/`);
  return bounded;
}

/** Dates from the frontmatter only, when no vault times were collected. */
const WRITTEN_DATES: DateRule = { order: ['frontmatter'], times: {} };

export function normalize(shared: SharedSource[], timeZone: string, problems: Problems, dateRule = WRITTEN_DATES): NoteDraft[] {
  // Slugs are given among shared notes only: a private note never takes a slug or bumps another's.
  const assigned = assignSlugs(shared.map((source) => ({ path: source.path, wanted: wantedSlug(source, problems) })));
  for (const change of assigned.changed) problems.warn(change.path, `published at /${change.slug}/: ${change.reason}`);

  return shared.flatMap((source) => {
    // One note's frontmatter must not stop the build: whatever its rules could not read, it is reported and left out.
    try {
      return [draftOf(source, assigned.slugs.get(source.path)!, timeZone, dateRule, problems)];
    } catch (error) {
      problems.error(source.path, `could not be read, so it is not published: ${(error as Error).message}`);
      return [];
    }
  });
}

function draftOf(source: SharedSource, slug: NoteSlug, timeZone: string, dateRule: DateRule, problems: Problems): NoteDraft {
  const { data, path } = source;
  const { state, problem } = readState(data);
  if (problem) problems.warn(path, problem);
  const dates = chooseDates(path, data, timeZone, dateRule);
  for (const message of [...dates.unreadable, ...dates.warnings]) problems.warn(path, message);
  const mood = readMood(data);
  if (mood.problem) problems.warn(path, mood.problem);
  const language = readLanguage(data);
  const cover = readCover(data);
  if (language.problem) problems.warn(path, language.problem);
  const { title, headingLine } = noteTitle(data, source.frontmatter.body, path);
  return {
    source,
    path,
    title,
    ...(headingLine === undefined ? {} : { titleLine: headingLine }),
    slug,
    state,
    mood: mood.mood,
    frontmatterTags: frontmatterTags(publishedField(data, 'tags')),
    created: dates.created,
    updated: dates.updated,
    dateSources: dates.sources,
    description: cleanLabel(publishedField(data, 'description')) || undefined,
    ...(language.lang ? { lang: language.lang } : {}),
    ...(cover ? { cover } : {}),
    aliases: readAliases(data),
    up: upTarget(data),
  };
}
