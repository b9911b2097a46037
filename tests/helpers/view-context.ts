/*
 * Shared notes and contexts for testing view engines without a build: a ViewNote is written as
 * its path and the fields the test cares about; links resolve by file name or path, as Obsidian's
 * shortest-path links do, to the notes given and to nothing else (as a private note resolves).
 */
import type { Cell, LinkResolution, ViewContext, ViewNote } from '../../src/garden/assemble/views/types.ts';
import type { NoteSlug, VaultPath } from '../../src/garden/types.ts';

const slugOf = (path: string) => path.replace(/\.md$/i, '').toLowerCase().replace(/[^a-z0-9/]+/g, '-') as NoteSlug;
const nameOf = (path: string) => path.split('/').pop()!.replace(/\.md$/i, '');

/** A shared note at `path` with the given fields; the rest empty, dated 2024-01-01. */
export function viewNote(path: string, fields: Partial<ViewNote> = {}): ViewNote {
  return {
    path: path as VaultPath,
    slug: slugOf(path),
    title: nameOf(path),
    properties: {},
    inlineFields: {},
    tags: [],
    links: [],
    embeds: [],
    backlinks: [],
    ctime: '2024-01-01T00:00:00.000Z',
    mtime: '2024-01-01T00:00:00.000Z',
    size: 100,
    tasks: [],
    ...fields,
  };
}

/** Links resolve to a given note by its path (with or without `.md`) or its file name, case-insensitively. */
export function resolverOf(notes: readonly ViewNote[]): (target: string, from: string) => LinkResolution {
  const byName = new Map<string, ViewNote>();
  // Paths first, so that a path wins over another note's file name.
  for (const note of notes) if (!byName.has(nameOf(note.path).toLowerCase())) byName.set(nameOf(note.path).toLowerCase(), note);
  for (const note of notes) byName.set(note.path.replace(/\.md$/i, '').toLowerCase(), note);
  return (target) => {
    const note = byName.get(target.replace(/\.md$/i, '').toLowerCase());
    return note ? { kind: 'note', note } : { kind: 'none' };
  };
}

/** A context over `notes`, with `self` as `this` when given; now is 2026-06-15T12:00Z in UTC unless said. */
export function viewContext(notes: readonly ViewNote[], self?: ViewNote, extra: Partial<ViewContext> = {}): ViewContext {
  const all = self && !notes.includes(self) ? [...notes, self] : notes;
  return { notes, ...(self ? { self } : {}), resolveLink: resolverOf(all), now: new Date('2026-06-15T12:00:00Z'), timeZone: 'UTC', ...extra };
}

/** A cell as the words a reader sees, to compare views with tables worked out by hand. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'boolean':
      return String(cell.value);
    case 'list':
      return cell.items.map(cellText).join(', ');
    default:
      return cell.text;
  }
}
