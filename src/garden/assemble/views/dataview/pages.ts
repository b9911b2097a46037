import { DateTime } from 'luxon';
import type { ViewNote, ViewTask } from '../types.ts';
import { frontmatterAtom, inlineAtoms, linkOfInner, type DateLiteral, type InlineAtom } from './parse-query.ts';
import { Link, type DataObject, type Value } from './values.ts';
import { fileNameOf } from '../cells.ts';

/*
 * A shared note as Dataview's page object: its frontmatter and inline fields, typed as Dataview
 * types them (numbers, booleans, dates, durations, links, text) and merged (a key in both is a
 * list of both), each key also under its canonical name (`Due Date` as `due-date`), and the
 * implicit `file.*` fields. Only a ViewNote's own data goes in: links and backlinks are to shared
 * notes, and a link to anything else stays the words written.
 */

/** A date Dataview read, in the garden's zone unless it wrote its own. */
export function dateOfLiteral(date: DateLiteral, zone: string, now: Date): DateTime | null {
  if (date.kind === 'shorthand') return shorthandDate(date.name, DateTime.fromJSDate(now, { zone }));
  const { kind: _kind, zone: written, ...parts } = date;
  const made = DateTime.fromObject(parts, { zone: written ?? zone });
  return made.isValid ? made : null;
}

function shorthandDate(name: string, now: DateTime): DateTime {
  const today = now.startOf('day');
  const table: Record<string, () => DateTime> = {
    now: () => now,
    today: () => today,
    yesterday: () => today.minus({ days: 1 }),
    tomorrow: () => today.plus({ days: 1 }),
    sow: () => now.startOf('week'),
    'start-of-week': () => now.startOf('week'),
    eow: () => now.endOf('week'),
    'end-of-week': () => now.endOf('week'),
    soy: () => now.startOf('year'),
    'start-of-year': () => now.startOf('year'),
    eoy: () => now.endOf('year'),
    'end-of-year': () => now.endOf('year'),
    som: () => now.startOf('month'),
    'start-of-month': () => now.startOf('month'),
    eom: () => now.endOf('month'),
    'end-of-month': () => now.endOf('month'),
  };
  return table[name]!();
}

export interface Typing {
  zone: string;
  now: Date;
  /** The vault path of the note the value was written in. */
  from: string;
}

function valueOfAtom(atom: InlineAtom, typing: Typing): Value {
  switch (atom.kind) {
    case 'date':
      return dateOfLiteral(atom.date, typing.zone, typing.now);
    case 'duration':
      return atom.value.shiftToAll().normalize();
    case 'text':
      return atom.value;
    case 'link':
      return linkOfInner(atom.inner, typing.from, atom.embed);
    case 'value':
      return atom.value;
  }
}

/** An inline field's value as Dataview types it (`parseInlineValue`): empty is null, unreadable is the text. */
export function inlineValue(text: string, typing: Typing): Value {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const atoms = inlineAtoms(trimmed);
  if (atoms === undefined) return trimmed;
  return Array.isArray(atoms) ? atoms.map((atom) => valueOfAtom(atom, typing)) : valueOfAtom(atoms, typing);
}

/** A frontmatter value as Dataview types it (`parseFrontmatter`): strings that are dates, durations or links become those. */
export function frontmatterValue(raw: unknown, typing: Typing, depth = 0): Value {
  if (raw === null || raw === undefined || depth > 64) return null;
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const atom = frontmatterAtom(raw);
    return atom ? valueOfAtom(atom, typing) : raw;
  }
  if (raw instanceof Date) return yamlDate(raw, typing.zone);
  if (Array.isArray(raw)) return raw.map((item) => frontmatterValue(item, typing, depth + 1));
  if (typeof raw === 'object') {
    const object: DataObject = {};
    for (const [key, item] of Object.entries(raw)) setField(object, key, frontmatterValue(item, typing, depth + 1));
    return object;
  }
  return String(raw);
}

/** YAML reads `2024-03-01` as midnight UTC: a date without a time stays that day in the garden's zone. */
function yamlDate(date: Date, zone: string): Value {
  if (Number.isNaN(date.getTime())) return null;
  const utc = DateTime.fromJSDate(date, { zone: 'UTC' });
  if (utc.hour === 0 && utc.minute === 0 && utc.second === 0 && utc.millisecond === 0) return DateTime.fromObject({ year: utc.year, month: utc.month, day: utc.day }, { zone });
  return utc.setZone(zone);
}

/** Sets a key as data, even `__proto__`. */
export function setField(object: DataObject, key: string, value: Value): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Dataview's `canonicalizeVarName`: letters, digits, `_` and `-` kept (lower-cased), spaces as `-`, the rest dropped. */
export function canonicalName(name: string): string {
  return name
    .replace(/\s+/g, '-')
    .replace(/[^0-9\p{Letter}\p{Extended_Pictographic}_-]/gu, '')
    .toLocaleLowerCase();
}

/** Adds a field as Dataview does: a key written twice holds both values, as a list. */
function addField(fields: DataObject, key: string, value: Value): void {
  for (const name of new Set([key, canonicalName(key)])) {
    if (name === '') continue;
    if (!Object.hasOwn(fields, name)) setField(fields, name, value);
    else {
      const existing = fields[name]!;
      setField(fields, name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
    }
  }
}

const folderOf = (path: string) => path.split('/').slice(0, -1).join('/');

/** Each tag then its parents, as Dataview's `extractSubtags`: `#a/b` gives `#a/b` and `#a`. */
export function withParentTags(tags: string[]): string[] {
  const all = tags.flatMap((tag) => {
    const parts = tag.replace(/^#/, '').split('/');
    return parts.map((_, i) => `#${parts.slice(0, parts.length - i).join('/')}`);
  });
  return [...new Set(all)];
}

/** Dataview's file.day: a date in the file name (`YYYY-MM-DD` or `YYYYMMDD`), else a `date` field that is a date. */
function dayOf(note: ViewNote, fields: DataObject, zone: string): Value {
  const match = /(\d{4})-(\d{2})-(\d{2})/.exec(fileNameOf(note.path)) ?? /(\d{4})(\d{2})(\d{2})/.exec(fileNameOf(note.path));
  if (match) {
    const day = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone });
    if (day.isValid) return day;
  }
  const date = Object.hasOwn(fields, 'date') ? fields.date : null;
  return date instanceof DateTime ? date : null;
}

/** The emoji dates Dataview reads in a task's text (the Tasks plugin's shorthands). */
const TASK_EMOJI: [RegExp, string][] = [
  [/(?:🗓️|📅|📆|🗓)\s*(\d{4}-\d{2}-\d{2})/u, 'due'],
  [/⏳\s*(\d{4}-\d{2}-\d{2})/u, 'scheduled'],
  [/🛫\s*(\d{4}-\d{2}-\d{2})/u, 'start'],
  [/✅\s*(\d{4}-\d{2}-\d{2})/u, 'completion'],
  [/➕\s*(\d{4}-\d{2}-\d{2})/u, 'created'],
];

const TEXT_TAG = /#[^\u2000-\u206F\u2E00-\u2E7F'!"#$%&()*+,.:;<=>?@^`{|}~[\]\\\s]+/g;
const TEXT_LINK = /\[\[([^[\]]*?)\]\]/g;

function taskOf(task: ViewTask, note: ViewNote, typing: Typing, inlineFields: (text: string) => Record<string, string[]>): DataObject {
  const object: DataObject = {};
  for (const [pattern, key] of TASK_EMOJI) {
    const date = pattern.exec(task.text)?.[1];
    if (date) addField(object, key, inlineValue(date, typing));
  }
  for (const [key, values] of Object.entries(inlineFields(task.text))) for (const value of values) addField(object, key, inlineValue(value, typing));
  const own: DataObject = {
    text: task.text,
    visual: task.text,
    tags: [...new Set(task.text.match(TEXT_TAG) ?? [])],
    outlinks: [...task.text.matchAll(TEXT_LINK)].map((match) => linkOfInner(match[1]!, note.path)),
    status: task.status,
    completed: task.completed,
    fullyCompleted: task.completed,
    checked: task.status !== ' ',
    task: true,
    line: task.line,
    path: note.path,
    link: new Link(note.path, note.path),
    section: new Link(note.path, note.path),
    children: [],
  };
  for (const [key, value] of Object.entries(own)) setField(object, key, value);
  return object;
}

export interface PageSources {
  zone: string;
  now: Date;
  /** Vault paths of the shared notes: the only notes a page may list as links. */
  shared: ReadonlySet<string>;
  inlineFields: (text: string) => Record<string, string[]>;
}

/** A shared note as Dataview's page: its fields, then `file`. */
export function pageOf(note: ViewNote, sources: PageSources): DataObject {
  const typing: Typing = { zone: sources.zone, now: sources.now, from: note.path };
  const fields: DataObject = {};
  for (const [key, raw] of Object.entries(note.properties)) addField(fields, key, frontmatterValue(raw, typing));
  for (const [key, values] of Object.entries(note.inlineFields)) for (const value of values) addField(fields, key, inlineValue(value, typing));
  setField(fields, 'file', fileOf(note, fields, sources, typing));
  return fields;
}

function fileOf(note: ViewNote, fields: DataObject, sources: PageSources, typing: Typing): DataObject {
  const linkTo = (path: string) => new Link(path, note.path);
  const sharedOnly = (paths: string[]) => [...new Set(paths)].filter((path) => sources.shared.has(path));
  const ctime = DateTime.fromISO(note.ctime, { zone: sources.zone });
  const mtime = DateTime.fromISO(note.mtime, { zone: sources.zone });
  const tasks = note.tasks.map((task) => taskOf(task, note, typing, sources.inlineFields));
  const aliases = note.properties.aliases ?? note.properties.alias;
  const file: DataObject = {
    name: fileNameOf(note.path),
    folder: folderOf(note.path),
    path: note.path,
    ext: note.path.includes('.') ? note.path.slice(note.path.lastIndexOf('.') + 1) : '',
    link: linkTo(note.path),
    size: note.size,
    ctime: ctime.isValid ? ctime : null,
    cday: ctime.isValid ? ctime.startOf('day') : null,
    mtime: mtime.isValid ? mtime : null,
    mday: mtime.isValid ? mtime.startOf('day') : null,
    tags: withParentTags(note.tags),
    etags: [...new Set(note.tags.map((tag) => `#${tag.replace(/^#/, '')}`))],
    inlinks: sharedOnly(note.backlinks).map(linkTo),
    outlinks: sharedOnly([...note.links, ...note.embeds]).map(linkTo),
    aliases: (Array.isArray(aliases) ? aliases : aliases ? [aliases] : []).map(String),
    tasks,
    lists: tasks,
    frontmatter: frontmatterRaw(note.properties),
    day: dayOf(note, fields, sources.zone),
    starred: false,
  };
  const object: DataObject = {};
  for (const [key, value] of Object.entries(file)) setField(object, key, value);
  return object;
}

/** file.frontmatter: the YAML as written, untyped. */
function frontmatterRaw(raw: unknown, depth = 0): Value {
  if (raw === null || raw === undefined || depth > 64) return null;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'string') return raw;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  if (Array.isArray(raw)) return raw.map((item) => frontmatterRaw(item, depth + 1));
  if (typeof raw === 'object') {
    const object: DataObject = {};
    for (const [key, item] of Object.entries(raw)) setField(object, key, frontmatterRaw(item, depth + 1));
    return object;
  }
  return String(raw);
}
