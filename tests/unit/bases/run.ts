import { evaluate } from '../../../src/garden/assemble/views/bases/interpret.ts';
import { parseExpression } from '../../../src/garden/assemble/views/bases/parse-expression.ts';
import { Runtime } from '../../../src/garden/assemble/views/bases/runtime.ts';
import { stringOf, type Value } from '../../../src/garden/assemble/views/bases/values.ts';
import type { ViewNote } from '../../../src/garden/assemble/views/types.ts';
import { viewContext } from '../../helpers/view-context.ts';

/*
 * One Bases expression evaluated for one row, without a base around it: the function tests compare
 * its value with the examples of help.obsidian.md ("Functions", "Bases syntax").
 */

export interface RunOptions {
  row?: ViewNote;
  self?: ViewNote;
  /** The shared notes (the row's alone when not given). */
  notes?: ViewNote[];
}

export function run(expression: string, options: RunOptions = {}): Value {
  const notes = options.notes ?? (options.row ? [options.row] : []);
  const runtime = new Runtime(viewContext(notes, options.self), new Map());
  return evaluate(parseExpression(expression), options.row ? { row: options.row } : {}, runtime);
}

/** The value's words (`toString()`), for values compared as text. */
export const text = (expression: string, options: RunOptions = {}) => stringOf(run(expression, options));
