import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { SiteUrls } from '../../urls.ts';
import { WEB } from './cells.ts';
import type { Cell, ViewGroup, ViewResult, ViewRow, ViewSummary } from './types.ts';
import type { Catalogue } from '../../locale/catalogue.ts';

/** The words a view writes itself (a checkbox's name, the line standing in for a view). */
export type ViewWords = Catalogue['views'];
/** What drawing needs besides the view: the site's addresses and its words. */
export interface Pen {
  urls: SiteUrls;
  words: ViewWords;
}

/*
 * A view drawn as HTML the garden writes itself: text is text (hastscript escapes it), a link goes
 * only to a shared note's page or to an http(s) address, an image only to a published attachment
 * or an http(s) address. No note's markup reaches it, so it needs no sanitizing. Tables scroll on a
 * phone; cards sit in a grid; nothing needs a script to be read.
 */


function cell(value: Cell, pen: Pen): ElementContent[] {
  switch (value.kind) {
    case 'empty':
      return [];
    case 'text':
    case 'number':
      return [{ type: 'text', value: value.text }];
    case 'boolean':
      return [h('input', { type: 'checkbox', disabled: true, checked: value.value, ariaLabel: value.value ? pen.words.yes : pen.words.no })];
    case 'date':
      return [h('time', { dateTime: value.iso }, value.text)];
    case 'note':
      return [h('a', { className: ['internal'], href: pen.urls.note(value.note.slug) }, value.text)];
    case 'url':
      return WEB.test(value.href) ? [h('a', { className: ['external'], href: value.href }, value.text)] : [{ type: 'text', value: value.text }];
    case 'list':
      return value.items.flatMap((item, i) => [...(i ? [{ type: 'text' as const, value: ', ' }] : []), ...cell(item, pen)]);
  }
}

/** A row's own link, for a card or list item whose cells show nothing. */
const rowLink = (row: ViewRow, pen: Pen): ElementContent[] => (row.note ? [h('a', { className: ['internal'], href: pen.urls.note(row.note.slug) }, row.note.title)] : []);

/** A group's heading: its value, or a dash for the rows that have none. */
const groupKey = (key: Cell, pen: Pen): ElementContent[] => (isEmpty(key) ? [{ type: 'text', value: '—' }] : cell(key, pen));

const isEmpty = (value: Cell) => value.kind === 'empty' || (value.kind === 'list' && value.items.length === 0);

/** A row of summaries, each named as the view names it (`Sum 8`). */
function summaryRow(view: ViewResult, summaries: Record<string, ViewSummary> | undefined, pen: Pen): Element[] {
  if (!summaries || !Object.keys(summaries).length) return [];
  const summary = (one: ViewSummary | undefined) => (one ? [h('span', { className: ['view-summary-label'] }, one.label), ' ', ...cell(one.value, pen)] : []);
  return [h('tr', { className: ['view-summary'] }, view.columns.map((column) => h('td', summary(summaries[column.id]))))];
}

function groupRows(view: ViewResult, group: ViewGroup, pen: Pen): Element[] {
  const heading = group.key ? [h('tr', { className: ['view-group'] }, [h('th', { colSpan: view.columns.length, scope: 'colgroup' }, groupKey(group.key, pen))])] : [];
  const rows = group.rows.map((row) => h('tr', row.cells.map((value) => h('td', cell(value, pen)))));
  return [...heading, ...rows, ...(group.key ? summaryRow(view, group.summaries, pen) : [])];
}

function table(view: ViewResult, pen: Pen): Element {
  const head = h('thead', [h('tr', view.columns.map((column) => h('th', { scope: 'col' }, column.label)))]);
  const bodies = view.groups.map((group) => h('tbody', groupRows(view, group, pen)));
  const foot = summaryRow(view, view.summaries, pen);
  // Focusable, so a keyboard can scroll a table wider than a phone's column.
  return h('div', { className: ['view-scroll'], tabIndex: 0 }, [h('table', [head, ...bodies, ...(foot.length ? [h('tfoot', foot)] : [])])]);
}

/** A card: its image, then each property it shows, named. */
function card(view: ViewResult, row: ViewRow, pen: Pen): Element {
  const image = row.image && (WEB.test(row.image) || row.image.startsWith(pen.urls.attachment(''))) ? [h('img', { src: row.image, alt: '', loading: 'lazy' })] : [];
  const [first, ...rest] = row.cells;
  const lines = rest.flatMap((value, i) => (isEmpty(value) ? [] : [h('dt', view.columns[i + 1]?.label ?? ''), h('dd', cell(value, pen))]));
  const title = first && !isEmpty(first) ? cell(first, pen) : rowLink(row, pen);
  return h('li', { className: ['view-card'] }, [...image, h('p', { className: ['view-card-title'] }, title), ...(lines.length ? [h('dl', lines)] : [])]);
}

function listItem(row: ViewRow, pen: Pen): Element {
  const shown = row.cells.filter((value) => !isEmpty(value));
  const parts = shown.flatMap((value, i) => [...(i ? [{ type: 'text' as const, value: i === 1 ? ': ' : ', ' }] : []), ...cell(value, pen)]);
  const tasks = row.tasks?.length
    ? [h('ul', { className: ['contains-task-list'] }, row.tasks.map((task) => h('li', { className: ['task-list-item'] }, [h('input', { type: 'checkbox', disabled: true, checked: task.completed }), ` ${task.text}`])))]
    : [];
  return h('li', [...(parts.length ? parts : rowLink(row, pen)), ...tasks]);
}

function grouped(view: ViewResult, pen: Pen, draw: (rows: ViewRow[]) => Element): ElementContent[] {
  return view.groups.flatMap((group) => [...(group.key ? [h('p', { className: ['view-group'] }, groupKey(group.key, pen))] : []), draw(group.rows)]);
}

function body(view: ViewResult, pen: Pen): ElementContent[] {
  if (view.layout === 'table') return [table(view, pen)];
  if (view.layout === 'cards') return grouped(view, pen, (rows) => h('ul', { className: ['view-cards'] }, rows.map((row) => card(view, row, pen))));
  return grouped(view, pen, (rows) => h('ul', { className: [view.layout === 'task' ? 'view-tasks' : 'view-list'] }, rows.map((row) => listItem(row, pen))));
}

/** One evaluated view, as a figure captioned with its name (with an `id` a link can land on, on its base's page). */
export function drawView(view: ViewResult, pen: Pen, id?: string): string {
  const caption = view.name ? [h('figcaption', view.name)] : [];
  return toHtml(h('figure', { className: ['view', `view-${view.layout}`], ...(id ? { id } : {}) }, [...caption, ...body(view, pen)]));
}

/** What a page shows where a view cannot be drawn: it says so, and the gardener is told why. */
export const unavailableView = (words: ViewWords): string => toHtml(h('p', { className: ['view-unavailable'] }, words.unavailable));

/** The same, where an inline query stood in a sentence. */
export const unavailableInline = (words: ViewWords): string => toHtml(h('span', { className: ['view-unavailable'] }, words.unavailable));

/** Inline code that only looked like a query, as the page would have shown it. */
export const drawCode = (text: string): string => toHtml(h('code', text));

/** An inline query's value, in the sentence that holds it. */
export function drawInline(value: Cell, pen: Pen): string {
  return toHtml(h('span', { className: ['view-inline'] }, cell(value, pen)));
}
