import type { Cell, ViewResult } from '../../../src/garden/assemble/views/types.ts';

/* A view's cells as the words a reader sees, to compare views with tables worked out by hand. */

export function words(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'boolean':
      return String(cell.value);
    case 'list':
      return cell.items.map(words).join(', ');
    default:
      return cell.text;
  }
}

/** Every row's cells as words, group after group. */
export const table = (view: ViewResult | undefined) => view!.groups.flatMap((group) => group.rows.map((row) => row.cells.map(words)));

/** The first column's words: the rows' names. */
export const names = (view: ViewResult | undefined) => table(view).map((row) => row[0]);
