/**
 * Removes Obsidian comments (`%% … %%`) outside fenced code, keeping line breaks so positions in
 * problem reports still match the file. An unclosed `%%` hides the rest of the note, as in
 * Obsidian: what the gardener meant to hide stays hidden.
 */
export function stripObsidianComments(text: string): { text: string; unclosed: boolean } {
  if (!text.includes('%%')) return { text, unclosed: false };
  const lines = text.split('\n');
  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inComment) {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
        continue;
      }
      if (marker) {
        fence = marker;
        continue;
      }
    }
    let out = '';
    let rest = line;
    for (;;) {
      const at = rest.indexOf('%%');
      if (at === -1) {
        if (!inComment) out += rest;
        break;
      }
      // Outside a comment, `%%` in inline code is code: the span is kept whole.
      const code = inComment ? undefined : codeSpanBefore(rest, at);
      if (code !== undefined) {
        out += rest.slice(0, code);
        rest = rest.slice(code);
        continue;
      }
      if (!inComment) out += rest.slice(0, at);
      inComment = !inComment;
      rest = rest.slice(at + 2);
    }
    lines[i] = out;
  }
  return { text: lines.join('\n'), unclosed: inComment };
}

/**
 * Where the first inline code span of `text` that starts before `limit` ends, if it does on this
 * line (CommonMark: a run of backticks closed by a run of the same length); undefined otherwise.
 */
function codeSpanBefore(text: string, limit: number): number | undefined {
  const open = /`+/g;
  for (let match = open.exec(text); match && match.index < limit; match = open.exec(text)) {
    const close = new RegExp(`(?<!\`)${match[0]}(?!\`)`, 'g');
    close.lastIndex = match.index + match[0].length;
    const end = close.exec(text);
    if (end) return end.index + end[0].length;
  }
  return undefined;
}
