import type { ViewResult } from '../../../src/garden/assemble/views/types.ts';
import { cellText } from '../../helpers/view-context.ts';

/* A view's cells as the words a reader sees, to compare views with tables worked out by hand. */

export const words = cellText;

/** Every row's cells as words, group after group. */
export const table = (view: ViewResult | undefined) => view!.groups.flatMap((group) => group.rows.map((row) => row.cells.map(words)));

/** The first column's words: the rows' names. */
export const names = (view: ViewResult | undefined) => table(view).map((row) => row[0]);
