/*
 * A note's query may hold a regular expression, and JavaScript's engine can take exponential time
 * on a pattern that repeats a repetition (`(a+)+`) against a long text. Neither engine can stop a
 * regular expression midway, so such patterns are refused before they run, with this reason.
 */
const REPEATED_REPETITION = /\([^()]*[+*}][^()]*\)[+*{]/;

/** Why `source` is refused, or nothing when it may run. */
export const slowPattern = (source: string): string | undefined =>
  REPEATED_REPETITION.test(source) ? `the regular expression /${source}/ repeats a repetition, which can take too long to run` : undefined;
