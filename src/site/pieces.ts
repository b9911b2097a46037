/** A piece of a catalogue string: its text, or the name of a value that goes there (`{date}`). */
export type Piece = { text: string; slot?: undefined } | { slot: string; text?: undefined };

const split = new Map<string, Piece[]>();

/**
 * A catalogue string cut where its values go ("planted {date}" → "planted ", date), for a page to
 * put markup there (a <time>, a link) where the language's grammar wants it. Cut once per string:
 * a component per use cost the build seconds over thousands of pages (Words.astro is for the
 * one-off pages).
 */
export function pieces(template: string): Piece[] {
  let found = split.get(template);
  if (!found) {
    found = template.split(/\{(\w+)\}/).flatMap((part, i): Piece[] => (i % 2 ? [{ slot: part }] : part ? [{ text: part }] : []));
    split.set(template, found);
  }
  return found;
}
