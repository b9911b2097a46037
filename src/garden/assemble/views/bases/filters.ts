import { ExpressionError, parseExpression, type Node } from './parse-expression.ts';

/*
 * A Bases filter: a statement written as text, or `and:`/`or:`/`not:` over a list of filters,
 * nested (help.obsidian.md, "Bases syntax", Filters). `not:` holds when none of its items does.
 * Its size is bounded, as YAML aliases could make a small file stand for a huge tree.
 */

export type Filter = { kind: 'statement'; text: string; node: Node } | { kind: 'and' | 'or' | 'not'; items: Filter[] };

/** A filter that cannot be read, with the text to find its line by. */
export class FilterError extends Error {
  readonly text: string | undefined;
  constructor(message: string, text?: string) {
    super(message);
    this.text = text;
  }
}

const MAX_DEPTH = 50;
const MAX_STATEMENTS = 10_000;

export function compileFilter(raw: unknown): Filter {
  let statements = 0;
  const compile = (value: unknown, depth: number): Filter => {
    if (depth > MAX_DEPTH) throw new FilterError(`the filters nest more than ${MAX_DEPTH} levels deep`);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (++statements > MAX_STATEMENTS) throw new FilterError(`the filters have more than ${MAX_STATEMENTS.toLocaleString('en')} statements`);
      const text = String(value);
      try {
        return { kind: 'statement', text, node: parseExpression(text) };
      } catch (error) {
        if (error instanceof ExpressionError) throw new FilterError(`the filter “${text.slice(0, 80)}” cannot be read: ${error.message}`, text);
        throw error;
      }
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value).filter((key) => ['and', 'or', 'not'].includes(key));
      if (keys.length !== 1 || Object.keys(value).length !== 1) throw new FilterError(`a filter group must have exactly one of and, or, not (it has ${Object.keys(value).join(', ') || 'none'})`);
      const key = keys[0] as 'and' | 'or' | 'not';
      const items = (value as Record<string, unknown>)[key];
      const list = Array.isArray(items) ? items : items === null || items === undefined ? [] : [items];
      return { kind: key, items: list.map((item) => compile(item, depth + 1)) };
    }
    throw new FilterError('a filter must be a statement or a group (and, or, not)');
  };
  return compile(raw, 0);
}

/** Whether a row passes a filter; `holds` says whether one statement is true for it. */
export function passes(filter: Filter, holds: (statement: Extract<Filter, { kind: 'statement' }>) => boolean): boolean {
  switch (filter.kind) {
    case 'statement':
      return holds(filter);
    case 'and':
      return filter.items.every((item) => passes(item, holds));
    case 'or':
      return filter.items.some((item) => passes(item, holds));
    case 'not':
      return !filter.items.some((item) => passes(item, holds));
  }
}

/** Every statement of a filter, for checks made before any row is evaluated. */
export const statementsOf = (filter: Filter): Extract<Filter, { kind: 'statement' }>[] => (filter.kind === 'statement' ? [filter] : filter.items.flatMap(statementsOf));
