import type { ViewEngines } from './draw-views.ts';
import { evaluateBase, evaluateBasePage } from './bases/evaluate-base.ts';
import { evaluateDataview, evaluateInline, inlineFieldsOf } from './dataview/evaluate-dataview.ts';

/** The garden's engines: Obsidian Bases, and Dataview's queries, inline queries and inline fields. */
export const VIEW_ENGINES: ViewEngines = {
  base: evaluateBase,
  basePage: evaluateBasePage,
  dataview: evaluateDataview,
  inline: evaluateInline,
  inlineFields: inlineFieldsOf,
};
