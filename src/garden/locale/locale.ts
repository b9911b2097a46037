import type { Catalogue, Plural } from './catalogue.ts';
import { en } from './en.ts';
import { de } from './de.ts';
import { fr } from './fr.ts';
import { es } from './es.ts';
import { pt } from './pt.ts';
import { ja } from './ja.ts';
import { zhHans } from './zh-hans.ts';
import { ar } from './ar.ts';

/*
 * The garden's language (the `locale` setting, a BCP 47 tag): which catalogue its words come
 * from, how it writes dates and numbers, and which way its text runs. A tag is matched to a
 * catalogue by its language, and by its script where one language is written in two (Simplified
 * Chinese is zh-Hans: `zh`, `zh-CN` and `zh-SG` are it, `zh-TW` is Traditional and has none yet).
 */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, de, fr, es, pt, ja, 'zh-Hans': zhHans, ar };

/** The catalogue a tag is written with, or undefined when the garden has none for it. */
export function catalogueKey(tag: string): string | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  const candidates = [`${locale.language}-${locale.script}`, locale.language];
  return candidates.find((key) => key in CATALOGUES && (key !== 'zh' || locale.script === 'Hans'));
}

/** The catalogue of a locale the settings accepted. */
export const catalogueOf = (tag: string): Catalogue => CATALOGUES[catalogueKey(tag)!]!;

/** Which way a language's text runs, from its script (Intl's own text info). */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag) as Intl.Locale & { getTextInfo?: () => { direction: string }; textInfo?: { direction: string } };
  const info = locale.getTextInfo?.() ?? locale.textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}

/** A template's `{name}`s filled in: text in, text out. */
export const fillText = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/**
 * The words of one garden: its catalogue, and the number, plural and date forms of its locale.
 * Intl's formatters are costly to make: one of each per garden.
 */
export function wordsFor(tag: string, timeZone: string) {
  const catalogue = catalogueOf(tag);
  const plurals = new Intl.PluralRules(tag);
  const numbers = new Intl.NumberFormat(tag);
  const days = dayFormatter(tag, timeZone);
  return {
    ...catalogue,
    locale: tag,
    dir: textDirection(tag),
    number: (n: number) => numbers.format(n),
    /** A Plural's form for `count`, its `{count}` and the other values filled in. */
    plural: (forms: Plural, count: number, values: Record<string, string | number> = {}) =>
      fillText(forms[plurals.select(count) as keyof Plural] ?? forms.other, { count: numbers.format(count), ...values }),
    fill: fillText,
    /** "18 June 2025", "18. Juni 2025", "2025年6月18日", in the garden's time zone. */
    day: days,
  };
}

export type Words = ReturnType<typeof wordsFor>;

/** A day in a locale's long form, in a time zone; each date formatted once (a note's dates appear on every list it is in). */
export function dayFormatter(tag: string, timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const formatted = new Map<string, string>();
  return (iso) => {
    let day = formatted.get(iso);
    if (day === undefined) formatted.set(iso, (day = format.format(new Date(iso))));
    return day;
  };
}

export type { Catalogue, Plural } from './catalogue.ts';
