import { fill } from './fill.ts';
import { genuine } from './search-relevance.ts';

/*
 * The search page, on Pagefind's plain JS API instead of its component UI (about 40 KiB less to
 * download, and no filter index fetched unless a facet is ticked). Pagefind itself is fetched only
 * when the visitor is about to search: on focus or input in the box, or at once for /search/?q=.
 * The page stays useful without JavaScript (a message and links); with it, the query lives in the
 * URL, the result count is announced through a live region, and results are plain links that Tab
 * reaches right after the box.
 */
interface PagefindResult {
  id: string;
  data: () => Promise<{ url: string; content: string; excerpt: string; locations: number[]; meta: Record<string, string | undefined> }>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (term: string, o?: { filters?: Record<string, string[]> }) => Promise<{ results: PagefindResult[] } | null>;
  preload: (term: string, o?: { filters?: Record<string, string[]> }) => Promise<void>;
}

const PAGE = 5;
const DEBOUNCE = 250;
const root = document.getElementById('search')!;
const box = document.getElementById('search-q') as HTMLInputElement;
const summary = document.getElementById('search-summary')!;
const list = document.getElementById('search-results')!;
const more = document.getElementById('search-more') as HTMLButtonElement;
const bundle = root.dataset.bundle!;
/** The page's words for what the script writes (search.astro's data-words), in the garden's language. */
const words = JSON.parse(root.dataset.words!) as {
  locale: string;
  quote: string;
  searching: string;
  results: Record<string, string>;
  none: string;
  failed: string;
  tended: string;
  states: Record<string, string>;
};
const plurals = new Intl.PluralRules(words.locale);
const numbers = new Intl.NumberFormat(words.locale);
const iconUrl = (state: string) => root.dataset.icon!.replace('STATE', state);

let loading: Promise<Pagefind> | undefined;
let tries = 0;
function pagefind(): Promise<Pagefind> {
  if (loading) return loading;
  // A module that failed to load stays failed at its address: a later try asks at another.
  const address = `${bundle}pagefind.js${tries++ ? `?try=${tries}` : ''}`;
  loading = (import(/* @vite-ignore */ address) as Promise<Pagefind>).then(async (pf) => {
    // No worker: it would be a second copy of the search code to download.
    await pf.options({ baseUrl: root.dataset.base, basePath: bundle, noWorker: true, excerptLength: 24 });
    return pf;
  });
  return loading;
}

const quote = (q: string) => fill(words.quote, { text: q });

/** The ticked facets, as Pagefind filters. */
function filters(): Record<string, string[]> {
  const chosen: Record<string, string[]> = {};
  for (const input of root.querySelectorAll<HTMLInputElement>('.search-filters input:checked')) (chosen[input.name] ??= []).push(input.value);
  return chosen;
}

/** An excerpt's text with Pagefind's <mark>s and nothing else: parsed inert, copied as text. */
function excerpt(html: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(`<body>${html}`, 'text/html').body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else out.append(node.textContent ?? '');
  }
  return out;
}

type Data = Awaited<ReturnType<PagefindResult['data']>>;

function item(data: Data): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'pf-result';
  const title = li.appendChild(document.createElement('p'));
  title.className = 'pf-result-title';
  const link = title.appendChild(document.createElement('a'));
  link.className = 'pf-result-link';
  link.href = data.meta.url ?? data.url;
  link.textContent = data.meta.title ?? data.url;
  // A note in another language than the garden's says so on its title and words (its `lang` property).
  const lang = data.meta.lang && data.meta.lang !== document.documentElement.lang ? data.meta.lang : undefined;
  if (lang) title.lang = lang;
  const state = data.meta.state;
  if (state && /^[a-z]+$/.test(state)) {
    const line = li.appendChild(document.createElement('p'));
    line.className = 'pf-result-state';
    const badge = line.appendChild(document.createElement('span'));
    badge.className = `state-tip state-tip-${state}`;
    badge.setAttribute('aria-describedby', `state-about-${state}`);
    const svg = badge.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    svg.setAttribute('class', `state-icon state-icon-${state}`);
    svg.setAttribute('width', '1em');
    svg.setAttribute('height', '1em');
    svg.setAttribute('aria-hidden', 'true');
    svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'use')).setAttribute('href', iconUrl(state));
    badge.append(words.states[state] ?? state);
    if (data.meta.date) line.append(fill(words.tended, { date: data.meta.date }));
  }
  if (data.excerpt) {
    const text = li.appendChild(document.createElement('p'));
    text.className = 'pf-result-excerpt';
    if (lang) text.lang = lang;
    text.append(excerpt(data.excerpt));
  }
  return li;
}

let run = 0;
let pending: PagefindResult[] = [];

async function show(results: PagefindResult[], mine: number) {
  const datas = await Promise.all(results.map((r) => r.data()));
  if (mine !== run) return;
  list.append(...datas.map(item));
  more.hidden = pending.length === 0;
}

async function search(query: string) {
  const mine = ++run;
  const q = query.trim();
  if (!q) {
    list.replaceChildren();
    summary.textContent = '';
    more.hidden = true;
    return;
  }
  summary.textContent = fill(words.searching, { query: quote(q) });
  delete summary.dataset.failed;
  let results: PagefindResult[];
  let firstPage: Awaited<ReturnType<PagefindResult['data']>>[];
  try {
    const response = await (await pagefind()).search(q, { filters: filters() });
    if (mine !== run || !response) return;
    results = response.results;
    // The first page's fragments are fetched to show them anyway, so checking them costs no bytes.
    firstPage = await Promise.all(results.slice(0, PAGE).map((r) => r.data()));
  } catch {
    // Offline, or the site changed under an open page: say so rather than search forever, and load
    // Pagefind afresh at the visitor's next search.
    if (mine === run) failed();
    return;
  }
  if (mine !== run) return;
  // Pagefind backtracks a word it has not indexed to a shorter one, for every result alike: if none
  // of the first page's results holds the query's words, no note does, and it finds nothing.
  if (firstPage.length && !firstPage.some((d) => genuine(q, { content: d.content, locations: d.locations, title: d.meta.title }))) results = [];
  pending = results.slice(PAGE);
  list.replaceChildren(...(results.length ? firstPage.map(item) : []));
  more.hidden = pending.length === 0;
  const n = results.length;
  const counted = words.results[plurals.select(n)] ?? words.results.other!;
  summary.textContent = n ? fill(counted, { count: numbers.format(n), query: quote(q) }) : fill(words.none, { query: quote(q) });
}

function failed() {
  loading = undefined;
  pending = [];
  list.replaceChildren();
  more.hidden = true;
  summary.dataset.failed = '';
  summary.textContent = words.failed;
}

let timer: number | undefined;
function searchSoon() {
  clearTimeout(timer);
  const q = box.value;
  const url = new URL(location.href);
  if (q) url.searchParams.set('q', q);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  timer = window.setTimeout(() => void search(q), DEBOUNCE);
}

box.addEventListener('focus', () => void pagefind(), { once: true });
box.addEventListener('input', searchSoon);
box.form?.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  void search(box.value);
});
root.querySelector('.search-filters')?.addEventListener('change', () => void search(box.value));
more.addEventListener('click', () => {
  const next = pending.splice(0, PAGE);
  const first = list.children.length;
  void show(next, run).then(() => (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus());
});

const start = new URLSearchParams(location.search).get('q') ?? '';
if (start) {
  box.value = start;
  void search(start);
}
