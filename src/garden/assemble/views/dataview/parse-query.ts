/*
 * Dataview's query language, read with parsimmon, the parser-combinator library Dataview itself is
 * written with. The grammar below follows Dataview's own (`src/expression/parse.ts` and
 * `src/query/parse.ts` in blacksmithgu/obsidian-dataview) rule for rule, so that a query parses
 * here exactly when it parses in Obsidian, quirks included (`a-b` is one field name; `and`/`or`
 * bind loosest). Dataview's npm package could not be used instead: it imports the `obsidian`
 * module, which exists only inside the Obsidian app, and it depends on a git-hosted CodeMirror fork
 * that npm cannot install here, so only its grammar travels, ported to parsimmon directly.
 */
import P from 'parsimmon';
import { Duration } from 'luxon';
import { Link, type Value } from './values.ts';

/** A date as written (`2024-03-01T09:30`) or a shorthand (`today`), made a luxon date when evaluated, in the garden's zone. */
export type DateLiteral =
  | { kind: 'parts'; year: number; month: number; day?: number; hour?: number; minute?: number; second?: number; millisecond?: number; zone?: string }
  | { kind: 'shorthand'; name: string };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '|';

export type Field =
  | { type: 'literal'; value: Value }
  | { type: 'date'; date: DateLiteral }
  | { type: 'variable'; name: string }
  | { type: 'negated'; child: Field }
  | { type: 'binaryop'; left: Field; op: BinaryOp; right: Field }
  | { type: 'list'; values: Field[] }
  | { type: 'object'; values: [string, Field][] }
  | { type: 'lambda'; arguments: string[]; value: Field }
  | { type: 'function'; func: Field; arguments: Field[] }
  | { type: 'index'; object: Field; index: Field };

export type Source =
  | { type: 'all' }
  | { type: 'tag'; tag: string }
  | { type: 'folder'; folder: string }
  | { type: 'link'; target: string; incoming: boolean }
  | { type: 'negate'; child: Source }
  | { type: 'binaryop'; left: Source; op: '&' | '|'; right: Source }
  | { type: 'csv'; path: string };

export interface NamedField {
  name: string;
  field: Field;
}

export type Header =
  | { type: 'table'; fields: NamedField[]; showId: boolean }
  | { type: 'list'; format?: Field; formatText?: string; showId: boolean }
  | { type: 'task' }
  | { type: 'calendar' };

export type Operation = (
  | { type: 'where'; clause: Field }
  | { type: 'sort'; fields: { field: Field; ascending: boolean }[] }
  | { type: 'limit'; amount: Field }
  | { type: 'group'; field: NamedField }
  | { type: 'flatten'; field: NamedField }
) & { line: number };

export interface Query {
  header: Header;
  source: Source;
  sourceLine: number;
  operations: Operation[];
}

const DURATION_UNITS: Record<string, string> = {
  ...Object.fromEntries(['year', 'years', 'yr', 'yrs'].map((unit) => [unit, 'years'])),
  ...Object.fromEntries(['month', 'months', 'mo', 'mos'].map((unit) => [unit, 'months'])),
  ...Object.fromEntries(['week', 'weeks', 'wk', 'wks', 'w'].map((unit) => [unit, 'weeks'])),
  ...Object.fromEntries(['day', 'days', 'd'].map((unit) => [unit, 'days'])),
  ...Object.fromEntries(['hour', 'hours', 'hr', 'hrs', 'h'].map((unit) => [unit, 'hours'])),
  ...Object.fromEntries(['minute', 'minutes', 'min', 'mins', 'm'].map((unit) => [unit, 'minutes'])),
  ...Object.fromEntries(['second', 'seconds', 'sec', 'secs', 's'].map((unit) => [unit, 'seconds'])),
};

export const DATE_SHORTHANDS = ['now', 'today', 'yesterday', 'tomorrow', 'sow', 'start-of-week', 'eow', 'end-of-week', 'soy', 'start-of-year', 'eoy', 'end-of-year', 'som', 'start-of-month', 'eom', 'end-of-month'];

/** Names that cannot be fields: `row.where` reaches a field so named. */
const KEYWORDS = ['FROM', 'WHERE', 'LIMIT', 'GROUP', 'FLATTEN'];

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);

/** Dataview's `[[target#sub|display]]`, the pipe escapable as `\|`. */
export function linkOfInner(inner: string, from: string, embed = false): Link {
  const pipe = /(?<!\\)\|/.exec(inner);
  const target = (pipe ? inner.slice(0, pipe.index) : inner).replace(/\\\|/g, '|');
  const display = pipe ? inner.slice(pipe.index + 1) : undefined;
  const hash = target.indexOf('#');
  const path = hash >= 0 ? target.slice(0, hash) : target;
  const subpath = hash >= 0 ? target.slice(hash + 1) : undefined;
  return new Link(path.trim(), from, display, subpath, embed);
}

function binaryChain<T, U>(child: P.Parser<T>, separator: P.Parser<U>, combine: (left: T, op: U, right: T) => T): P.Parser<T> {
  return P.seqMap(child, P.seq(P.optWhitespace, separator, P.optWhitespace, child).many(), (first, rest) =>
    rest.reduce((left, [, op, , right]) => combine(left, op, right), first),
  );
}

/** Dataview's date grammar: `YYYY-MM`, then each of `-DD`, `THH`, `:mm`, `:ss`, `.SSS`, as far as written, then a zone. */
const DATE = /(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?)?)?)?(Z|[+-]\d{1,2}(?::\d{2})?|\[[0-9A-Za-z+\-/_]+\])?/;
const DATE_UNITS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const;

function zoneOf(written: string | undefined): string | undefined {
  if (!written) return undefined;
  if (written === 'Z') return 'UTC';
  return written.startsWith('[') ? written.slice(1, -1) : `UTC${written}`;
}

const dateParts: P.Parser<DateLiteral> = P.regexp(DATE)
  .map((text) => {
    const match = new RegExp(`^${DATE.source}$`).exec(text)!;
    const parts: Record<string, number> = {};
    DATE_UNITS.forEach((unit, i) => {
      if (match[i + 1] !== undefined) parts[unit] = Number(match[i + 1]);
    });
    const zone = zoneOf(match[8]);
    return { kind: 'parts', ...parts, ...(zone ? { zone } : {}) } as DateLiteral;
  })
  .desc('date in format YYYY-MM[-DDTHH:mm:ss.SSS]');

const durationUnit = P.alt(...byLength(Object.keys(DURATION_UNITS)).map((unit) => P.string(unit)));
const numberText = P.regexp(/-?[0-9]+(\.[0-9]+)?/).map(Number.parseFloat).desc('number');
const duration: P.Parser<Duration> = P.seqMap(numberText, P.optWhitespace, durationUnit, (count, _, unit) => Duration.fromObject({ [DURATION_UNITS[unit]!]: count }))
  .sepBy1(P.string(',').trim(P.optWhitespace).or(P.optWhitespace))
  .map((parts) => parts.reduce((sum, part) => sum.plus(part)))
  .desc('duration like 4hr2min');

const escapeCharacter = P.string('\\')
  .then(P.any)
  .map((escaped) => (escaped === '"' || escaped === '\\' ? escaped : `\\${escaped}`));
const quoted = P.string('"')
  .then(P.alt(escapeCharacter, P.noneOf('"\\')).many().map((chars) => chars.join('')))
  .skip(P.string('"'))
  .desc('string');
const bool = P.regexp(/true|false|True|False/)
  .map((text) => text.toLowerCase() === 'true')
  .desc("boolean ('true' or 'false')");
const tag = P.regexp(/#[^\u2000-\u206F\u2E00-\u2E7F'!"#$%&()*+,.:;<=>?@^`{|}~[\]\\\s]*/).desc("tag ('#hello/stuff')");
const identifier = P.regexp(/[\p{Letter}\p{Extended_Pictographic}][0-9\p{Letter}\p{Extended_Pictographic}_-]*/u).desc('variable identifier');
const linkInner = P.regexp(/\[\[([^[\]]*?)\]\]/u, 1).desc('file link');
const embedLink = P.seqMap(P.string('!').atMost(1), linkInner, (bang, inner) => ({ inner, embed: bang.length > 0 }));
const rawNull = P.string('null');
const comma = P.string(',').trim(P.optWhitespace);

interface Language {
  field: Field;
  atom: Field;
  postfixed: Field;
  negated: Field;
  parens: Field;
  list: Field;
  object: Field;
  lambda: Field;
  source: Source;
  atomSource: Source;
}

const binaryOf = (left: Field, op: BinaryOp, right: Field): Field => ({ type: 'binaryop', left, op, right });
const booleanOp = P.regexp(/and|or|&|\|/i).map((op) => (op.toLowerCase() === 'and' ? '&' : op.toLowerCase() === 'or' ? '|' : op) as '&' | '|');

type Postfix = { type: 'dot'; name: string } | { type: 'index'; field: Field } | { type: 'call'; fields: Field[] };

const EXPRESSION = P.createLanguage<Language>({
  field: (q) => {
    const mulDiv = binaryChain(q.postfixed, P.regexp(/\*|\/|%/) as P.Parser<BinaryOp>, binaryOf);
    const plusMinus = binaryChain(mulDiv, P.regexp(/\+|-/) as P.Parser<BinaryOp>, binaryOf);
    const compare = binaryChain(plusMinus, P.regexp(/>=|<=|!=|>|<|=/) as P.Parser<BinaryOp>, binaryOf);
    return binaryChain(compare, booleanOp, binaryOf);
  },
  atom: (q) =>
    P.alt<Field>(
      embedLink.map(({ inner, embed }) => ({ type: 'literal', value: linkOfInner(inner, '', embed) })),
      q.negated,
      q.list,
      q.object,
      q.lambda,
      q.parens,
      bool.map((value) => ({ type: 'literal', value })),
      numberText.map((value) => ({ type: 'literal', value })),
      quoted.map((value) => ({ type: 'literal', value })),
      P.seqMap(P.string('date('), P.optWhitespace, P.alt<DateLiteral>(P.alt(...byLength(DATE_SHORTHANDS).map((name) => P.string(name))).map((name) => ({ kind: 'shorthand', name })), dateParts), P.optWhitespace, P.string(')'), (_a, _b, date) => ({ type: 'date', date }) as Field),
      P.seqMap(P.string('dur('), P.optWhitespace, duration, P.optWhitespace, P.string(')'), (_a, _b, value) => ({ type: 'literal', value }) as Field),
      rawNull.map(() => ({ type: 'literal', value: null })),
      identifier.chain((name) => (KEYWORDS.includes(name.toUpperCase()) ? P.fail(`a field name that is not a keyword (${KEYWORDS.join(', ')})`) : P.succeed<Field>({ type: 'variable', name }))),
    ),
  postfixed: (q) =>
    P.seqMap(
      q.atom,
      P.alt<Postfix>(
        P.seqMap(P.string('.'), identifier, (_, name) => ({ type: 'dot', name })),
        P.seqMap(P.string('['), P.optWhitespace, q.field, P.optWhitespace, P.string(']'), (_a, _b, field) => ({ type: 'index', field })),
        P.seqMap(P.string('('), P.optWhitespace, q.field.sepBy(comma), P.optWhitespace, P.string(')'), (_a, _b, fields) => ({ type: 'call', fields })),
      ).many(),
      (atom, postfixes) =>
        postfixes.reduce<Field>((object, post) => {
          if (post.type === 'dot') return { type: 'index', object, index: { type: 'literal', value: post.name } };
          if (post.type === 'index') return { type: 'index', object, index: post.field };
          return { type: 'function', func: object, arguments: post.fields };
        }, atom),
    ),
  negated: (q) => P.seqMap(P.string('!'), q.postfixed, (_, child) => ({ type: 'negated', child }) as Field).desc('negated field'),
  parens: (q) => P.seqMap(P.string('('), P.optWhitespace, q.field, P.optWhitespace, P.string(')'), (_a, _b, field) => field),
  list: (q) =>
    q.field
      .sepBy(comma)
      .wrap(P.string('[').skip(P.optWhitespace), P.optWhitespace.then(P.string(']')))
      .map((values) => ({ type: 'list', values }) as Field)
      .desc("list ('[1, 2, 3]')"),
  object: (q) =>
    P.seqMap(identifier.or(quoted), P.string(':').trim(P.optWhitespace), q.field, (name, _, value) => [name, value] as [string, Field])
      .sepBy(comma)
      .wrap(P.string('{').skip(P.optWhitespace), P.optWhitespace.then(P.string('}')))
      .map((values) => ({ type: 'object', values }) as Field)
      .desc("object ('{ a: 1, b: 2 }')"),
  lambda: (q) =>
    P.seqMap(identifier.sepBy(comma).wrap(P.string('(').trim(P.optWhitespace), P.string(')').trim(P.optWhitespace)), P.string('=>').trim(P.optWhitespace), q.field, (args, _, value) => ({ type: 'lambda', arguments: args, value }) as Field),
  atomSource: (q) =>
    P.alt<Source>(
      P.seqMap(P.string('('), P.optWhitespace, q.source, P.optWhitespace, P.string(')'), (_a, _b, source) => source),
      P.seqMap(P.alt(P.string('-'), P.string('!')), q.atomSource, (_, child) => ({ type: 'negate', child })),
      P.seqMap(P.string('outgoing(').skip(P.optWhitespace), linkInner, P.string(')'), (_a, inner) => ({ type: 'link', target: linkOfInner(inner, '').path, incoming: false })),
      linkInner.map((inner) => ({ type: 'link', target: linkOfInner(inner, '').path, incoming: true })),
      quoted.map((folder) => ({ type: 'folder', folder })),
      tag.map((name) => ({ type: 'tag', tag: name })),
      P.seqMap(P.string('csv(').skip(P.optWhitespace), quoted, P.string(')'), (_a, path) => ({ type: 'csv', path })),
    ),
  source: (q) => binaryChain(q.atomSource, booleanOp, (left, op, right): Source => ({ type: 'binaryop', left, op, right })),
});

/** A field with the text it was written as, newlines removed, as Dataview names a column it has no `AS` for. */
const rawField: P.Parser<NamedField> = P((input, i) => {
  const result = (EXPRESSION.field as unknown as { _: (input: string, i: number) => { status: boolean; index: number; value: Field } })._(input, i);
  if (!result.status) return result as unknown as P.Reply<NamedField>;
  const name = input.slice(i, result.index).split(/[\r\n]+/).map((part) => part.trim()).join('');
  return P.makeSuccess(result.index, { field: result.value, name });
});
const namedField = P.alt<NamedField>(
  P.seqMap(EXPRESSION.field.skip(P.whitespace), P.regexp(/AS/i).skip(P.whitespace), identifier.or(quoted), (field, _, name) => ({ name, field })),
  rawField,
);

const comment = P.regexp(/\/\/[^\n]*/);
const gap = P.alt(P.whitespace, comment).many();
const withoutId = P.regexp(/WITHOUT\s+ID/i).skip(P.optWhitespace).atMost(1);
const idle = <T>(ifEnd: T, parser: P.Parser<T>): P.Parser<T> => P.eof.map(() => ifEnd).or(P.whitespace.then(parser));

const header: P.Parser<Header> = P.regexp(/TABLE|LIST|TASK|CALENDAR/i)
  .map((word) => word.toLowerCase())
  .chain((type): P.Parser<Header> => {
    if (type === 'table')
      return idle<Header>({ type: 'table', fields: [], showId: true }, P.seqMap(withoutId, P.sepBy(namedField, comma), (without, fields) => ({ type: 'table', fields, showId: without.length === 0 })));
    if (type === 'list')
      return idle<Header>({ type: 'list', showId: true }, P.seqMap(withoutId, rawField.atMost(1), (without, format) => ({ type: 'list', showId: without.length === 0, ...(format[0] ? { format: format[0].field, formatText: format[0].name } : {}) })));
    if (type === 'task') return P.succeed({ type: 'task' });
    return P.whitespace.then(namedField).map(() => ({ type: 'calendar' }));
  })
  .desc('TABLE or LIST or TASK or CALENDAR');

const sortField = P.seqMap(EXPRESSION.field.skip(P.optWhitespace), P.regexp(/ASCENDING|DESCENDING|ASC|DESC/i).atMost(1), (field, direction) => ({ field, ascending: !/^desc/i.test(direction[0] ?? '') }));

type Clause = Operation | { type: 'from'; source: Source; line: number };
const lined = <T extends object>(parser: P.Parser<T>): P.Parser<T & { line: number }> => P.seqMap(P.index, parser, (at, value) => ({ ...value, line: at.line }));

const fromClause = lined(P.seqMap(P.regexp(/FROM/i), P.whitespace, EXPRESSION.source, (_a, _b, source) => ({ type: 'from' as const, source })));
const clause = P.alt<Clause>(
  lined(P.seqMap(P.regexp(/WHERE/i), P.whitespace, EXPRESSION.field, (_a, _b, where) => ({ type: 'where' as const, clause: where }))),
  lined(P.seqMap(P.regexp(/SORT/i), P.whitespace, sortField.sepBy1(comma), (_a, _b, fields) => ({ type: 'sort' as const, fields }))),
  lined(P.seqMap(P.regexp(/LIMIT/i), P.whitespace, EXPRESSION.field, (_a, _b, amount) => ({ type: 'limit' as const, amount }))),
  lined(P.seqMap(P.regexp(/GROUP BY/i).skip(P.whitespace), namedField, (_, field) => ({ type: 'group' as const, field }))),
  lined(P.seqMap(P.regexp(/FLATTEN/i).skip(P.whitespace), namedField, (_, field) => ({ type: 'flatten' as const, field }))),
);

const QUERY: P.Parser<Query> = P.seqMap(header.trim(gap), fromClause.trim(gap).atMost(1), clause.trim(gap).many(), (head, from, clauses) => {
  const operations = clauses.filter((one): one is Operation => one.type !== 'from');
  return { header: head, source: from[0]?.source ?? { type: 'all' }, sourceLine: from[0]?.line ?? 1, operations };
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; line: number; message: string };

/** Parsimmon's failure as a sentence a gardener can act on. */
function failure(text: string, result: P.Failure): Parsed<never> {
  const { line, column } = result.index;
  const found = text.slice(result.index.offset, result.index.offset + 20).split('\n')[0];
  const expected = [...new Set(result.expected)].slice(0, 6).join(', ');
  return { ok: false, line, message: `Dataview could not read this query at line ${line}, column ${column}${found ? ` (at "${found}")` : ' (at its end)'}: expected ${expected}.` };
}

function run<T>(parser: P.Parser<T>, text: string): Parsed<T> {
  const result = parser.parse(text);
  return result.status ? { ok: true, value: result.value } : failure(text, result);
}

export const parseQuery = (text: string): Parsed<Query> => run(QUERY, text);

export const parseExpression = (text: string): Parsed<Field> => run(EXPRESSION.field.trim(P.optWhitespace), text);

/** What an inline field's or a list item's value is, before it becomes a Value: Dataview's `atomInlineField`. */
export type InlineAtom = { kind: 'date'; date: DateLiteral } | { kind: 'duration'; value: Duration } | { kind: 'text'; value: string } | { kind: 'link'; inner: string; embed: boolean } | { kind: 'value'; value: boolean | number | null };

const inlineAtom = P.alt<InlineAtom>(
  dateParts.map((date) => ({ kind: 'date', date })),
  duration.map((value) => ({ kind: 'duration', value })),
  quoted.map((value) => ({ kind: 'text', value })),
  tag.map((value) => ({ kind: 'text', value })),
  embedLink.map(({ inner, embed }) => ({ kind: 'link', inner, embed })),
  bool.map((value) => ({ kind: 'value', value })),
  numberText.map((value) => ({ kind: 'value', value })),
  rawNull.map(() => ({ kind: 'value', value: null })),
);
const inlineList = inlineAtom.sepBy(comma.lookahead(inlineAtom));
const inlineValue = P.alt<InlineAtom | InlineAtom[]>(P.seqMap(inlineAtom, comma, inlineList, (first, _, rest) => [first, ...rest]), inlineAtom);

/** An inline field's value as Dataview types it: a typed atom, a list of them, or undefined for plain text. */
export function inlineAtoms(text: string): InlineAtom | InlineAtom[] | undefined {
  const result = inlineValue.parse(text);
  return result.status ? result.value : undefined;
}

/** A frontmatter string as Dataview types it: a date, a duration, a link, or undefined for plain text. */
export function frontmatterAtom(text: string): InlineAtom | undefined {
  for (const parser of [dateParts.map((date): InlineAtom => ({ kind: 'date', date })), duration.map((value): InlineAtom => ({ kind: 'duration', value })), embedLink.map(({ inner, embed }): InlineAtom => ({ kind: 'link', inner, embed }))]) {
    const result = parser.parse(text);
    if (result.status) return result.value;
  }
  return undefined;
}

/** `date("2024-03-01")` and `dur("3 days")` read their text with the literal grammar. */
export function dateLiteralOf(text: string): DateLiteral | undefined {
  const result = dateParts.parse(text);
  return result.status ? result.value : undefined;
}

export function durationOf(text: string): Duration | undefined {
  const result = duration.parse(text.trim());
  return result.status ? result.value : undefined;
}
