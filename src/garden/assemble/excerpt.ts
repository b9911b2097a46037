/** How long an excerpt may be, in characters, for lists, meta descriptions and the feed. */
const LENGTH = 240;

/** A note's opening text, cut at a word boundary with an ellipsis when it is longer than LENGTH. */
export function excerptOf(text: string): string {
  return text.length > LENGTH ? `${text.slice(0, LENGTH - 1).replace(/\s+\S*$/, '')}…` : text;
}
