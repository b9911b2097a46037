import * as yaml from 'js-yaml';
import type { ViewProblem } from '../types.ts';

/*
 * A `.base` file (or a ```base block) read into what evaluation needs (help.obsidian.md, "Bases
 * syntax"): filters, formulas, display names, custom summaries and views. What cannot be read is a
 * problem with its line; the rest is still read. YAML is read with the core schema (no custom
 * tags), as the garden reads frontmatter.
 */

export type Direction = 1 | -1;

export interface ViewSpec {
  type: string;
  name?: string;
  filters?: unknown;
  order: string[];
  sort: { property: string; direction: Direction }[];
  groupBy?: { property: string; direction: Direction };
  limit?: number;
  /** Column (as written) → summary name. */
  summaries: [string, string][];
  image?: string;
  /** Its line in the source, set for the view shown. */
  line?: number;
}

export interface BaseSpec {
  filters?: unknown;
  formulas: Map<string, string>;
  /** Canonical property id → display name. */
  labels: Map<string, string>;
  summaries: Map<string, string>;
  /** Undefined when the base has no `views:`: Obsidian then shows a table of file names. */
  views?: ViewSpec[];
}

/** The 1-based line of the first needle found in the source. Called only to report, as it reads the whole source. */
export function lineOf(source: string, ...needles: (string | undefined)[]): number | undefined {
  for (const needle of needles) {
    if (!needle) continue;
    const at = source.indexOf(needle);
    if (at < 0) continue;
    let line = 1;
    for (let i = source.indexOf('\n'); i >= 0 && i < at; i = source.indexOf('\n', i + 1)) line++;
    return line;
  }
  return undefined;
}

/** A view's line: where its name is written, else the `views:` line. */
export const lineOfView = (source: string, view: ViewSpec): number | undefined =>
  view.name === undefined ? lineOf(source, 'views:') : lineOf(source, `name: ${view.name}`, `name: "${view.name}"`, `name: '${view.name}'`, view.name, 'views:');

/** A property as one id: `note.author`, `property.author` and `author` are the same note property. */
export const canonicalId = (id: string) => id.trim().replace(/^(?:note|property)\./, '');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const directionOf = (value: unknown): Direction => (typeof value === 'string' && value.toUpperCase() === 'DESC' ? -1 : 1);

function stringMap(value: unknown, pick: (item: unknown) => unknown = (item) => item): Map<string, string> {
  const map = new Map<string, string>();
  if (isRecord(value)) for (const [key, item] of Object.entries(value)) {
    const picked = pick(item);
    if (typeof picked === 'string' || typeof picked === 'number' || typeof picked === 'boolean') map.set(key, String(picked));
  }
  return map;
}

function labelsOf(data: Record<string, unknown>): Map<string, string> {
  const labels = new Map<string, string>();
  // `display:` is the early beta's form of `properties: x: displayName:`, still in some vaults.
  for (const [key, label] of stringMap(data.display)) labels.set(canonicalId(key), label);
  for (const [key, label] of stringMap(data.properties, (item) => (isRecord(item) ? item.displayName : undefined))) labels.set(canonicalId(key), label);
  return labels;
}

function sortOf(value: unknown): ViewSpec['sort'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const property = isRecord(item) ? (item.property ?? item.column) : undefined;
    return typeof property === 'string' ? [{ property, direction: directionOf((item as Record<string, unknown>).direction) }] : [];
  });
}

function viewOf(raw: unknown, index: number, source: string, problems: ViewProblem[]): ViewSpec | undefined {
  if (!isRecord(raw)) {
    problems.push({ line: lineOf(source, 'views:'), message: `view ${index + 1} is not a mapping of settings, so it is not shown` });
    return undefined;
  }
  const name = typeof raw.name === 'string' || typeof raw.name === 'number' ? String(raw.name) : undefined;
  const group = isRecord(raw.groupBy) ? raw.groupBy : typeof raw.groupBy === 'string' ? { property: raw.groupBy } : undefined;
  const limit = typeof raw.limit === 'number' && raw.limit > 0 ? Math.floor(raw.limit) : undefined;
  return {
    type: typeof raw.type === 'string' ? raw.type : 'table',
    ...(name === undefined ? {} : { name }),
    ...(raw.filters === undefined || raw.filters === null ? {} : { filters: raw.filters }),
    order: Array.isArray(raw.order) ? raw.order.filter((item): item is string => typeof item === 'string') : [],
    sort: sortOf(raw.sort),
    ...(group && typeof group.property === 'string' ? { groupBy: { property: group.property, direction: directionOf(group.direction) } } : {}),
    ...(limit ? { limit } : {}),
    summaries: [...stringMap(raw.summaries)],
    ...(typeof raw.image === 'string' ? { image: raw.image } : {}),
  };
}

function parseYaml(source: string, problems: ViewProblem[]): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = yaml.load(source, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const { mark, reason } = error as yaml.YAMLException;
    problems.push({ ...(mark ? { line: mark.line + 1 } : {}), message: `the base is not valid YAML (${reason ?? (error as Error).message.split('\n')[0]}), so it is not shown` });
    return undefined;
  }
  if (data === null || data === undefined) return {};
  if (!isRecord(data)) {
    problems.push({ line: 1, message: 'the base is not a YAML mapping of settings (filters, formulas, views…), so it is not shown' });
    return undefined;
  }
  return data;
}

export function readBase(source: string, problems: ViewProblem[]): BaseSpec | undefined {
  const data = parseYaml(source, problems);
  if (!data) return undefined;
  const written = data.views !== undefined && data.views !== null;
  const views = Array.isArray(data.views) ? data.views.flatMap((raw, i) => viewOf(raw, i, source, problems) ?? []) : written ? [] : undefined;
  if (written && !Array.isArray(data.views)) problems.push({ line: lineOf(source, 'views:'), message: '`views:` is not a list of views, so none is shown' });
  const formulas = stringMap(data.formulas);
  if (isRecord(data.formulas)) {
    for (const key of Object.keys(data.formulas).filter((name) => !formulas.has(name))) problems.push({ line: lineOf(source, `${key}:`), message: `the formula “${key}” is not an expression written as text, so it is left out` });
  }
  return {
    ...(data.filters === undefined || data.filters === null ? {} : { filters: data.filters }),
    formulas,
    labels: labelsOf(data),
    summaries: stringMap(data.summaries),
    ...(views ? { views } : {}),
  };
}
