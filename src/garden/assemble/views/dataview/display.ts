import { DateTime, Duration } from 'luxon';
import { dateCell, EMPTY, linkCell, listCell, noteCell, numberCell, stringCell, textCell, fileNameOf } from '../cells.ts';
import type { Cell } from '../types.ts';
import type { Runtime } from './runtime.ts';
import { dateText, durationText, isObject, Link, toText, type DataObject, type Value } from './values.ts';

/*
 * A Dataview value as a cell, shown as Dataview's defaults show it: dates "MMMM dd, yyyy" (with
 * "h:mm a - " when they have a time), durations in words, a link by its display text or its
 * file's name, and only to a shared note; anything else a note wrote is the words it wrote.
 */


export function linkValueCell(link: Link, runtime: Runtime): Cell {
  const note = runtime.noteOf(link);
  if (note) return noteCell(note, link.display ?? fileNameOf(note.path));
  return linkCell(link.path, link.display, link.from || runtime.selfPath, runtime.safeContext);
}

/** A value as a cell; `from` is the note whose row it is, to read a link written as text from. */
export function cellOf(value: Value, runtime: Runtime, from: string, depth = 0): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return stringCell(value, from, runtime.safeContext);
  if (typeof value === 'number') return numberCell(value);
  // Dataview writes a boolean as the word, not a checkbox.
  if (typeof value === 'boolean') return textCell(String(value));
  if (value instanceof DateTime) return dateCell(value, dateText(value));
  if (value instanceof Duration) return textCell(durationText(value));
  if (value instanceof Link) return linkValueCell(value, runtime);
  if (Array.isArray(value)) return depth > 8 ? textCell(toText(value)) : listCell(value.map((item) => cellOf(item, runtime, from, depth + 1)));
  if (isObject(value)) return objectCell(value, runtime, from);
  return textCell(toText(value));
}

/** An `elink()` as an address, a task as its text, another object as Dataview writes it. */
function objectCell(object: DataObject, runtime: Runtime, from: string): Cell {
  if (object.elink === true && typeof object.url === 'string') {
    const display = typeof object.display === 'string' ? object.display : object.url;
    return /^https?:\/\//i.test(object.url) ? { kind: 'url', href: object.url, text: display } : textCell(display);
  }
  if (object.task === true && typeof object.text === 'string') return stringCell(object.text, from, runtime.safeContext);
  return textCell(toText(object));
}
