/*
 * Link previews: hovering or focusing a link to another note shows a card with its title, growth
 * state and opening lines, read from the note's own page. A progressive enhancement: the link works
 * the same without it, touch taps are left alone, and the card is built with textContent only.
 */
import { NOTE_LINKS as LINKS, notePath } from './note-links.ts';

const DELAY = 300;

interface Preview {
  title: string;
  /** The note's state badge, as its page draws it. */
  state?: Element;
  text: string;
}

const pages = new Map<string, Promise<Preview | undefined>>();
let card: HTMLElement | undefined;
let shownFor: Element | undefined;
let timer: number | undefined;

function read(path: string): Promise<Preview | undefined> {
  let preview = pages.get(path);
  if (!preview) {
    preview = fetch(path)
      .then((response) => (response.ok ? response.text() : undefined))
      .then((html) => {
        if (!html) return undefined;
        const page = new DOMParser().parseFromString(html, 'text/html');
        const blocks = [...page.querySelectorAll('.note-body > p:not([hidden]), .note-body > ul, .note-body > ol, .note-body > blockquote')];
        // Read as prose: without footnote numbers or an embedded note's title, math as its TeX.
        const words = (node: Element) => {
          const copy = node.cloneNode(true) as Element;
          for (const skip of copy.querySelectorAll('[data-footnote-ref], .embed-title')) skip.remove();
          for (const math of copy.querySelectorAll('.katex')) math.replaceWith(math.querySelector('annotation')?.textContent ?? '');
          return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
        };
        let text = '';
        for (const block of blocks) {
          if (text.length > 260) break;
          // A list reads as its items, one after another.
          const part = block.matches('ul, ol') ? [...block.children].map(words).join(' · ') : words(block);
          text += `${text ? ' ' : ''}${part}`;
        }
        return {
          title: page.querySelector('h1')?.textContent?.trim() ?? '',
          state: page.querySelector('.note-meta .state') ?? undefined,
          text: text.length > 280 ? `${text.slice(0, 279).replace(/\s+\S*$/, '')}…` : text,
        };
      })
      .catch(() => undefined);
    pages.set(path, preview);
  }
  return preview;
}

function hide() {
  clearTimeout(timer);
  shownFor?.removeAttribute('aria-describedby');
  shownFor = undefined;
  card?.remove();
}

async function show(link: Element) {
  const path = notePath(link);
  if (!path) return;
  const preview = await read(path);
  if (!preview || !preview.title || !link.matches(':hover, :focus-visible')) return;
  hide();
  card = document.createElement('div');
  card.className = 'link-preview';
  card.id = 'link-preview';
  card.setAttribute('role', 'tooltip');
  const title = document.createElement('strong');
  title.textContent = preview.title;
  const text = document.createElement('p');
  text.textContent = preview.text;
  card.append(title);
  if (preview.state) {
    // The badge's icon and word, without its link: the card is not something to click into.
    const state = document.createElement('span');
    state.className = preview.state.className;
    const icon = preview.state.querySelector('svg');
    if (icon) state.append(document.importNode(icon, true));
    state.append(preview.state.textContent?.trim() ?? '');
    card.append(state);
  }
  if (preview.text) card.append(text);
  document.body.append(card);
  const box = link.getBoundingClientRect();
  const width = card.offsetWidth;
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
  const below = box.bottom + card.offsetHeight + 8 < innerHeight;
  card.style.left = `${left + scrollX}px`;
  card.style.top = `${(below ? box.bottom + 6 : box.top - card.offsetHeight - 6) + scrollY}px`;
  link.setAttribute('aria-describedby', card.id);
  shownFor = link;
}

function schedule(event: Event) {
  const link = (event.target as Element).closest?.(LINKS);
  if (!link || link === shownFor) return;
  if (event instanceof PointerEvent && event.pointerType === 'touch') return;
  clearTimeout(timer);
  timer = window.setTimeout(() => show(link), DELAY);
}

function leave(event: Event) {
  const link = (event.target as Element).closest?.(LINKS);
  if (link) {
    clearTimeout(timer);
    if (link === shownFor) hide();
  }
}

document.addEventListener('pointerover', schedule);
document.addEventListener('focusin', schedule);
document.addEventListener('pointerout', leave);
document.addEventListener('focusout', leave);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hide();
});
