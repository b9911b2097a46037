import { fill } from './fill.ts';
import { pathOfSlug } from './note-links.ts';
import { continueVisit, readRecord, startsVisit, startVisit, storageKey, type Mark, type RecentNote, type VisitRecord } from './since-rule.ts';

/*
 * "Since your last visit" on the page: keeps the visit in localStorage (nothing leaves the
 * browser), fetches recent.json only when a visit starts, and marks the visit's notes in the
 * page's note lists, its graph and, on the home page, its own section. Without storage (a private
 * window may refuse it) or recent.json, it does nothing: the page stays as built.
 */

interface SinceWords {
  locale: string;
  new: string;
  tended: string;
  newBadge: string;
  tendedBadge: string;
  graphNode: string;
  count: Record<string, string> & { other: string };
}

/** localStorage if it may be read and written here, else undefined (it throws in some private modes). */
function openStorage(): Storage | undefined {
  try {
    const storage = window.localStorage;
    storage.getItem('garden-visits');
    return storage;
  } catch {
    return undefined;
  }
}

/** Writes the record; false when storage refuses (full, or turned off meanwhile). */
function save(storage: Storage, key: string, record: VisitRecord): boolean {
  try {
    storage.setItem(key, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

async function fetchNotes(url: string): Promise<RecentNote[] | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) return undefined;
    const { notes } = (await response.json()) as { notes?: RecentNote[] };
    return Array.isArray(notes) ? notes : undefined;
  } catch {
    return undefined;
  }
}

/** This page view's record: a new visit from recent.json, or the current one carried on. */
async function recordThisView(storage: Storage, key: string, recentUrl: string): Promise<VisitRecord | undefined> {
  const now = Date.now();
  const record = readRecord(storage.getItem(key));
  if (record && !startsVisit(record, now)) return continueVisit(record, now);
  const notes = await fetchNotes(recentUrl);
  return notes && startVisit(record, notes, now);
}

const badgeText = (mark: Mark, words: SinceWords) => (mark.kind === 'new' ? words.newBadge : words.tendedBadge);

function badge(text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'since-badge';
  span.dataset.sinceMark = '';
  span.textContent = text;
  return span;
}

/** A badge after the title of each marked note in the page's note lists. */
function markLists(bySlug: Map<string, Mark>, words: SinceWords): void {
  for (const item of document.querySelectorAll<HTMLElement>('.note-list [data-note-slug]')) {
    const mark = bySlug.get(item.dataset.noteSlug!);
    if (mark) item.querySelector(':scope > a')?.after(badge(badgeText(mark, words)));
  }
}

/** A ring around each marked note in the page's graphs, and the badge's words in its name. */
function markGraphs(bySlug: Map<string, Mark>, words: SinceWords): void {
  for (const node of document.querySelectorAll<SVGElement>('.graph [data-note-slug]')) {
    const mark = bySlug.get(node.dataset.noteSlug!);
    if (!mark) continue;
    node.classList.add('since-marked', `since-${mark.kind}`);
    const title = node.querySelector('title');
    if (title) {
      title.dataset.sinceName = title.textContent ?? '';
      title.textContent = fill(words.graphNode, { node: title.textContent ?? '', mark: badgeText(mark, words) });
    }
  }
}

/** The home page's section: the count, each marked note with "new" or "tended", shown. */
function fillSection(section: HTMLElement, marks: Mark[], words: SinceWords, base: string): void {
  const form = new Intl.PluralRules(words.locale).select(marks.length);
  const count = new Intl.NumberFormat(words.locale).format(marks.length);
  section.querySelector('[data-since-count]')!.textContent = fill(words.count[form] ?? words.count.other, { count });
  const list = section.querySelector('[data-since-list]')!;
  list.replaceChildren(
    ...marks.map((mark) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = pathOfSlug(mark.slug, base);
      link.textContent = mark.title;
      item.append(link, ' ', badge(mark.kind === 'new' ? words.new : words.tended));
      return item;
    }),
  );
  section.hidden = false;
}

/** Takes every mark off the page again. */
function unmark(): void {
  for (const span of document.querySelectorAll('[data-since-mark]')) span.remove();
  for (const node of document.querySelectorAll<SVGElement>('.since-marked')) {
    node.classList.remove('since-marked', 'since-new', 'since-tended');
    const title = node.querySelector('title');
    if (title?.dataset.sinceName !== undefined) title.textContent = title.dataset.sinceName;
  }
  const section = document.querySelector<HTMLElement>('[data-since-section]');
  if (!section) return;
  section.hidden = true;
  section.querySelector('[data-since-list]')!.replaceChildren();
}

/** The button that cleared the marks is hidden with its section: keyboard focus goes to the page's heading, not back to the top of the document. */
function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

async function sinceLastVisit(settings: HTMLElement): Promise<void> {
  const storage = openStorage();
  if (!storage) return;
  const key = storageKey(settings.dataset.base!);
  const record = await recordThisView(storage, key, settings.dataset.recent!);
  if (!record || !save(storage, key, record) || record.marks.length === 0) return;
  const words = JSON.parse(settings.dataset.words!) as SinceWords;
  const bySlug = new Map(record.marks.map((mark) => [mark.slug, mark]));
  markLists(bySlug, words);
  markGraphs(bySlug, words);
  const section = document.querySelector<HTMLElement>('[data-since-section]');
  if (!section) return;
  fillSection(section, record.marks, words, settings.dataset.base!);
  section.querySelector('[data-since-clear]')!.addEventListener('click', () => {
    // Seen: the marks go; the snapshot already holds these notes as they are now.
    save(storage, key, { ...(readRecord(storage.getItem(key)) ?? record), marks: [] });
    unmark();
    focusPageHeading();
  });
}

const settings = document.querySelector<HTMLElement>('[data-since]');
if (settings) void sinceLastVisit(settings);
