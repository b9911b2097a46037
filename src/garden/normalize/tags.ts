import { boundSegment, capSegments, slugifySegment } from './slug.ts';
import { cleanLabel } from './text.ts';

/**
 * A tag as written (`#My/Words`, ` moments `) to its segments, or undefined when nothing is left.
 * Obsidian forbids spaces in tags, so inner spaces become `-` rather than splitting the tag. A tag
 * nested deeper than a URL may be keeps its last levels as one (`a/…/i/j-k-l`).
 */
export function tagSegments(raw: string): string[] | undefined {
  const cleaned = cleanLabel(raw).replace(/^#+/, '').replace(/\s+/g, '-');
  const segments = cleaned.split('/').map((s) => s.trim()).filter(Boolean);
  if (segments.length === 0 || segments.every((s) => slugifySegment(s) === '')) return undefined;
  return capSegments(segments);
}

/** Frontmatter tags: a YAML list, or one string separated by commas and/or spaces. */
export function frontmatterTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .flatMap((item) => (Array.isArray(value) ? [String(item)] : String(item).split(/[,\s]+/)))
    .filter(Boolean);
}

/*
 * Inline tags as Obsidian reads them: `#` at the start or after white space or an opening bracket,
 * then letters, digits, `_`, `-` and `/`, with at least one character that is not a digit.
 */
export const INLINE_TAG = /(^|[\s(\[{])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;

/** The URL path of a tag under /tags/: each segment slugified, and shortened if too long for a URL. */
export function tagUrlPath(segments: string[]): string {
  return segments.map(slugifySegment).map((s) => boundSegment(s || '-')).join('/');
}

/** Whether a tag as written had to be shortened to make its URL. */
export function tagShortened(raw: string, segments: string[]): boolean {
  const written = cleanLabel(raw).replace(/^#+/, '').split('/').filter((s) => s.trim()).length;
  return written > segments.length || segments.some((s) => boundSegment(slugifySegment(s)) !== slugifySegment(s));
}
