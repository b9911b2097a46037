import { EMPTY, noteCell, fileNameOf } from '../cells.ts';
import type { Cell, ViewContext, ViewGroup, ViewOutcome, ViewProblem, ViewResult, ViewRow } from '../types.ts';
import { cellOf } from './display.ts';
import { EvaluationError, ViewAbort } from './errors.ts';
import { executeCore, extract, notesOfSource, type Core, type Row } from './execute.ts';
import { FUNCTIONS, UNSUPPORTED_FUNCTIONS } from './functions.ts';
import { parseExpression, parseQuery, type Field, type Header, type Parsed, type Query, type Source } from './parse-query.ts';
import { Runtime } from './runtime.ts';
import { Link, type DataObject, type Value } from './values.ts';

export { inlineFieldsOf } from './inline-fields.ts';

/*
 * Dataview's queries over the shared notes: a ```dataview block (LIST, TABLE, TASK), an inline
 * query (`= this.rating`). The rows are only `context.notes`; whatever cannot be evaluated is a
 * problem with its line, and a query Dataview would fail as a whole gives no view at all.
 */

/** Longer queries are refused before reading: no hand-written query comes near it. */
export const MAX_QUERY_LENGTH = 100_000;
/** Brackets nested deeper than this are refused before reading, so the parser's recursion stays shallow. */
const MAX_NESTING = 100;


function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of text) {
    if (char === '(' || char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ')' || char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Reads text with a parser, refusing what is too long or too deep to read safely. */
function safely<T>(text: string, parse: (text: string) => Parsed<T>): Parsed<T> {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, line: 1, message: `This query is ${text.length.toLocaleString('en-US')} characters long; the garden reads queries of up to ${MAX_QUERY_LENGTH.toLocaleString('en-US')}.` };
  if (nestingOf(text) > MAX_NESTING) return { ok: false, line: 1, message: `This query nests brackets more than ${MAX_NESTING} deep; the garden does not read it.` };
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, line: 1, message: 'This query is nested too deeply to read.' };
    throw error;
  }
}

/** Every expression in a query, to check its functions before running it. */
function fieldsOf(query: Query): Field[] {
  const header = query.header;
  const fromHeader = header.type === 'table' ? header.fields.map((one) => one.field) : header.type === 'list' && header.format ? [header.format] : [];
  const fromOps = query.operations.flatMap((op) => {
    if (op.type === 'where') return [op.clause];
    if (op.type === 'sort') return op.fields.map((one) => one.field);
    if (op.type === 'limit') return [op.amount];
    return [op.field.field];
  });
  return [...fromHeader, ...fromOps];
}

/** Visits every node of an expression, without recursion: a query may nest deeper than the stack. */
function walk(root: Field, visit: (field: Field) => void): void {
  const pending: Field[] = [root];
  while (pending.length) {
    const field = pending.pop()!;
    visit(field);
    if (field.type === 'negated') pending.push(field.child);
    else if (field.type === 'binaryop') pending.push(field.left, field.right);
    else if (field.type === 'list') pending.push(...field.values);
    else if (field.type === 'object') pending.push(...field.values.map(([, value]) => value));
    else if (field.type === 'lambda') pending.push(field.value);
    else if (field.type === 'function') pending.push(field.func, ...field.arguments);
    else if (field.type === 'index') pending.push(field.object, field.index);
  }
}

/** Functions the query calls that the garden cannot evaluate: Dataview would fail every row on them, so the query is not shown. */
function unknownFunctions(fields: Field[]): string[] {
  const called = new Set<string>();
  const parameters = new Set<string>();
  for (const field of fields)
    walk(field, (node) => {
      if (node.type === 'function' && node.func.type === 'variable') called.add(node.func.name);
      if (node.type === 'lambda') node.arguments.forEach((name) => parameters.add(name));
    });
  return [...called].filter((name) => !Object.hasOwn(FUNCTIONS, name.toLowerCase()) && !parameters.has(name));
}

function functionProblem(name: string): string {
  const why = UNSUPPORTED_FUNCTIONS[name.toLowerCase()];
  return why ? `The Dataview function ${name}() is not evaluated in the garden: ${why}.` : `Dataview has no function named ${name}(), so this query fails in Obsidian too.`;
}

function usesCsv(source: Source): boolean {
  if (source.type === 'csv') return true;
  if (source.type === 'negate') return usesCsv(source.child);
  if (source.type === 'binaryop') return usesCsv(source.left) || usesCsv(source.right);
  return false;
}

const refuse = (problems: ViewProblem[]): ViewOutcome => ({ views: [], problems });

/** A ```dataview block's body, evaluated over the shared notes. */
export function evaluateDataview(query: string, context: ViewContext): ViewOutcome {
  const parsed = safely(query, parseQuery);
  if (!parsed.ok) return refuse([{ line: parsed.line, message: parsed.message }]);
  const problems: ViewProblem[] = [];
  try {
    return evaluateQuery(parsed.value, context, problems);
  } catch (error) {
    if (error instanceof ViewAbort) return refuse([...problems, { line: 1, message: error.message }]);
    if (error instanceof RangeError) return refuse([...problems, { line: 1, message: 'This query is nested too deeply to evaluate.' }]);
    throw error;
  }
}

function evaluateQuery(query: Query, context: ViewContext, problems: ViewProblem[]): ViewOutcome {
  if (query.header.type === 'calendar') return refuse([{ line: 1, message: 'Dataview CALENDAR queries are not drawn in the garden: a calendar needs a script to browse.' }]);
  if (usesCsv(query.source)) return refuse([{ line: query.sourceLine, message: 'FROM csv(...) is not read by the garden: it publishes notes, not the CSV files a query could read.' }]);
  const unknown = unknownFunctions(fieldsOf(query));
  if (unknown.length) return refuse(unknown.map((name) => ({ line: 1, message: functionProblem(name) })));
  const view = run(query, new Runtime(context), problems);
  return view ? { views: [view], problems } : refuse(problems);
}

function run(query: Query, runtime: Runtime, problems: ViewProblem[]): ViewResult | undefined {
  const notes = notesOfSource(query.source, runtime);
  if (query.header.type === 'task') {
    const rows: Row[] = notes.flatMap((note) => {
      const page = runtime.pageOf(note);
      const tasks = (page.file as DataObject).tasks as DataObject[];
      return note.tasks.map((task, i) => ({ id: `${note.path}#${task.line}`, data: { ...page, ...tasks[i]! }, note, task }));
    });
    const core = executeCore(rows, query.operations, runtime, problems);
    return finish(core, problems, (done) => taskView(done, runtime));
  }
  const rows: Row[] = notes.map((note) => ({ id: new Link(note.path, note.path), data: runtime.pageOf(note), note }));
  const core = executeCore(rows, query.operations, runtime, problems);
  return finish(core, problems, (done) => (query.header.type === 'table' ? tableView(query.header, done, runtime, problems) : listView(query.header as Extract<Header, { type: 'list' }>, done, runtime, problems)));
}

function finish(core: Core, problems: ViewProblem[], view: (core: Extract<Core, { ok: true }>) => ViewResult | ViewProblem): ViewResult | undefined {
  if (!core.ok) {
    problems.push(core.problem);
    return undefined;
  }
  const result = view(core);
  if ('layout' in result) return result;
  problems.push(result);
  return undefined;
}

const fromOf = (row: Row, runtime: Runtime) => row.note?.path ?? runtime.selfPath;
const idCell = (row: Row, runtime: Runtime): Cell => cellOf(row.id, runtime, fromOf(row, runtime));
const rowOf = (row: Row, cells: Cell[]): ViewRow => ({ ...(row.note ? { note: { slug: row.note.slug, title: row.note.title } } : {}), cells });

function tableView(header: Extract<Header, { type: 'table' }>, core: Extract<Core, { ok: true }>, runtime: Runtime, problems: ViewProblem[]): ViewResult | ViewProblem {
  const extracted = extract(core.rows, header.fields.map((one) => one.field), runtime, 1, problems);
  if (!extracted.ok) return extracted.problem;
  const idLabel = core.idMeaning.type === 'group' ? core.idMeaning.name : 'File';
  const columns = [...(header.showId ? [{ id: 'id', label: idLabel }] : []), ...header.fields.map((one, i) => ({ id: `field-${i + 1}`, label: one.name }))];
  const rows = extracted.values.map(({ row, values }) => rowOf(row, [...(header.showId ? [idCell(row, runtime)] : []), ...values.map((value) => cellOf(value, runtime, fromOf(row, runtime)))]));
  return { layout: 'table', columns, groups: [{ rows }] };
}

function listView(header: Extract<Header, { type: 'list' }>, core: Extract<Core, { ok: true }>, runtime: Runtime, problems: ViewProblem[]): ViewResult | ViewProblem {
  const extracted = extract(core.rows, header.format ? [header.format] : [], runtime, 1, problems);
  if (!extracted.ok) return extracted.problem;
  const showId = header.showId || !header.format;
  const label = core.idMeaning.type === 'group' ? core.idMeaning.name : 'File';
  const columns = [...(showId ? [{ id: 'id', label }] : []), ...(header.format ? [{ id: 'value', label: header.formatText ?? 'value' }] : [])];
  const rows = extracted.values.map(({ row, values }) => rowOf(row, [...(showId ? [idCell(row, runtime)] : []), ...values.map((value) => cellOf(value, runtime, fromOf(row, runtime)))]));
  return { layout: 'list', columns, groups: [{ rows }] };
}

/** Tasks under their notes, as Dataview draws a TASK query; under each group's key when grouped. */
function taskView(core: Extract<Core, { ok: true }>, runtime: Runtime): ViewResult {
  const byNote = (rows: Row[]): ViewRow[] => {
    const order: ViewRow[] = [];
    const seen = new Map<string, ViewRow>();
    for (const row of rows) {
      if (!row.note || !row.task) continue;
      let entry = seen.get(row.note.path);
      if (!entry) {
        entry = { note: { slug: row.note.slug, title: row.note.title }, cells: [noteCell(row.note, fileNameOf(row.note.path))], tasks: [] };
        seen.set(row.note.path, entry);
        order.push(entry);
      }
      entry.tasks!.push(row.task);
    }
    return order;
  };
  const leaves = (row: Row): Row[] => (row.members ? row.members.flatMap(leaves) : [row]);
  const groups: ViewGroup[] =
    core.idMeaning.type === 'group' ? core.rows.map((group) => ({ key: keyCell(group.id, runtime), rows: byNote(leaves(group)) })) : [{ rows: byNote(core.rows) }];
  return { layout: 'task', columns: [{ id: 'id', label: 'File' }], groups };
}

/** A group's key as its heading: a null key still gets a heading, as Dataview's "-". */
function keyCell(key: Value, runtime: Runtime): Cell {
  const cell = cellOf(key, runtime, runtime.selfPath);
  return cell === EMPTY ? { kind: 'text', text: '-' } : cell;
}

/** An inline query's expression (`= this.rating`, without "= "), evaluated on the note it is in. */
export function evaluateInline(expression: string, context: ViewContext): Cell | ViewProblem {
  const parsed = safely(expression, parseExpression);
  if (!parsed.ok) return { line: 1, message: parsed.message.replace('this query', 'this inline query'), unreadable: true };
  const unknown = unknownFunctions([parsed.value]);
  if (unknown.length) return { line: 1, message: functionProblem(unknown[0]!) };
  try {
    const runtime = new Runtime(context);
    return cellOf(runtime.evaluate(parsed.value, {}), runtime, runtime.selfPath);
  } catch (error) {
    if (!(error instanceof EvaluationError || error instanceof ViewAbort || error instanceof RangeError)) throw error;
    return { line: 1, message: `This inline query could not be evaluated: ${(error as Error).message}.` };
  }
}
