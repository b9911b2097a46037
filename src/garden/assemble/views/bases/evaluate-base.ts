import type { ViewContext, ViewOutcome, ViewResult } from '../types.ts';
import { buildView, type Build } from './build-view.ts';
import { compileFilter, FilterError, statementsOf, type Filter } from './filters.ts';
import { ExpressionError, parseExpression, type Node } from './parse-expression.ts';
import { Problems } from './problems.ts';
import { lineOf, lineOfView, readBase, type BaseSpec, type ViewSpec } from './read-base.ts';
import { Runtime } from './runtime.ts';
import { unknownCalls } from './unknown-names.ts';

/*
 * Obsidian Bases, evaluated at build time over the shared notes only (help.obsidian.md, "Bases
 * syntax", "Functions", "Views"). An embed shows one view, the one named (`![[Books.base#Top
 * rated]]`), else the first; the base's own page shows them all. What cannot be evaluated is a
 * problem with its line, and the rest still renders; when nothing can be, no view is returned.
 */

/** A base without `views:` shows a table of every matching file's name, as Obsidian does. */
const DEFAULT_VIEW: ViewSpec = { type: 'table', order: ['file.name'], sort: [], summaries: [] };

/** The view an embed shows: the one named (`![[Books.base#Top rated]]`), else the first. */
function chooseView(spec: BaseSpec, source: string, problems: Problems, viewName?: string): ViewSpec | undefined {
  if (!spec.views) {
    if (viewName?.trim()) problems.report(1, `the base has no views, so there is no view named “${viewName.trim()}”: a table of its notes is shown`);
    return DEFAULT_VIEW;
  }
  const [first] = spec.views;
  if (!first) {
    problems.report(lineOf(source, 'views:'), 'the base has no view to show');
    return undefined;
  }
  const wanted = viewName?.trim();
  const named = wanted ? (spec.views.find((view) => view.name === wanted) ?? spec.views.find((view) => view.name?.toLowerCase() === wanted.toLowerCase())) : first;
  if (!named) problems.report(lineOf(source, 'views:'), `the base has no view named “${wanted}”, so its first view is shown`);
  const shown = named ?? first;
  return { ...shown, line: lineOfView(source, shown) };
}

/** The views a base's own page shows: every one, in the base's order. */
function everyView(spec: BaseSpec, source: string, problems: Problems): ViewSpec[] {
  if (!spec.views) return [DEFAULT_VIEW];
  if (!spec.views.length) problems.report(lineOf(source, 'views:'), 'the base has no view to show');
  return spec.views.map((view) => ({ ...view, line: lineOfView(source, view) }));
}

/** Every formula (and custom summary) parsed; one that cannot be read is reported, and fails where it is used. */
function parseAll(formulas: Map<string, string>, source: string, problems: Problems, what: 'formula' | 'summary'): Map<string, Node | Error> {
  const parsed = new Map<string, Node | Error>();
  for (const [name, text] of formulas) {
    try {
      const node = parseExpression(text);
      parsed.set(name, node);
      const unknown = unknownCalls(node);
      if (unknown.length) problems.report(lineOf(source, text, `${name}:`), `the ${what} “${name}” uses ${unknown.join(', ')}, which the garden cannot evaluate; ${what === 'formula' ? 'its cells are empty where it is needed' : 'it is not shown'}`, `${what}:${name}`);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      parsed.set(name, error);
      problems.report(lineOf(source, text, `${name}:`), `the ${what} “${name}” cannot be read: ${error.message}`, `${what}:${name}`);
    }
  }
  return parsed;
}

/** The base's filters and the view's, ANDed; undefined (reported) when one cannot be read. */
function filtersOf(spec: BaseSpec, view: ViewSpec, source: string, problems: Problems): Filter[] | undefined {
  try {
    const filters = [spec.filters, view.filters].filter((raw) => raw !== undefined).map(compileFilter);
    for (const statement of filters.flatMap(statementsOf)) {
      const unknown = unknownCalls(statement.node);
      const message = `the filter “${statement.text.slice(0, 80)}” uses ${unknown.join(', ')}, which the garden cannot evaluate; notes for which it is needed are left out`;
      if (unknown.length) problems.report(lineOf(source, statement.text), message, `filter:${statement.text}`);
    }
    return filters;
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    problems.report(lineOf(source, error.text, 'filters:'), `${error.message}, so the view “${view.name ?? 'of the base'}” is not shown`);
    return undefined;
  }
}

/** One view evaluated; what fails is reported, and leaves the view out only when nothing of it can be shown. */
function evaluateView(view: ViewSpec, filters: Filter[], shared: Omit<Build, 'view'>): ViewResult | undefined {
  try {
    return buildView({ ...shared, view }, filters);
  } catch (error) {
    // The budget spent, or a fault of the engine's own: the view is left out and said why, the build goes on.
    shared.problems.report(view.line, `the view “${view.name ?? 'of the base'}” is not shown: ${(error as Error).message}`);
    return undefined;
  }
}

/** The views `choose` picks of the base, evaluated over `context`, with one list of problems for them all. */
function evaluate(source: string, context: ViewContext, choose: (spec: BaseSpec, problems: Problems) => ViewSpec[]): ViewOutcome {
  const problems = new Problems();
  const spec = readBase(source, problems.list);
  // A view whose filters cannot be read is not shown (reported); the others are.
  const chosen = spec ? choose(spec, problems).flatMap((view) => {
    const filters = filtersOf(spec, view, source, problems);
    return filters ? [{ view, filters }] : [];
  }) : [];
  if (!spec || !chosen.length) return { views: [], problems: problems.list };
  const shared: Omit<Build, 'view'> = {
    spec,
    source,
    context,
    runtime: new Runtime(context, parseAll(spec.formulas, source, problems, 'formula')),
    problems,
    customSummaries: parseAll(spec.summaries, source, problems, 'summary'),
  };
  return { views: chosen.flatMap(({ view, filters }) => evaluateView(view, filters, shared) ?? []), problems: problems.list };
}

/** A base as an embed or a ```base block shows it: one view, the one named or the first. */
export function evaluateBase(source: string, context: ViewContext, viewName?: string): ViewOutcome {
  return evaluate(source, context, (spec, problems) => {
    const view = chooseView(spec, source, problems, viewName);
    return view ? [view] : [];
  });
}

/** A base as its own page shows it: every view. */
export function evaluateBasePage(source: string, context: ViewContext): ViewOutcome {
  return evaluate(source, context, (spec, problems) => everyView(spec, source, problems));
}
