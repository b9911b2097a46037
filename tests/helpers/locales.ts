/*
 * Words a language shares with English: the checks that no English is left in a catalogue
 * (tests/unit/locale.test.ts) or on a page (tests/build/locales.test.ts) let these through, and
 * nothing else. Each is the word a native reader expects there.
 */
export const SAME_AS_ENGLISH: Record<string, string[]> = {
  // A network drawing is a "Graph" in German (the Duden's word).
  de: ['Graph'],
  // A site's menu is its "Menu" in French, and a note a "note".
  fr: ['Menu', 'note', 'notes'],
  // And "Menu" in Portuguese.
  pt: ['Menu'],
};
