import { DateTime } from 'luxon';
import type { Cell, ViewContext, ViewNote } from './types.ts';

/*
 * The cells both engines show, made one way: a link becomes a link only when it resolves to a
 * shared note, and otherwise shows the words the shared note wrote (as a wikilink to a private
 * note does on a page); a date knows its instant and its text.
 */

export const EMPTY: Cell = { kind: 'empty' };

export const textCell = (text: string): Cell => (text === '' ? EMPTY : { kind: 'text', text });

export const booleanCell = (value: boolean): Cell => ({ kind: 'boolean', value });

/** A number as Obsidian shows it: no grouping, at most a few decimals, no float noise (0.1 + 0.2 → 0.3). */
export function numberCell(value: number): Cell {
  if (!Number.isFinite(value)) return { kind: 'number', value, text: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  return { kind: 'number', value, text: String(Number.parseFloat(value.toPrecision(12))) };
}

/** A file's name as Obsidian shows it: its last path segment, without `.md`. */
export const fileNameOf = (path: string): string => path.split('/').pop()!.replace(/\.md$/i, '');

export const noteCell = (note: ViewNote, text = note.title): Cell => ({ kind: 'note', note: { slug: note.slug, title: note.title }, text });

export const listCell = (items: Cell[]): Cell => ({ kind: 'list', items });

/** A date as its instant and the text a view shows for it. */
export const dateCell = (date: DateTime, text: string): Cell => ({ kind: 'date', iso: date.toISO() ?? '', text });

const WIKILINK = /^!?\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]$/;
const MARKDOWN_LINK = /^\[([^\]]*)\]\(([^)\s]+)\)$/;
/** A web address, the only kind of address a view links to or shows an image from. */
export const WEB = /^https?:\/\/\S+$/i;

/** A wikilink written as a whole value (`[[Books|my books]]`): its target without heading or block, and its display text. */
export function wikilinkOf(text: string): { target: string; display?: string } | undefined {
  const match = WIKILINK.exec(text.trim());
  if (!match) return undefined;
  const target = match[1]!.replace(/[#^].*$/, '').trim();
  return { target, ...(match[2]?.trim() ? { display: match[2].trim() } : {}) };
}

/**
 * A link a shared note wrote, from the note at `from`: to the target's page when it is a shared
 * note, else the words written (the display text, or the target's name), never the target's title.
 */
export function linkCell(target: string, display: string | undefined, from: string, context: ViewContext): Cell {
  const resolved = context.resolveLink(target, from);
  if (resolved.kind === 'note') return noteCell(resolved.note, display ?? resolved.note.title);
  return textCell(display ?? fileNameOf(target));
}

/** A string value as a view shows it: a wikilink or Markdown link as a link, an address as a link, else text. */
export function stringCell(text: string, from: string, context: ViewContext): Cell {
  const wikilink = wikilinkOf(text);
  if (wikilink) return linkCell(wikilink.target, wikilink.display, from, context);
  const markdown = MARKDOWN_LINK.exec(text.trim());
  if (markdown && WEB.test(markdown[2]!)) return { kind: 'url', href: markdown[2]!, text: markdown[1] || markdown[2]! };
  if (WEB.test(text.trim())) return { kind: 'url', href: text.trim(), text: text.trim() };
  return textCell(text);
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date written as text (`2024-03-01`, `2024-03-01T09:30`), read in the garden's time zone unless it has an offset. */
export function dateOfText(text: string, timeZone: string): DateTime | undefined {
  const trimmed = text.trim();
  if (!DATE_TEXT.test(trimmed)) return undefined;
  const date = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone: timeZone, setZone: true });
  return date.isValid ? date : undefined;
}

/** Whether a date written as text has a time of day. */
export const hasTimeOfDay = (text: string): boolean => /\d[T ]\d{2}:\d{2}/.test(text.trim());
