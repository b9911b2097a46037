import type { Node } from './parse-expression.ts';
import { EvalError, type Runtime, type Scope } from './runtime.ts';
import { stringOf, typeName, type Value } from './values.ts';

/* What every Bases method is given, and the readers of its arguments. */

export type Recurse = (node: Node, scope?: Scope) => Value;
export interface Call {
  args: Node[];
  scope: Scope;
  runtime: Runtime;
  recurse: Recurse;
  values: () => Value[];
}
export type Method<T> = (self: T, call: Call) => Value;

export const text = (value: Value | undefined) => stringOf(value ?? null);
export const number = (value: Value | undefined, name: string): number => {
  if (typeof value === 'number') return value;
  throw new EvalError(`${name}() needs a number, not ${typeName(value ?? null)}`);
};

