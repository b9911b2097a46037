import { stem } from 'porter2';

/*
 * Pagefind looks a query word up by its stem and, when no indexed word has it, backtracks to the
 * longest indexed prefix (`Westrum` finds notes with `we`, `canary` notes with `can`), with no
 * option to turn that off in 1.5. Since backtracking happens for a word across the whole index, one
 * result tells whether it happened: a result is genuine when each query word is, among the words
 * Pagefind matched in it (its locations in the fragment's text) or in its title, one of those words'
 * stems (`gardens` → `garden`, `running` → `run`) or the start of one (`gard` → `garden`, as Pagefind
 * completes a word being typed).
 */

/** Lower case, accents dropped, as Pagefind compares words. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A text's words, as letters and digits. */
const wordsOf = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** The query's words that the check can judge: those written in the Latin alphabet. */
export function queryWords(query: string): string[] {
  return [...new Set(wordsOf(query).filter((w) => /^[a-z0-9]+$/.test(w)))];
}

/** Whether a word Pagefind matched stands for the query word (and is no mere prefix of it). */
export function sameWord(queryWord: string, matched: string): boolean {
  return matched.startsWith(queryWord) || stem(matched) === stem(queryWord);
}

export interface Matched {
  /** The fragment's text, and the word positions Pagefind matched in it. */
  content: string;
  locations: number[];
  title?: string;
}

/** Whether every query word is among the words Pagefind matched in this result. */
export function genuine(query: string, result: Matched): boolean {
  const terms = queryWords(query);
  if (!terms.length) return true;
  const tokens = result.content.split(/\s+/).filter(Boolean);
  const matched = new Set<string>(wordsOf(result.title ?? ''));
  for (const at of result.locations) {
    const token = tokens[at];
    if (!token) continue;
    const parts = wordsOf(token);
    for (const part of parts) matched.add(part);
    if (parts.length > 1) matched.add(parts.join(''));
  }
  return terms.every((term) => [...matched].some((word) => sameWord(term, word)));
}
