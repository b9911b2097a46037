import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueKey, textDirection, wordsFor } from '../../src/garden/locale/locale.ts';
import { en } from '../../src/garden/locale/en.ts';
import { resolveConfig } from '../../src/garden/config/config.ts';
import { readLanguage } from '../../src/garden/normalize/language.ts';
import { SAME_AS_ENGLISH } from '../helpers/locales.ts';
import { searchDocument, searchFacets } from '../../src/integration/search-body.ts';

/*
 * The garden's languages: every catalogue says everything English says, with the plural forms its
 * language has and the same places for values; a locale finds its catalogue by language (and
 * script), or is refused by name.
 */
type Tree = { [key: string]: string | Tree };

/** Every string of a catalogue by its path (`note.daysLater.one`). */
function strings(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [path, text] of strings(value, `${prefix}${key}.`)) found.set(path, text);
  }
  return found;
}

/** The plural forms' parents: objects whose keys are all plural categories. */
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
function plurals(tree: Tree, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') continue;
    if (Object.keys(value).every((k) => CATEGORIES.has(k))) found.set(`${prefix}${key}`, Object.keys(value).sort());
    else for (const [path, keys] of plurals(value, `${prefix}${key}.`)) found.set(path, keys);
  }
  return found;
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const english = strings(en as unknown as Tree);
const englishPlurals = plurals(en as unknown as Tree);
const languages = Object.entries(CATALOGUES).filter(([key]) => key !== 'en');

describe('the catalogues', () => {
  it('ships the eight languages the garden speaks', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'pt', 'zh-Hans']);
  });

  for (const [key, catalogue] of languages) {
    describe(key, () => {
      const own = strings(catalogue as unknown as Tree);
      const ownPlurals = plurals(catalogue as unknown as Tree);

      it('says everything English says, as plural forms where English counts', () => {
        const withoutForms = (paths: Iterable<string>) => new Set([...paths].map((path) => path.replace(/\.(zero|one|two|few|many|other)$/, '')));
        expect(withoutForms(own.keys())).toEqual(withoutForms(english.keys()));
        expect([...ownPlurals.keys()].sort()).toEqual([...englishPlurals.keys()].sort());
      });

      it("gives each count exactly the plural forms its language has (Intl.PluralRules)", () => {
        const categories = new Intl.PluralRules(key).resolvedOptions().pluralCategories.map(String).sort();
        for (const [path, forms] of ownPlurals) expect(forms, path).toEqual(categories);
      });

      it("leaves no string empty or still in English, and puts every value where English does (a count may be spelled out)", () => {
        for (const [path, text] of own) {
          expect(text.trim(), path).not.toBe('');
          const source = english.get(path) ?? english.get(path.replace(/\.\w+$/, '.other'))!;
          const wanted = placeholders(source);
          if (/\.(zero|one|two)$/.test(path)) wanted.delete('count');
          for (const name of wanted) expect(placeholders(text), `${path}: "${text}"`).toContain(name);
          for (const name of placeholders(text)) expect(placeholders(source), `${path}: "${text}"`).toContain(name);
          if (/[a-z]{4}/i.test(source.replace(/\{\w+\}/g, '')) && !SAME_AS_ENGLISH[key]?.includes(text.replace(/\{\w+\}/g, '').trim())) expect(text, path).not.toBe(source);
        }
      });
    });
  }
});

describe('a locale', () => {
  it('finds its catalogue by language, and by script where a language has two', () => {
    expect(['en', 'en-GB', 'en-US', 'de-AT', 'pt-BR', 'pt-PT', 'fr-CA', 'es-419', 'ja-JP', 'zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'ar', 'ar-EG'].map(catalogueKey)).toEqual([
      'en', 'en', 'en', 'de', 'pt', 'pt', 'fr', 'es', 'ja', 'zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-Hans', 'ar', 'ar',
    ]);
  });

  it('without a catalogue, or not a language tag at all, finds none', () => {
    expect(['zh-TW', 'zh-Hant', 'nl', 'xx', 'english', 'en_GB', ''].map(catalogueKey)).toEqual(Array(7).fill(undefined));
  });

  it('is refused by the settings with the languages there are', () => {
    expect(() => resolveConfig({ locale: 'nl' }, {})).toThrow(/locale must be a BCP 47 language tag of a language the garden speaks \(en, de, fr, es, pt, ja, zh-Hans, ar, .*got "nl"/);
    expect(() => resolveConfig({ locale: 'en_GB' }, {})).toThrow(/got "en_GB"/);
    expect(() => resolveConfig({ locale: 3 } as never, {})).toThrow(/locale must be/);
  });

  it('is written canonically, and names the garden in its words when the gardener gave no title', () => {
    const config = resolveConfig({ locale: 'pt-br' }, {});
    expect(config.locale).toBe('pt-BR');
    expect(config.title).toBe(CATALOGUES.pt!.defaults.title);
    expect(config.description).toBe(CATALOGUES.pt!.defaults.description);
    expect(resolveConfig({ locale: 'de', title: 'Mein Garten' }, {}).title).toBe('Mein Garten');
    expect(resolveConfig({}, {}).locale).toBe('en-GB');
  });

  it('runs right to left for Arabic, Hebrew and Persian, left to right otherwise', () => {
    expect(['ar', 'ar-EG', 'he', 'fa', 'de', 'ja', 'zh-Hans', 'en-GB'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'ltr', 'ltr', 'ltr']);
  });

  it("chooses a count's form by the language's plural rules", () => {
    const arabic = wordsFor('ar', 'UTC');
    const forms = arabic.lists.notes;
    const wanted = { 0: forms.zero, 1: forms.one, 2: forms.two, 5: forms.few, 11: forms.many, 100: forms.other };
    for (const [n, form] of Object.entries(wanted)) expect(arabic.plural(forms, Number(n)), n).toBe(form!.replace('{count}', arabic.number(Number(n))));
    const english = wordsFor('en-GB', 'UTC');
    expect([1, 2, 1000].map((n) => english.plural(english.lists.notes, n))).toEqual(['1 note', '2 notes', '1,000 notes']);
  });

  it('writes dates in its own long form, in the garden time zone', () => {
    const day = '2024-05-01T23:30:00Z';
    expect(wordsFor('en-GB', 'UTC').day(day)).toBe('1 May 2024');
    expect(wordsFor('en-GB', 'Asia/Tokyo').day(day)).toBe('2 May 2024');
    expect(wordsFor('de', 'UTC').day(day)).toBe('1. Mai 2024');
    expect(wordsFor('fr', 'UTC').day(day)).toBe('1 mai 2024');
    expect(wordsFor('ja', 'UTC').day(day)).toBe('2024年5月1日');
  });
});

describe("a note's own language", () => {
  it('is read from `lang`, written canonically', () => {
    expect(readLanguage({ lang: 'fr' })).toEqual({ lang: 'fr' });
    expect(readLanguage({ LANG: 'pt-br' })).toEqual({ lang: 'pt-BR' });
    expect(readLanguage({ lang: 'zh-hant-tw' })).toEqual({ lang: 'zh-Hant-TW' });
    expect(readLanguage({ title: 'x' })).toEqual({});
  });

  it('is reported, and left out, when it names no language', () => {
    for (const lang of ['python', 'en_GB', 'French', '42']) {
      const read = readLanguage({ lang });
      expect(read.lang, lang).toBeUndefined();
      expect(read.problem, lang).toContain(`lang "${lang}" is not a language tag`);
    }
  });
});

describe("the search index's language", () => {
  const note = { slug: 'jardin' as never, title: 'Jardin', state: 'seed' as const, tags: [], created: '2024-05-01T00:00:00Z' };

  it("is the garden's, for every note, so that one search finds them all", () => {
    expect(searchDocument(note, '<p>x</p>', new Map(), wordsFor('de', 'UTC').day, 'de')).toMatch(/^<!doctype html><html lang="de">/);
  });

  it("keeps a note's own language as its result's, and dates in the garden's form", () => {
    const { meta } = searchFacets({ ...note, lang: 'fr' }, new Map(), wordsFor('de', 'UTC').day);
    expect(meta).toEqual(['title:Jardin', 'state:seed', 'date:1. Mai 2024', 'lang:fr']);
    expect(searchFacets(note, new Map(), wordsFor('de', 'UTC').day).meta).not.toContainEqual(expect.stringMatching(/^lang:/));
  });
});
