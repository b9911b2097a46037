import { booleanCell, dateCell, EMPTY, linkCell, listCell, noteCell, numberCell, stringCell, textCell, WEB } from '../cells.ts';
import type { Cell, ViewContext } from '../types.ts';
import { dateText, stringOf, type Value } from './values.ts';

/*
 * A Bases value as a cell. A link becomes a link only to a shared note (linkCell); `html()` is shown
 * as its text, never as markup; `image()` of an http(s) address is a link to it; an icon is its
 * name. What the garden shows differently from Obsidian is told through `notice`, once per kind.
 */

export interface Showing {
  context: ViewContext;
  /** Tells the gardener once what the garden shows differently. */
  notice: (message: string) => void;
  /** Spends the view's step budget: a cell costs one, so a huge list cannot make cells unbounded. */
  spend: (steps: number) => void;
}


export function cellOf(value: Value, from: string, showing: Showing, depth = 0): Cell {
  const { context, notice } = showing;
  showing.spend(1);
  if (value === null) return EMPTY;
  if (typeof value === 'boolean') return booleanCell(value);
  if (typeof value === 'number') return numberCell(value);
  if (typeof value === 'string') return stringCell(value, from, context);
  if (value instanceof RegExp) return textCell(String(value));
  if (Array.isArray(value)) return depth > 5 ? textCell(stringOf(value)) : listCell(value.map((item) => cellOf(item, from, showing, depth + 1)));
  switch (value.kind) {
    case 'date':
      return dateCell(value.dt, dateText(value));
    case 'duration':
      return numberCell(value.ms);
    case 'link':
      return linkCell(value.target, value.display, value.from, context);
    case 'file':
      return noteCell(value.note);
    case 'image':
      if (WEB.test(value.text)) return { kind: 'url', href: value.text, text: value.text };
      notice('image() of a vault file is shown as its name: the garden cannot know where the image is published');
      return textCell(value.text.split('/').pop() ?? '');
    case 'icon':
      notice(`icon() is shown as the icon's name (“${value.text}”): the garden does not draw Obsidian's icons`);
      return textCell(value.text);
    case 'html':
      notice('html() is shown as text: the garden never publishes HTML a view builds');
      return textCell(value.text);
    default:
      return textCell(stringOf(value));
  }
}

/** What a card's image value names: an address or a vault path, from a link, `image()`, `![](…)`, `![[…]]` or the text. */
function imageTarget(value: Value): string | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate === 'string') {
    const text = candidate.trim();
    return /^!?\[[^\]]*\]\((\S+)\)$/.exec(text)?.[1] ?? /^!?\[\[([^\]|#]+)/.exec(text)?.[1] ?? (text || undefined);
  }
  if (candidate && typeof candidate === 'object' && 'kind' in candidate && (candidate.kind === 'image' || candidate.kind === 'link')) {
    return candidate.kind === 'image' ? candidate.text : candidate.target;
  }
  return undefined;
}

/**
 * A card's image: an http(s) address, or an image in the vault the card's shared note names, which
 * is then published like any attachment a shared note shows (`resolveImage`, which says where).
 */
export function imageOf(value: Value, from: string, context: ViewContext): string | undefined {
  const target = imageTarget(value);
  if (target === undefined) return undefined;
  return WEB.test(target) ? target : context.resolveImage?.(decoded(target), from);
}

/** `![](my%20cover.png)` names `my cover.png`; a `%` that is no escape is taken as written. */
function decoded(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}
