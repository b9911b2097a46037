import type { ViewNote, ViewProblem, ViewTask } from '../types.ts';
import type { Field, Operation, Source } from './parse-query.ts';
import { EvaluationError } from './errors.ts';
import { withParentTags } from './pages.ts';
import type { Runtime } from './runtime.ts';
import { isTruthy, Link, type DataObject, type Value } from './values.ts';

/*
 * Dataview's query pipeline (`executeCore` in its engine): FROM picks the shared notes, then each
 * data command runs in the order written. As in Dataview, a row whose expression fails is dropped,
 * and a command that fails on every row fails the whole query; unlike Dataview, which drops those
 * rows silently, the garden also reports once that some rows were dropped, and why.
 */

export interface Row {
  /** The row's identity: a page's `file.link`, a task's place, or a group's key. */
  id: Value;
  data: DataObject;
  /** The shared note the row stands for; none for a group. */
  note?: ViewNote;
  /** The task the row stands for, in a TASK query. */
  task?: ViewTask;
  /** The rows a group gathered. */
  members?: Row[];
}

/** What the id column is: a page, or the key of a GROUP BY (named as the group field is). */
export type IdMeaning = { type: 'path' } | { type: 'group'; name: string };

export type Core = { ok: true; rows: Row[]; idMeaning: IdMeaning } | { ok: false; problem: ViewProblem };

/** The shared notes a FROM names, in the garden's order. */
export function notesOfSource(source: Source, runtime: Runtime): ViewNote[] {
  const notes = runtime.context.notes;
  const chosen = pathsOf(source, runtime);
  return notes.filter((note) => chosen.has(note.path));
}

function pathsOf(source: Source, runtime: Runtime): Set<string> {
  const notes = runtime.context.notes;
  const where = (test: (note: ViewNote) => boolean) => new Set(notes.filter(test).map((note) => note.path));
  switch (source.type) {
    case 'all':
      return where(() => true);
    case 'csv':
      return new Set();
    case 'tag': {
      const wanted = source.tag.toLowerCase();
      return where((note) => withParentTags(note.tags).some((tag) => tag.toLowerCase() === wanted));
    }
    case 'folder': {
      const folder = source.folder.replace(/^\/+|\/+$/g, '');
      if (folder === '') return where(() => true);
      return where((note) => note.path.startsWith(`${folder}/`) || note.path === folder || note.path === `${folder}.md`);
    }
    case 'link': {
      const target = runtime.noteOf(new Link(source.target, runtime.selfPath));
      if (!target) return new Set();
      if (!source.incoming) return where((note) => target.links.includes(note.path) || target.embeds.includes(note.path));
      return where((note) => note.links.includes(target.path) || note.embeds.includes(target.path));
    }
    case 'negate': {
      const excluded = pathsOf(source.child, runtime);
      return where((note) => !excluded.has(note.path));
    }
    case 'binaryop': {
      const left = pathsOf(source.left, runtime);
      const right = pathsOf(source.right, runtime);
      return source.op === '&' ? new Set([...left].filter((path) => right.has(path))) : new Set([...left, ...right]);
    }
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, message: error.message };
    throw error;
  }
}

const COMMAND: Record<Operation['type'], string> = { where: 'WHERE', sort: 'SORT', limit: 'LIMIT', group: 'GROUP BY', flatten: 'FLATTEN' };

/** Dataview's rule: failing on every row fails the query; failing on some drops those (and the garden says so, once). */
function settle(errors: string[], incoming: number, op: { type: Operation['type']; line: number }, problems: ViewProblem[]): ViewProblem | undefined {
  if (errors.length === 0) return undefined;
  const first = errors.slice(0, 3).map((message) => `"${message}"`).join('; ');
  if (errors.length >= incoming) return { line: op.line, message: `${COMMAND[op.type]} failed on every row, so Dataview shows nothing for this query: ${first}.` };
  problems.push({ line: op.line, message: `${COMMAND[op.type]} failed on ${errors.length} of ${incoming} rows, which are left out as Dataview leaves them out: ${first}.` });
  return undefined;
}

/** Runs the data commands in order over the rows. */
export function executeCore(start: Row[], operations: Operation[], runtime: Runtime, problems: ViewProblem[]): Core {
  let rows = start;
  let idMeaning: IdMeaning = { type: 'path' };
  for (const op of operations) {
    const errors: string[] = [];
    const incoming = rows.length;
    switch (op.type) {
      case 'where':
        rows = rows.filter((row) => {
          const result = attempt(() => isTruthy(runtime.evaluate(op.clause, row.data)));
          if (!result.ok) errors.push(result.message);
          return result.ok && result.value;
        });
        break;
      case 'sort':
        rows = sortRows(rows, op.fields, runtime, errors);
        break;
      case 'limit': {
        const amount = attempt(() => runtime.evaluate(op.amount, {}));
        if (!amount.ok) return { ok: false, problem: { line: op.line, message: `LIMIT could not be evaluated: ${amount.message}.` } };
        if (typeof amount.value !== 'number') return { ok: false, problem: { line: op.line, message: 'LIMIT should be a number.' } };
        rows = rows.slice(0, Math.max(0, amount.value));
        break;
      }
      case 'group':
        rows = groupRows(rows, op.field.field, op.field.name, runtime, errors);
        idMeaning = { type: 'group', name: op.field.name };
        break;
      case 'flatten':
        rows = flattenRows(rows, op.field.field, op.field.name, runtime, errors);
        if (idMeaning.type === 'group' && idMeaning.name === op.field.name) idMeaning = { type: 'path' };
        break;
    }
    const failed = settle(errors, incoming, op, problems);
    if (failed) return { ok: false, problem: failed };
  }
  return { ok: true, rows, idMeaning };
}

function sortRows(rows: Row[], fields: { field: Field; ascending: boolean }[], runtime: Runtime, errors: string[]): Row[] {
  const keyed: { row: Row; keys: Value[] }[] = [];
  for (const row of rows) {
    const keys = attempt(() => fields.map((one) => runtime.evaluate(one.field, row.data)));
    if (keys.ok) keyed.push({ row, keys: keys.value });
    else errors.push(keys.message);
  }
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = runtime.compare(a.keys[i]!, b.keys[i]!);
      if (order !== 0) return fields[i]!.ascending ? order : -order;
    }
    return 0;
  });
  return keyed.map((one) => one.row);
}

function groupRows(rows: Row[], field: Field, name: string, runtime: Runtime, errors: string[]): Row[] {
  const keyed: { row: Row; key: Value }[] = [];
  for (const row of rows) {
    const key = attempt(() => runtime.evaluate(field, row.data));
    if (key.ok) keyed.push({ row, key: key.value });
    else errors.push(key.message);
  }
  keyed.sort((a, b) => runtime.compare(a.key, b.key));
  const groups: Row[] = [];
  for (const { row, key } of keyed) {
    const last = groups.at(-1);
    if (last && runtime.compare(last.id, key) === 0) {
      last.members!.push(row);
      (last.data.rows as Value[]).push(row.data);
      continue;
    }
    const data: DataObject = { key, rows: [row.data] };
    Object.defineProperty(data, name, { value: key, enumerable: true, writable: true, configurable: true });
    groups.push({ id: key, data, members: [row] });
  }
  return groups;
}

function flattenRows(rows: Row[], field: Field, name: string, runtime: Runtime, errors: string[]): Row[] {
  return rows.flatMap((row) => {
    const value = attempt(() => runtime.evaluate(field, row.data));
    if (!value.ok) {
      errors.push(value.message);
      return [];
    }
    const values = Array.isArray(value.value) ? value.value : [value.value];
    return values.map((one) => {
      const data: DataObject = { ...row.data };
      Object.defineProperty(data, name, { value: one, enumerable: true, writable: true, configurable: true });
      return { ...row, data };
    });
  });
}

/** Dataview's final extraction: each row's fields, a row whose field fails dropped (all failing fails the query). */
export function extract(rows: Row[], fields: Field[], runtime: Runtime, line: number, problems: ViewProblem[]): { ok: true; values: { row: Row; values: Value[] }[] } | { ok: false; problem: ViewProblem } {
  const errors: string[] = [];
  const values: { row: Row; values: Value[] }[] = [];
  for (const row of rows) {
    const result = attempt(() => fields.map((field) => runtime.evaluate(field, row.data)));
    if (result.ok) values.push({ row, values: result.value });
    else errors.push(result.message);
  }
  if (errors.length && errors.length >= rows.length) {
    return { ok: false, problem: { line, message: `The query's fields failed on every row, so Dataview shows nothing for this query: "${errors[0]}".` } };
  }
  if (errors.length) problems.push({ line, message: `The query's fields failed on ${errors.length} of ${rows.length} rows, which are left out as Dataview leaves them out: "${errors[0]}".` });
  return { ok: true, values };
}
