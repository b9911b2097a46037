import type { ViewProblem } from '../types.ts';

/*
 * The problems of one evaluation, each told once: a formula failing on a thousand notes is one
 * problem, and a flood of different ones stops at a cap with a last line saying so.
 */

const MAX_PROBLEMS = 50;

export class Problems {
  readonly list: ViewProblem[] = [];
  private readonly told = new Set<string>();

  has = (key: string) => this.told.has(key);

  /** Reports a problem once per key (the message when no key is given). */
  report(line: number | undefined, message: string, key = message): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    if (this.list.length === MAX_PROBLEMS) this.list.push({ message: 'more problems in this base are not listed' });
    if (this.list.length > MAX_PROBLEMS) return;
    this.list.push({ ...(line === undefined ? {} : { line }), message });
  }
}
