/*
 * Stacked notes: on a wide screen, a link from one note to another opens the target beside it, as
 * Andy Matuschak's notes do; notes that no longer fit fold to a spine with their title. The address
 * keeps the stack (`/oak/?stack=ferns,moss`, stack-param.ts), so it can be shared, reloaded and
 * walked with back and forward. A pane is the `<article class="note">` of the note's own static
 * page, fetched as a visitor would open it: no note is reachable this way that is not otherwise.
 * Below 800 px, without JavaScript, or with a modified click, a link is an ordinary page load.
 */
import { fill } from './fill.ts';
import { NOTE_LINKS, notePath, pathOfSlug } from './note-links.ts';
import { STACK_PARAM, parseStack, slugOfPath, stackAddress } from './stack-param.ts';

const holder = document.querySelector<HTMLElement>('[data-stacked-notes]')!;
const base = holder.dataset.base ?? '/';
const words = JSON.parse(holder.dataset.words ?? '{}') as { close: string; show: string };
const wide = matchMedia('(min-width: 800px)');
const main = document.querySelector<HTMLElement>('main')!;
const ownArticle = main.querySelector<HTMLElement>(':scope > article.note')!;
const ownSlug = slugOfPath(location.pathname, base);
/** A pane's width and a folded pane's, in rem; the style sheet reads them from the stack. */
const PANE = 34;
const SPINE = 2.75;

interface Note {
  article: HTMLElement;
  title: string;
  /** The page's `<title>`, for the window's while the note is the last in the stack. */
  pageTitle: string;
  /** Style sheets and the diagram script's link that the page has and this one may not (KaTeX's, Mermaid's). */
  head: Element[];
}

const notes = new Map<string, Promise<Note | undefined>>();
let stack: HTMLElement | undefined;
let panes: HTMLElement[] = [];
let renamed = 0;

/** A note as its own page has it, or nothing when the address is not a note's page. */
function noteOf(slug: string): Promise<Note | undefined> {
  let note = notes.get(slug);
  if (!note) {
    note = fetch(pathOfSlug(slug, base))
      .then((response) => (response.ok && !response.redirected ? response.text() : undefined))
      .then((html) => (html ? readNote(html) : undefined))
      .catch(() => undefined);
    notes.set(slug, note);
  }
  return note;
}

function readNote(html: string): Note | undefined {
  const page = new DOMParser().parseFromString(html, 'text/html');
  // A base's page is an article.note too, but not a note to read beside another.
  const article = page.querySelector<HTMLElement>('main > article.note:not(.base-page)');
  if (!article) return undefined;
  return {
    article,
    title: article.querySelector('h1')?.textContent?.trim() ?? '',
    pageTitle: page.title,
    // Mermaid's link is in the page's body, after the note (Base.astro).
    head: [...page.querySelectorAll('head link[rel="stylesheet"], link[data-mermaid]')],
  };
}

/** The stack the address names: this page's note (or the first in the path), then `?stack=`. */
function slugsOfAddress(): string[] {
  const first = slugOfPath(location.pathname, base);
  return first ? [...new Set([first, ...parseStack(new URLSearchParams(location.search).get(STACK_PARAM))])] : [];
}

const slugsShown = (): string[] => (panes.length ? panes.map((pane) => pane.dataset.slug!) : ownSlug ? [ownSlug] : []);

/**
 * Ids made unique: a fetched note's ids (headings, footnotes, its backlinks' heading) would repeat
 * those of the notes beside it. Each pane's ids get a prefix, and what points at them follows.
 */
function renameIds(article: HTMLElement): string {
  const prefix = `stack${++renamed}-`;
  const renamedId = (id: string) => `${prefix}${id}`;
  for (const element of article.querySelectorAll('[id]')) element.id = renamedId(element.id);
  for (const name of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']) {
    for (const element of article.querySelectorAll(`[${name}]`)) element.setAttribute(name, element.getAttribute(name)!.split(/\s+/).map(renamedId).join(' '));
  }
  for (const element of article.querySelectorAll('[href^="#"]')) element.setAttribute('href', `#${renamedId(element.getAttribute('href')!.slice(1))}`);
  return prefix;
}

/**
 * A fetched note's landmarks (breadcrumbs, backlinks, footnotes) are named as the same ones beside
 * it: each is named by its own name and its note's title too, so a screen reader's list of
 * landmarks tells them apart. A landmark named by aria-label names itself through aria-labelledby.
 */
function nameLandmarks(article: HTMLElement, prefix: string) {
  const title = article.querySelector('h1');
  if (!title) return;
  title.id ||= `${prefix}title`;
  article.querySelectorAll('nav, aside, section[aria-label], section[aria-labelledby]').forEach((landmark, at) => {
    landmark.id ||= `${prefix}landmark-${at}`;
    const by = landmark.getAttribute('aria-labelledby') ?? (landmark.hasAttribute('aria-label') ? landmark.id : '');
    if (by) landmark.setAttribute('aria-labelledby', `${by} ${title.id}`);
  });
}

function button(className: string, label: string, text: string): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.className = className;
  made.setAttribute('aria-label', label);
  made.textContent = text;
  return made;
}

/** A pane: the note's article under a spine that names it, with a button to show it when folded and one to close it. */
function makePane(slug: string, note: Note, article: HTMLElement): HTMLElement {
  const pane = document.createElement('section');
  pane.className = 'stack-pane';
  pane.dataset.slug = slug;
  pane.setAttribute('aria-label', note.title);
  const spine = document.createElement('div');
  spine.className = 'stack-spine';
  const named = (template: string) => fill(template, { title: note.title });
  spine.append(button('stack-show', named(words.show), note.title), button('stack-close', named(words.close), '×'));
  pane.append(spine, article);
  return pane;
}

/** Adds to this page's head what a fetched page needs that it lacks: a style sheet, Mermaid's address. */
function adoptHead(note: Note) {
  for (const link of note.head) {
    const href = link.getAttribute('href');
    const selector = link.hasAttribute('data-mermaid') ? 'link[data-mermaid]' : `link[rel="stylesheet"][href="${CSS.escape(href ?? '')}"]`;
    if (href && !document.head.querySelector(selector)) document.head.append(document.importNode(link, true));
  }
}

async function paneFor(slug: string, note: Note): Promise<HTMLElement> {
  const existing = panes.find((pane) => pane.dataset.slug === slug);
  if (existing) return existing;
  if (slug === ownSlug) return makePane(slug, note, ownArticle);
  adoptHead(note);
  const article = document.importNode(note.article, true);
  const prefix = renameIds(article);
  nameLandmarks(article, prefix);
  const pane = makePane(slug, note, article);
  pane.dataset.ids = prefix;
  // Diagrams are drawn as on their own page, by the same script, loaded only when a pane has one.
  if (article.querySelector('figure[data-diagram="mermaid"]')) void import('./diagrams.ts').then((diagrams) => diagrams.drawNewDiagrams());
  return pane;
}

/** The notes of a stack that exist, with what each shows; slugs that are not notes' pages are dropped. */
async function notesOf(slugs: string[]): Promise<[string, Note][]> {
  const found = await Promise.all(slugs.map(async (slug) => [slug, await noteOf(slug)] as const));
  return found.filter((entry): entry is [string, Note] => entry[1] !== undefined);
}

/** Shows a stack of notes; `focus` is the pane to show whole and move focus to, when it changed. */
async function show(slugs: string[], focus?: number) {
  const found = await notesOf(slugs);
  const kept = found.map(([slug]) => slug);
  if (kept.join(',') !== slugs.join(',') && kept.length) history.replaceState(history.state, '', stackAddress(kept, base, location.search));
  if (kept.length === 0 || (kept.length === 1 && kept[0] === ownSlug)) return unstack();
  const next = await Promise.all(found.map(([slug, note]) => paneFor(slug, note)));
  stack ??= makeStack();
  for (const pane of panes) if (!next.includes(pane)) pane.remove();
  stack.append(...next);
  panes = next;
  document.title = found.at(-1)![1].pageTitle;
  const shown = Math.min(focus ?? panes.length - 1, panes.length - 1);
  layout(shown);
  if (focus !== undefined) focusPane(panes[shown]!);
}

function makeStack(): HTMLElement {
  const made = document.createElement('div');
  made.className = 'stack';
  made.style.setProperty('--pane', `${PANE}rem`);
  made.style.setProperty('--spine', `${SPINE}rem`);
  main.classList.add('stacked');
  main.append(made);
  made.addEventListener('click', onStackClick);
  return made;
}

/** Back to the page as it was loaded: this note's article alone. */
function unstack() {
  if (!stack) return;
  main.append(ownArticle);
  stack.remove();
  stack = undefined;
  panes = [];
  main.classList.remove('stacked');
  document.title = ownTitle;
}
const ownTitle = document.title;

/** Folds the panes that do not fit, keeping `shown` and as many of its neighbours as fit whole. */
function layout(shown: number) {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const room = stack!.clientWidth - SPINE * rem * panes.length;
  const fit = Math.max(1, Math.floor(room / ((PANE - SPINE) * rem)));
  const first = Math.max(0, Math.min(shown, panes.length - fit));
  panes.forEach((pane, at) => {
    const folded = at < first || at >= first + fit;
    pane.classList.toggle('folded', folded);
    pane.querySelector('article')!.inert = folded;
    pane.querySelector('.stack-show')!.setAttribute('aria-expanded', String(!folded));
  });
}

function focusPane(pane: HTMLElement) {
  const heading = pane.querySelector<HTMLElement>('article h1')!;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  pane.scrollIntoView({ inline: 'nearest', block: 'nearest' });
}

/** Opens a note beside the pane a link was in, closing those after it; a note already open is shown. */
async function open(slug: string, from: number, url: URL) {
  const slugs = slugsShown();
  const at = slugs.indexOf(slug);
  if (at !== -1 && at <= from) return showPane(at);
  const note = await noteOf(slug);
  if (!note) return location.assign(url.href);
  const next = [...slugs.slice(0, from + 1), slug];
  history.pushState(null, '', stackAddress(next, base, location.search));
  await show(next, next.length - 1);
  if (url.hash) scrollInPane(panes.at(-1)!, url.hash);
}

function showPane(at: number) {
  layout(at);
  focusPane(panes[at]!);
}

function close(pane: HTMLElement) {
  const at = panes.indexOf(pane);
  const next = slugsShown().filter((_, i) => i !== at);
  history.pushState(null, '', stackAddress(next, base, location.search));
  void show(next, Math.max(0, at - 1)).then(() => {
    // Back to the note alone: focus its heading, as for a pane.
    if (!stack) focusPane(main);
  });
}

/**
 * An in-note link to a heading or footnote scrolls its own pane, and the address keeps naming the
 * stack. `hash` is as the note's page writes it, or as renamed in the pane when `renamed`.
 */
function scrollInPane(pane: HTMLElement, hash: string, renamed = false) {
  const id = `${renamed ? '' : (pane.dataset.ids ?? '')}${decodeURIComponent(hash.slice(1))}`;
  const target = pane.querySelector(`[id="${CSS.escape(id)}"]`);
  if (!(target instanceof HTMLElement)) return;
  target.scrollIntoView({ block: 'start' });
  if (target.tabIndex < 0 && !target.matches('a[href], button, input, select, textarea')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

/** A plain left click on a link this page may open in place, not one the visitor asked to open elsewhere. */
function plainClick(event: MouseEvent, link: Element, url: URL): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const target = link.getAttribute('target');
  return (!target || target === '_self') && !link.hasAttribute('download') && url.origin === location.origin;
}

function onClick(event: MouseEvent) {
  if (!wide.matches) return;
  // An HTML link or an SVG one (the local graph's), read by its attribute alike.
  const link = (event.target as Element).closest?.('a[href]');
  const pane = link?.closest<HTMLElement>('.stack-pane') ?? link?.closest<HTMLElement>('main > article.note');
  if (!link || !pane) return;
  const url = new URL(link.getAttribute('href')!, location.href);
  if (!plainClick(event, link, url)) return;
  const from = panes.length ? panes.indexOf(pane) : 0;
  // The pane's own page, percent-encoded as the browser writes a path.
  const path = stack ? new URL(pathOfSlug(slugsShown()[from]!, base), location.href).pathname : location.pathname;
  const inNote = link.getAttribute('href')!.startsWith('#');
  if (stack && url.hash && (inNote || url.pathname === path)) {
    event.preventDefault();
    return scrollInPane(pane, url.hash, inNote);
  }
  const target = link.matches(NOTE_LINKS) ? notePath(link, path) : undefined;
  const slug = target && slugOfPath(target, base);
  if (!slug) return;
  event.preventDefault();
  void open(slug, from, url);
}

function onStackClick(event: MouseEvent) {
  const control = (event.target as Element).closest?.('.stack-show, .stack-close');
  const pane = control?.closest<HTMLElement>('.stack-pane');
  if (!control || !pane) return;
  if (control.matches('.stack-close')) close(pane);
  else showPane(panes.indexOf(pane));
}

function onKey(event: KeyboardEvent) {
  const pane = (event.target as Element).closest?.<HTMLElement>('.stack-pane');
  // Escape first closes a link preview or the header's menu, when one is open.
  if (event.key !== 'Escape' || !pane || event.defaultPrevented || document.querySelector('.link-preview')) return;
  event.preventDefault();
  close(pane);
}

/** Below 800 px the stack gives way to the last note's own page, as a phone would open it. */
function onNarrow() {
  if (wide.matches || !stack) return;
  location.assign(pathOfSlug(slugsShown().at(-1)!, base));
}

document.addEventListener('click', onClick);
document.addEventListener('keydown', onKey);
addEventListener('popstate', () => void (wide.matches && show(slugsOfAddress())));
wide.addEventListener('change', onNarrow);
addEventListener('resize', () => stack && layout(Math.max(0, panes.findLastIndex((pane) => !pane.classList.contains('folded')))));
if (wide.matches && slugsOfAddress().length > 1) void show(slugsOfAddress());
