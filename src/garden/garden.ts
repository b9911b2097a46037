import fs from 'node:fs/promises';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Garden, GardenNote, GrowthState, Mood, NoteRef, TagNode, Attachment } from './types.ts';
import type { GardenConfig } from './config.ts';
import { Problems } from './problems.ts';
import { collectVault, type VaultFile } from './collect.ts';
import { decodeNote } from './decode.ts';
import { repairMojibake } from './mojibake.ts';
import { parseFrontmatter, field, stringList, type Frontmatter } from './frontmatter.ts';
import { decidePublish } from './publish.ts';
import { assignSlugs, slugifyPath, slugifySegment } from './slug.ts';
import { readState } from './state.ts';
import { cleanLabel, escapeHtml, SpellingGroups } from './text.ts';
import { frontmatterTags, tagSegments, tagUrlPath } from './tags.ts';
import { parseDate } from './dates.ts';
import { VaultIndex, stem } from './resolve.ts';
import { newestTendedFirst } from './order.ts';
import { renderNotes, attachmentUrl } from './render-notes.ts';
import { forbiddenXmlCharacters } from './emit/xml-text.ts';

/*
 * Reads a vault into a garden model. The publish decision is made first, for every file, before
 * anything else is derived: from then on only shared notes are carried forward, and private notes
 * are present only as names in the link index, which answers "not published" for them.
 */

interface SourceNote {
  file: VaultFile;
  text: string;
  data?: Frontmatter;
  shared: boolean;
  aliases: string[];
  path: string;
  /** Why a private note is private. */
  reason?: string;
}

interface SharedDraft {
  source: SourceNote;
  data: Frontmatter;
  title: string;
  slug: string;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

async function readNote(file: VaultFile, problems: Problems): Promise<SourceNote> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file.absolute);
  } catch (error) {
    problems.error(file.path, `cannot be read: ${(error as Error).message}`);
    return { file, text: '', shared: false, aliases: [], path: file.path, reason: 'cannot be read' };
  }
  const decoded = decodeNote(bytes);
  if (decoded.fallback) problems.warn(file.path, 'is not valid UTF-8; read as Windows-1252 (save it as UTF-8 to silence this)');
  const text = repairMojibake(decoded.text);
  const frontmatter = parseFrontmatter(text);
  const decision = decidePublish(frontmatter);
  // Broken YAML in a note meant to be shared loses a publication: an error. Other near-misses warn.
  if (!decision.shared && decision.nearMiss) {
    problems.add(file.path, frontmatter.ok ? 'warning' : 'error', `not published: ${decision.nearMiss}`);
  } else if (!frontmatter.ok) {
    problems.warn(file.path, `private: ${frontmatter.reason}`);
  }
  const data = frontmatter.ok ? frontmatter.data : undefined;
  const aliases = data ? stringList(field(data, 'aliases', 'alias')).map(cleanLabel).filter(Boolean) : [];
  return { file, text, data, shared: decision.shared, aliases, path: file.path, ...(decision.shared ? {} : { reason: decision.reason }) };
}

/** The first `# heading` outside code, as plain text. */
function firstHeading(body: string): string | undefined {
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) fence = fence ? (marker[0] === fence[0] ? undefined : fence) : marker;
    if (fence) continue;
    const heading = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) return toString(fromMarkdown(heading[1]!)).trim() || undefined;
  }
  return undefined;
}

function bodyOf(text: string): string {
  return text.replace(/^---[^\n]*\n[\s\S]*?\n(?:---|\.\.\.)[^\n]*(?:\n|$)/, '');
}

export async function buildGarden(config: GardenConfig): Promise<Garden> {
  const problems = new Problems();
  try {
    const stat = await fs.stat(config.contentDir);
    if (!stat.isDirectory()) throw new Error('not a folder');
  } catch (error) {
    problems.error(config.contentDir, `the vault folder cannot be read: ${(error as Error).message}`);
  }
  const started = performance.now();
  const listing = await collectVault(config.contentDir, problems);
  const sources = await mapLimit(listing.notes, 32, (file) => readNote(file, problems));
  const read = performance.now();
  const privateNotes = sources
    .filter((s) => !s.shared)
    .map((s) => ({ path: s.path, reason: s.reason ?? 'private' }));

  // Titles and slugs of shared notes only: a private note never takes a slug or bumps another's.
  const drafts: SharedDraft[] = [];
  for (const source of sources) {
    if (!source.shared || !source.data) continue;
    const data = source.data;
    const title = cleanLabel(field(data, 'title')) || cleanLabel(firstHeading(bodyOf(source.text))) || cleanLabel(stem(source.path)) || 'Untitled';
    drafts.push({ source, data, title, slug: '' });
  }
  const requests = drafts.map((d) => {
    const wanted = field(d.data, 'slug');
    const fromField = typeof wanted === 'string' || typeof wanted === 'number' ? slugifyPath(String(wanted)) : '';
    if ((typeof wanted === 'string' || typeof wanted === 'number') && !fromField) {
      problems.warn(d.source.path, `slug "${String(wanted)}" has nothing usable; the file name is used`);
    }
    return { path: d.source.path, wanted: fromField || slugifySegment(stem(d.source.path)) };
  });
  const assigned = assignSlugs(requests);
  for (const change of assigned.changed) problems.warn(change.path, `published at /${change.slug}/: ${change.reason}`);
  for (const draft of drafts) draft.slug = assigned.slugs.get(draft.source.path)!;

  const noteIndex = new VaultIndex(sources, false);
  const draftByPath = new Map(drafts.map((d) => [d.source.path, d]));
  const attachmentByPath = new Map(listing.attachments.map((a) => [a.path, a]));
  const usedAttachments = new Map<string, Attachment>();

  const renderStarted = performance.now();
  const rendered = await renderNotes(
    drafts.map((d) => ({ path: d.source.path, text: d.source.text, title: d.title, slug: d.slug })),
    {
      notes: sources.map((s) => ({ path: s.path, aliases: s.aliases })),
      shared: drafts.map((d) => ({ path: d.source.path, slug: d.slug, title: d.title })),
      attachments: listing.attachments,
    },
    config.cacheDir,
  );
  const renderEnded = performance.now();

  // Tags and moods are grouped across shared notes only.
  const tagSpellings = new SpellingGroups();
  const moodSpellings = new SpellingGroups();
  const registerTag = (raw: string): string | undefined => {
    const segments = tagSegments(raw);
    if (!segments) return undefined;
    for (let i = 1; i <= segments.length; i++) tagSpellings.add(segments.slice(0, i).join('/'), tagUrlPath(segments.slice(0, i)));
    return tagUrlPath(segments);
  };

  const notes: GardenNote[] = [];
  const embedsOf = new Map<string, string[]>();
  const contextsOf = new Map<string, Record<string, string>>();
  const upTargets = new Map<string, string>();
  for (const [i, draft] of drafts.entries()) {
    const { source, data, title, slug } = draft;
    const file = source.path;
    const result = rendered[i]!;
    if (!result.ok) {
      problems.error(file, `could not be rendered, so it is not published: ${result.error}`);
      continue;
    }
    for (const target of result.missing) problems.warn(file, `links to "${target}", which is not in the vault`);
    for (const notice of result.notices) problems.warn(file, notice);
    const forbidden = forbiddenXmlCharacters(`${title}\n${cleanLabel(field(data, 'description'))}\n${result.html}`);
    if (forbidden) problems.warn(file, `contains ${forbidden} character${forbidden === 1 ? '' : 's'} XML forbids (control characters, U+FFFE, U+FFFF); they are left out of the feed`);
    for (const used of result.attachments) {
      usedAttachments.set(used, { source: attachmentByPath.get(used)!.absolute, url: attachmentUrl(used) });
    }

    const { state, problem: stateProblem } = readState(data);
    if (stateProblem) problems.warn(file, stateProblem);

    const moodValue = field(data, 'mood');
    const moodName = cleanLabel(Array.isArray(moodValue) ? moodValue[0] : moodValue);
    const moodKey = moodName
      ? slugifySegment(moodName) || [...moodName].map((c) => c.codePointAt(0)!.toString(16)).join('-')
      : undefined;
    if (moodName && moodKey) moodSpellings.add(moodName, moodKey);

    const tagKeys = new Set<string>();
    for (const raw of [...frontmatterTags(field(data, 'tags', 'tag')), ...result.inlineTags]) {
      const tagKey = registerTag(raw);
      if (tagKey) tagKeys.add(tagKey);
      else problems.warn(file, `tag "${raw}" has no letters or digits and is ignored`);
    }

    const dates: Record<string, string | undefined> = {};
    for (const name of ['created', 'updated', 'date']) {
      const value = field(data, name);
      dates[name] = parseDate(value, config.timeZone);
      if (value !== undefined && value !== null && value !== '' && !dates[name]) {
        problems.warn(file, `${name} "${String(value)}" is not a date we can read; it is ignored`);
      }
    }

    embedsOf.set(slug, result.embeds);
    contextsOf.set(slug, result.linkContexts);
    // `up: [[Parent]]` unquoted is YAML for a list in a list; it means the same as `up: "[[Parent]]"`.
    const upValue = field(data, 'up');
    const up = stringList(Array.isArray(upValue) ? upValue.flat(2) : upValue)[0]?.replace(/^\[\[|\]\]$/g, '').split(/[|#]/)[0]!.trim();
    if (up) upTargets.set(slug, up);
    notes.push({
      slug,
      path: file,
      title,
      state,
      mood: moodName && moodKey ? { name: moodName, slug: moodKey } : undefined,
      tags: [...tagKeys].sort(),
      created: dates.created ?? dates.date,
      updated: dates.updated,
      description: cleanLabel(field(data, 'description')) || undefined,
      aliases: source.aliases,
      up: [],
      html: result.html,
      headings: result.headings,
      excerpt: result.excerpt.length > 240 ? `${result.excerpt.slice(0, 239).replace(/\s+\S*$/, '')}…` : result.excerpt,
      ...(result.searchTerms ? { searchTerms: result.searchTerms } : {}),
      outgoing: result.links.filter((s) => s !== slug),
      backlinks: [],
      related: [],
    });
  }

  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const ref = (note: GardenNote): NoteRef => ({ slug: note.slug, title: note.title });
  notes.sort(newestTendedFirst);

  // Embeds: a shared note's sanitized HTML inside another's, a few levels deep, never in a cycle.
  const EMBED = /<div class="embed" data-embed="([^"]*)"><\/div>/g;
  const expand = (html: string, seen: string[]): string =>
    html.replace(EMBED, (_all, target: string) => {
      const embedded = bySlug.get(target);
      if (!embedded) return '';
      const heading = `<p class="embed-title"><a class="internal" href="/${embedded.slug}/">${escapeHtml(embedded.title)}</a></p>`;
      const inner = seen.includes(target) || seen.length > 3 ? '' : expand(embedded.html, [...seen, target]);
      return `<div class="embed" data-embed="${target}">${heading}${inner}</div>`;
    });
  const expanded = new Map(notes.map((n) => [n.slug, embedsOf.get(n.slug)?.length ? expand(n.html, [n.slug]) : n.html]));
  for (const note of notes) note.html = expanded.get(note.slug)!;

  // Backlinks, breadcrumbs, moods, tags and related notes, all among shared notes.
  for (const note of notes) {
    const contexts = contextsOf.get(note.slug) ?? {};
    for (const target of note.outgoing) {
      const context = contexts[target];
      bySlug.get(target)?.backlinks.push({ ...ref(note), ...(context ? { context } : {}) });
    }
  }
  const parentOf = (note: GardenNote): GardenNote | undefined => {
    const target = upTargets.get(note.slug);
    const found = target ? noteIndex.resolve(target, note.path) : undefined;
    const draft = found && draftByPath.get(found.path);
    return draft ? bySlug.get(draft.slug) : undefined;
  };
  for (const note of notes) {
    const trail: GardenNote[] = [];
    for (let parent = parentOf(note); parent && parent !== note && !trail.includes(parent) && trail.length < 10; parent = parentOf(parent)) {
      trail.unshift(parent);
    }
    note.up = trail.map(ref);
    if (note.mood) note.mood = { name: moodSpellings.spelling(note.mood.slug), slug: note.mood.slug };
  }

  const moods = new Map<string, Mood>();
  const tags = new Map<string, TagNode>();
  const states: Record<GrowthState, string[]> = { seed: [], bud: [], evergreen: [] };
  for (const note of notes) {
    states[note.state].push(note.slug);
    if (note.mood) {
      const mood = moods.get(note.mood.slug) ?? { ...note.mood, notes: [] };
      mood.notes.push(note.slug);
      moods.set(mood.slug, mood);
    }
    const listed = new Set<string>();
    for (const tagKey of note.tags) {
      const segments = tagKey.split('/');
      for (let i = 1; i <= segments.length; i++) {
        const key = segments.slice(0, i).join('/');
        const path = tagSpellings.spelling(key);
        const node = tags.get(key) ?? {
          key,
          label: path.split('/').at(-1)!,
          path,
          urlPath: key,
          parent: i > 1 ? segments.slice(0, i - 1).join('/') : undefined,
          children: [],
          notes: [],
        };
        if (!tags.has(key) && node.parent) tags.get(node.parent)?.children.push(key);
        tags.set(key, node);
        if (!listed.has(key)) node.notes.push(note.slug);
        listed.add(key);
      }
    }
  }
  for (const node of tags.values()) node.children.sort();

  // Related: the notes sharing the most tags, newest tended first among equals. A broad tag
  // contributes only its notes nearest in tended order, so the cost stays linear in garden size.
  const order = new Map(notes.map((n, i) => [n.slug, i]));
  const BROAD = 50;
  for (const note of notes) {
    const score = new Map<string, number>();
    for (const tagKey of note.tags) {
      const members = tags.get(tagKey)?.notes ?? [];
      let candidates = members;
      if (members.length > BROAD) {
        const at = members.indexOf(note.slug);
        candidates = members.slice(Math.max(0, at - BROAD / 2), at + BROAD / 2);
      }
      for (const other of candidates) if (other !== note.slug) score.set(other, (score.get(other) ?? 0) + 1);
    }
    note.related = [...score]
      .sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!)
      .slice(0, 5)
      .map(([s]) => ref(bySlug.get(s)!));
    note.backlinks.sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
  }

  return {
    notes,
    tags,
    moods: [...moods.values()].sort((a, b) => a.name.localeCompare(b.name)),
    states,
    attachments: [...usedAttachments.values()],
    problems: problems.sorted(),
    private: privateNotes,
    stats: { found: sources.length, published: notes.length, private: privateNotes.length, attachments: usedAttachments.size },
    seconds: {
      read: (read - started) / 1000,
      render: (renderEnded - renderStarted) / 1000,
      total: (performance.now() - started) / 1000,
    },
  };
}


