import { EMPTY, fileNameOf, noteCell } from '../cells.ts';
import type { Cell, ViewContext, ViewGroup, ViewNote, ViewResult, ViewRow, ViewSummary } from '../types.ts';
import { sortOrder } from './compare.ts';
import { cellOf, imageOf, type Showing } from './display.ts';
import { fileField } from './files.ts';
import { passes, type Filter } from './filters.ts';
import { evaluate } from './interpret.ts';
import type { Node } from './parse-expression.ts';
import type { Problems } from './problems.ts';
import { canonicalId, lineOf, type BaseSpec, type ViewSpec } from './read-base.ts';
import { EvalError, type Runtime } from './runtime.ts';
import { defaultSummary, isDefaultSummary } from './summaries.ts';
import { isEmptyValue, isTruthy, stringOf, type Value } from './values.ts';

/*
 * One Bases view built from the shared notes: the rows its filters keep, sorted, limited and
 * grouped, a cell per column, summaries over the rows shown. A formula or filter that fails on
 * some notes gives those notes an empty cell (or leaves them out) and is reported once.
 */

export interface Build {
  spec: BaseSpec;
  view: ViewSpec;
  source: string;
  context: ViewContext;
  runtime: Runtime;
  problems: Problems;
  /** Custom summary formulas, parsed. */
  customSummaries: ReadonlyMap<string, Node | Error>;
}

/** Runs `compute`, and for an EvalError reports it once under `key` (at the line of `where`) and gives `fallback`. */
function guarded<T>(build: Build, key: string, where: (string | undefined)[], describe: (reason: string) => string, fallback: T, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    if (!build.problems.has(key)) build.problems.report(lineOf(build.source, ...where), describe(error.message), key);
    return fallback;
  }
}

function holds(build: Build, statement: Extract<Filter, { kind: 'statement' }>, note: ViewNote): boolean {
  const describe = (reason: string) => `the filter “${statement.text.slice(0, 80)}” cannot be evaluated for some notes (${reason}); they are left out`;
  return guarded(build, `filter:${statement.text}`, [statement.text], describe, false, () => isTruthy(evaluate(statement.node, { row: note }, build.runtime)));
}

export const rowsOf = (build: Build, filters: Filter[]): ViewNote[] =>
  build.context.notes.filter((note) => filters.every((filter) => passes(filter, (statement) => holds(build, statement, note))));

const NOTE_BRACKETS = /^note\[\s*(["'])(.*)\1\s*\]$/;

/** A column's (or sort's, group's) value for a row: a file field, a formula, or a note property. */
export function valueOf(build: Build, id: string, note: ViewNote): Value {
  const formula = id.startsWith('formula.') ? id.slice('formula.'.length) : undefined;
  const where = formula ? [build.spec.formulas.get(formula), `${formula}:`] : [id];
  const describe = (reason: string) => (formula ? `the formula “${formula}” cannot be evaluated for some notes (${reason}); their cells are empty` : `“${id}” cannot be read for some notes (${reason})`);
  return guarded(build, formula ? `formula:${formula}` : `column:${id}`, where, describe, null, () => {
    if (formula) return build.runtime.formula(note, formula, (node, scope) => evaluate(node, scope, build.runtime));
    if (id.startsWith('file.')) return fileField(note, id.slice('file.'.length), build.runtime);
    return build.runtime.property(note, NOTE_BRACKETS.exec(id.trim())?.[2] ?? canonicalId(id));
  });
}

const FILE_LABELS: Record<string, string> = {
  name: 'file name', basename: 'file base name', path: 'file path', folder: 'folder', ext: 'file extension', size: 'file size',
  ctime: 'created time', mtime: 'modified time', tags: 'file tags', links: 'file links', embeds: 'file embeds', backlinks: 'backlinks', properties: 'file properties',
};

/** A column's label: its display name in `properties`, else the property's own name as Obsidian shows it. */
function labelOf(build: Build, id: string): string {
  const named = build.spec.labels.get(canonicalId(id));
  if (named !== undefined) return named;
  if (id.startsWith('file.')) return FILE_LABELS[id.slice(5)] ?? id.slice(5);
  if (id.startsWith('formula.')) return id.slice('formula.'.length);
  return NOTE_BRACKETS.exec(id.trim())?.[2] ?? canonicalId(id);
}

function sortRows(build: Build, rows: ViewNote[]): ViewNote[] {
  const keys = build.view.sort;
  if (!keys.length) return rows;
  build.runtime.tick(rows.length * Math.ceil(Math.log2(rows.length + 1)));
  const decorated = rows.map((note) => ({ note, values: keys.map((key) => valueOf(build, key.property, note)) }));
  decorated.sort((a, b) => {
    for (const [i, key] of keys.entries()) {
      const order = sortOrder(a.values[i]!, b.values[i]!, build.runtime, key.direction);
      if (order) return order;
    }
    return 0;
  });
  return decorated.map((row) => row.note);
}

/** Rows grouped by the `groupBy` property's value, the groups in its direction; one unnamed group otherwise. */
function groupRows(build: Build, rows: ViewNote[]): { key?: Value; rows: ViewNote[] }[] {
  const by = build.view.groupBy;
  if (!by) return [{ rows }];
  const groups: { key: Value; rows: ViewNote[] }[] = [];
  const index = new Map<string, { key: Value; rows: ViewNote[] }>();
  for (const note of rows) {
    const key = valueOf(build, by.property, note);
    const identity = isEmptyValue(key) ? '\0empty' : `${Array.isArray(key) ? 'list' : typeof key}:${stringOf(key).toLowerCase()}`;
    let group = index.get(identity);
    if (!group) groups.push((group = { key, rows: [] })), index.set(identity, group);
    group.rows.push(note);
  }
  return groups.sort((a, b) => sortOrder(a.key, b.key, build.runtime, by.direction));
}

/** How this view's cells are shown: told once per kind, paid for from the budget. */
const showing = (build: Build): Showing => ({
  context: build.context,
  notice: (message) => {
    if (!build.problems.has(message)) build.problems.report(build.view.line, message);
  },
  spend: (steps) => build.runtime.tick(steps),
});
const selfPath = (build: Build) => build.context.self?.path ?? '';

function rowOf(build: Build, columns: string[], note: ViewNote): ViewRow {
  const cells = columns.map((id): Cell => {
    // Obsidian shows a file by its name, whatever title the garden gives its page.
    if (id === 'file.name' || id === 'file.file') return noteCell(note, fileNameOf(note.path));
    return cellOf(valueOf(build, id, note), note.path, showing(build));
  });
  return { note: { slug: note.slug, title: note.title }, cells };
}

/** A card's image from the view's `image` property: an http(s) address or an image in the vault (see display.ts). */
function withImage(build: Build, row: ViewRow, note: ViewNote): ViewRow {
  const property = build.view.image;
  if (!property) return row;
  const value = valueOf(build, property, note);
  const image = imageOf(value, note.path, build.context);
  if (image) return { ...row, image };
  const message = 'card images that name no image of the vault nor an http(s) address (a colour, a missing file) are not shown';
  if (!isEmptyValue(value) && !build.problems.has(message)) build.problems.report(lineOf(build.source, 'image:'), message);
  return row;
}

/** Which summary to compute for each shown column (by its id as written in `order`). */
function summaryPlan(build: Build, columns: string[]): [string, string][] {
  return build.view.summaries.flatMap(([property, name]): [string, string][] => {
    const column = columns.find((id) => canonicalId(id) === canonicalId(property));
    const line = lineOf(build.source, `${property}: ${name}`, property);
    if (!column) {
      build.problems.report(line, `the summary of “${property}” is not shown: it is not a column of the view`);
      return [];
    }
    if (!isDefaultSummary(name) && !build.customSummaries.has(name)) {
      build.problems.report(line, `“${name}” is not a summary the garden knows (neither a default summary nor one of the base's summaries)`);
      return [];
    }
    return [[column, name]];
  });
}

function summarize(build: Build, plan: [string, string][], rows: ViewNote[]): Record<string, ViewSummary> | undefined {
  if (!plan.length) return undefined;
  const cells: Record<string, ViewSummary> = {};
  for (const [column, name] of plan) {
    const values = rows.map((note) => valueOf(build, column, note));
    const custom = build.customSummaries.get(name);
    const describe = (reason: string) => `the summary “${name}” cannot be computed (${reason})`;
    const value = guarded(build, `summary:${name}`, [`${name}:`], describe, null, (): Value => {
      if (isDefaultSummary(name)) return defaultSummary(name, values, build.runtime);
      if (custom instanceof Error) throw new EvalError(custom.message);
      return evaluate(custom!, { locals: { values } }, build.runtime);
    });
    cells[column] = { label: name, value: value === null ? EMPTY : cellOf(value, selfPath(build), showing(build)) };
  }
  return cells;
}

const LAYOUTS: Record<string, ViewResult['layout']> = { table: 'table', cards: 'cards', list: 'list' };

export function buildView(build: Build, filters: Filter[]): ViewResult {
  const { view } = build;
  const drawable = Object.hasOwn(LAYOUTS, view.type);
  const layout = drawable ? LAYOUTS[view.type]! : 'list';
  if (!drawable) build.problems.report(view.line, `the view “${view.name ?? view.type}” is shown as a list: the garden cannot draw a ${view.type} view`);
  const columns = view.order.length ? view.order : ['file.name'];
  const sorted = sortRows(build, rowsOf(build, filters));
  const shown = view.limit ? sorted.slice(0, view.limit) : sorted;
  const plan = summaryPlan(build, columns);
  const groups = groupRows(build, shown).map((group): ViewGroup => {
    const rows = group.rows.map((note) => (layout === 'cards' ? withImage(build, rowOf(build, columns, note), note) : rowOf(build, columns, note)));
    const summaries = view.groupBy ? summarize(build, plan, group.rows) : undefined;
    const key = view.groupBy ? (isEmptyValue(group.key ?? null) ? EMPTY : cellOf(group.key ?? null, group.rows[0]!.path, showing(build))) : undefined;
    return { ...(key ? { key } : {}), rows, ...(summaries ? { summaries } : {}) };
  });
  const summaries = summarize(build, plan, shown);
  return {
    layout,
    ...(view.name === undefined ? {} : { name: view.name }),
    columns: columns.map((id) => ({ id, label: labelOf(build, id) })),
    groups,
    ...(summaries ? { summaries } : {}),
  };
}
