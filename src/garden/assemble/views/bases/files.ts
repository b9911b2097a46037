import { DateTime } from 'luxon';
import type { ViewNote } from '../types.ts';
import type { Runtime } from './runtime.ts';
import { dateValue, type LinkValue, type Value } from './values.ts';

/*
 * A shared note as a Bases file (help.obsidian.md, "Bases syntax", File properties). Its links,
 * embeds and backlinks are the shared files the garden knows of, so a file value never leads to a
 * private note. Any other name on a file is one of its note properties (`this.related`).
 */

const fileName = (path: string) => path.split('/').pop()!;

/** A link to a vault path, from the note that holds it; it resolves to the shared note at that path. */
const linkTo = (path: string, from: string): LinkValue => ({ kind: 'link', target: path.replace(/\.md$/i, ''), from });

const instant = (iso: string, timeZone: string): Value => {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  return iso && dt.isValid ? dateValue(dt, true) : null;
};

/** The folder of a vault path, `/` at the vault's root as Obsidian writes it. */
export const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '/');

const FIELDS: Record<string, (note: ViewNote, runtime: Runtime) => Value> = {
  name: (note) => fileName(note.path),
  basename: (note) => fileName(note.path).replace(/\.[^.]+$/, ''),
  path: (note) => note.path,
  folder: (note) => folderOf(note.path),
  ext: (note) => (/\.([^./]+)$/.exec(note.path)?.[1] ?? ''),
  size: (note) => note.size,
  ctime: (note, runtime) => instant(note.ctime, runtime.timeZone),
  mtime: (note, runtime) => instant(note.mtime, runtime.timeZone),
  tags: (note) => [...note.tags],
  links: (note) => note.links.map((path) => linkTo(path, note.path)),
  embeds: (note) => note.embeds.map((path) => linkTo(path, note.path)),
  backlinks: (note) => note.backlinks.map((path) => linkTo(path, note.path)),
  properties: (note, runtime) => ({ kind: 'object', entries: Object.fromEntries(Object.keys(note.properties).map((key) => [key, runtime.property(note, key)])) }),
  file: (note) => ({ kind: 'file', note }),
};

export const FILE_FIELDS = Object.keys(FIELDS);

export function fileField(note: ViewNote, name: string, runtime: Runtime): Value {
  const field = Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined;
  return field ? field(note, runtime) : runtime.property(note, name);
}

/** Whether a file has a tag or one nested under it (`book` matches `book/fiction`), in any case. */
export function hasTag(note: ViewNote, tag: string): boolean {
  const wanted = tag.replace(/^#/, '').toLowerCase();
  return note.tags.some((one) => {
    const have = one.replace(/^#/, '').toLowerCase();
    return have === wanted || have.startsWith(`${wanted}/`);
  });
}

/** Whether a file is in a folder or one of its sub-folders. */
export function inFolder(note: ViewNote, folder: string): boolean {
  const wanted = folder.replace(/^\/+|\/+$/g, '');
  return wanted === '' || note.path === wanted || note.path.startsWith(`${wanted}/`);
}
