import type { Frontmatter } from '../collect/frontmatter.ts';
import { publishedField } from './published-fields.ts';
import { cleanLabel, quoted } from './text.ts';

/**
 * The language a note is written in, when its `lang` property names one: a BCP 47 tag, canonical
 * (`pt-br` is `pt-BR`). It marks the note's content (its article, feed item, search result) for
 * browsers, screen readers and translators; the garden's own words stay in the garden's language.
 */
export function readLanguage(data: Frontmatter): { lang?: string; problem?: string } {
  const written = cleanLabel(publishedField(data, 'lang'));
  if (!written) return {};
  const tag = canonical(written);
  // A well-formed tag of no language Intl knows (`lang: python`) is a mistake too.
  if (tag && KNOWN.of(tag)) return { lang: tag };
  return { problem: `lang ${quoted(written)} is not a language tag (BCP 47, such as "fr" or "pt-BR"); the note is marked as in the garden's language` };
}

const KNOWN = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
