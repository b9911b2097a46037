import type { NoteSlug } from '../types.ts';
import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';
import transliterate from '@sindresorhus/transliterate';
import { RESERVED_SEGMENTS } from './reserved-routes.ts';

const LATIN = /[\p{Script=Latin}\p{M}]+/gu;

/**
 * One URL segment. Latin letters are transliterated (`déjà` → `deja`); other scripts stay letters
 * (`日本語`), which slugify alone would either transliterate or drop.
 */
export function slugifySegment(segment: string): string {
  let slug = slugified.get(segment);
  if (slug === undefined) {
    if (slugified.size >= SLUGIFIED_MAX) slugified.clear();
    const latinized = segment.normalize('NFC').replace(LATIN, (run) => transliterate(run));
    slug = slugify(latinized, { decamelize: false, transliterate: false });
    slugified.set(segment, slug);
  }
  return slug;
}

/*
 * The same few segments are slugified over and over: a tag's segments for every note that has it,
 * several times each (its key, its path, its parents'). Slugifying took 0.7 s of reading the
 * bench's 10,000-note garden with a warm render cache (docs/performance.md, History ⁸); each segment is now
 * slugified once.
 */
const slugified = new Map<string, string>();
const SLUGIFIED_MAX = 100_000;

/** A `/`-separated slug; `.`, `..` and empty segments are dropped, so it can never leave its folder. */
export function slugifyPath(value: string): string {
  return value
    .split(/[/\\]+/)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .map(slugifySegment)
    .filter(Boolean)
    .join('/');
}

/**
 * The most bytes a URL segment (of a note's slug, a tag path, a mood) may take. Each segment is a
 * folder name once the site is written (`<segment>/index.html`), and file systems allow 255 bytes
 * a name: one page over it stopped the whole build. 150 leaves room for numbering (`-2`).
 */
export const MAX_SEGMENT_BYTES = 150;

/** The most segments a slug or a tag may have, so that a page's whole path stays far below PATH_MAX (4,096 bytes). */
export const MAX_SEGMENTS = 10;

/**
 * A URL segment cut to MAX_SEGMENT_BYTES, stably: a longer one keeps its start, cut on a character
 * boundary, and ends with a hash of the whole, so two long names stay apart and the same name
 * always gives the same URL.
 */
export function boundSegment(segment: string): string {
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const hash = createHash('sha256').update(segment).digest('hex').slice(0, 8);
  let cut = '';
  let bytes = 0;
  for (const char of segment) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_SEGMENT_BYTES - hash.length - 1) break;
    cut += char;
  }
  return `${cut.replace(/-+$/, '')}-${hash}`;
}

/** Segments beyond MAX_SEGMENTS joined into the last one allowed (with `joiner`). */
export function capSegments(segments: string[], joiner = '-'): string[] {
  if (segments.length <= MAX_SEGMENTS) return segments;
  return [...segments.slice(0, MAX_SEGMENTS - 1), segments.slice(MAX_SEGMENTS - 1).join(joiner)];
}

/** A `/`-separated slug within both limits. */
export const boundSlug = (slug: string): string => capSegments(slug.split('/')).map(boundSegment).join('/');

export interface SlugRequest {
  path: string;
  wanted: string;
}

export interface SlugAssignment {
  slugs: Map<string, NoteSlug>;
  /** Notes whose slug had to change, with why. */
  changed: { path: string; slug: NoteSlug; reason: string }[];
}

/**
 * Gives every note a unique slug. Requests are served in sorted vault-path order, so the same vault
 * always yields the same URLs; later claimants of a taken or reserved slug get `-2`, `-3`…
 * `claimedBefore` are slugs given out already (the shared notes', when bases' pages ask).
 */
export function assignSlugs(requests: SlugRequest[], claimedBefore: Iterable<string> = []): SlugAssignment {
  const taken = new Set<string>(claimedBefore);
  const slugs = new Map<string, NoteSlug>();
  const changed: SlugAssignment['changed'] = [];
  const sorted = [...requests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const claimed = new Map<string, string>();
  for (const request of sorted) {
    const base = request.wanted || 'note';
    const [first = '', ...rest] = base.split('/');
    const reserved = RESERVED_SEGMENTS.has(first);
    // A reserved first segment is numbered itself (`tags-2/x`); any other slug at its end.
    const numbered = (n: number) => (reserved ? [`${first}-${n}`, ...rest].join('/') : `${base}-${n}`);
    let slug = base;
    for (let n = 2; reserved || taken.has(slug); n++) {
      slug = numbered(n);
      if (!taken.has(slug)) break;
    }
    taken.add(slug);
    slugs.set(request.path, slug as NoteSlug);
    if (slug !== request.wanted) {
      const reason = reserved
        ? `"${first}" is a reserved address of the site`
        : request.wanted
          ? `slug "${base}" is already used by ${claimed.get(base)}`
          : 'the file name gives no usable slug';
      changed.push({ path: request.path, slug: slug as NoteSlug, reason });
    }
    claimed.set(slug, request.path);
  }
  return { slugs, changed };
}
