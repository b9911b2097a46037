/*
 * Views as plain text, so that a test can state the rows it expects as a reader would see them.
 */
import type { ViewOutcome, ViewResult } from '../../../src/garden/assemble/views/types.ts';
import { cellText } from '../../helpers/view-context.ts';

export const textOf = cellText;

/** The one view of an outcome that must have evaluated without problems. */
export function onlyView(outcome: ViewOutcome): ViewResult {
  if (outcome.problems.length) throw new Error(`unexpected problems: ${JSON.stringify(outcome.problems)}`);
  if (outcome.views.length !== 1) throw new Error(`expected one view, got ${outcome.views.length}`);
  return outcome.views[0]!;
}

/** Every row of a view as the text of its cells. */
export const rowsOf = (view: ViewResult): string[][] => view.groups.flatMap((group) => group.rows.map((row) => row.cells.map(textOf)));
