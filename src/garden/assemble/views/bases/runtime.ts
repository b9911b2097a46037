import type { ViewContext, ViewNote } from '../types.ts';
import type { Comparing } from './compare.ts';
import type { Node } from './parse-expression.ts';
import { fromYaml, type LinkValue, type Value } from './values.ts';

/*
 * What one view's evaluation shares: the context, the base's formulas, a step budget, and caches
 * (a note's properties read once, a formula computed once per row, a link resolved once). The
 * budget and the cycle check make every evaluation end: a formula that refers to itself, or work
 * beyond the budget, stops with a message instead of hanging or overflowing the stack.
 */

/** Something an expression cannot compute for a row: that row's cell is empty, and it is reported once. */
export class EvalError extends Error {}

/** The view needed more work than a view may take. */
export class BudgetSpent extends Error {}

/** Evaluation steps a view may take: 10,000 notes with a few formulas take a few million, and 10 million take a few seconds. */
export const STEP_BUDGET = 10_000_000;

export interface Scope {
  row?: ViewNote;
  /** `value`, `index`, `acc` inside filter()/map()/reduce(); `values` in a summary formula. */
  locals?: Readonly<Record<string, Value>>;
}

export type Evaluate = (node: Node, scope: Scope) => Value;

export class Runtime implements Comparing {
  readonly timeZone: string;
  private left: number;
  private readonly properties = new Map<ViewNote, Map<string, Value>>();
  private readonly results = new Map<ViewNote, Map<string, { value: Value } | { error: Error }>>();
  private readonly active = new Set<string>();
  private readonly links = new Map<string, ViewNote | null>();

  readonly context: ViewContext;
  readonly formulas: ReadonlyMap<string, Node | Error>;

  constructor(context: ViewContext, formulas: ReadonlyMap<string, Node | Error>, budget = STEP_BUDGET) {
    this.context = context;
    this.formulas = formulas;
    this.timeZone = context.timeZone;
    this.left = budget;
  }

  /** Spends `steps` of the budget; throws BudgetSpent when it is gone. */
  tick(steps = 1): void {
    this.left -= steps;
    if (this.left < 0) throw new BudgetSpent('the view needs more work than a view may take to build');
  }

  resolve(link: LinkValue): ViewNote | undefined {
    const key = `${link.from}\0${link.target}`;
    let note = this.links.get(key);
    if (note === undefined) {
      const resolved = link.target ? this.context.resolveLink(link.target, link.from) : { kind: 'none' as const };
      note = resolved.kind === 'note' ? resolved.note : null;
      this.links.set(key, note);
    }
    return note ?? undefined;
  }

  /** A note property (`author`, `note.author`, `note["my prop"]`), its key matched in any case as Obsidian does. */
  property(note: ViewNote, name: string): Value {
    let cached = this.properties.get(note);
    if (!cached) this.properties.set(note, (cached = new Map()));
    if (cached.has(name)) return cached.get(name)!;
    const key = Object.hasOwn(note.properties, name) ? name : Object.keys(note.properties).find((one) => one.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? null : fromYaml(note.properties[key], note.path, this.timeZone);
    cached.set(name, value);
    return value;
  }

  /** A formula's value for a row, computed once; a formula that needs itself is an error, not a loop. */
  formula(note: ViewNote, name: string, evaluate: Evaluate): Value {
    let cached = this.results.get(note);
    if (!cached) this.results.set(note, (cached = new Map()));
    const known = cached.get(name);
    if (known) {
      if ('error' in known) throw known.error;
      return known.value;
    }
    const key = `${note.path}\0${name}`;
    if (this.active.has(key)) throw new EvalError(`the formula “${name}” refers to itself`);
    const source = this.formulas.get(name);
    if (source === undefined) throw new EvalError(`there is no formula “${name}” in the base`);
    if (source instanceof Error) throw new EvalError(`the formula “${name}” cannot be read: ${source.message}`);
    this.active.add(key);
    try {
      const value = evaluate(source, { row: note });
      cached.set(name, { value });
      return value;
    } catch (error) {
      if (error instanceof EvalError) cached.set(name, { error });
      throw error;
    } finally {
      this.active.delete(key);
    }
  }
}
