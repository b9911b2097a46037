/**
 * Removes Obsidian comments (`%% … %%`) outside fenced code, keeping line breaks so positions in
 * problem reports still match the file. An unclosed `%%` hides the rest of the note, as in
 * Obsidian: what the gardener meant to hide stays hidden. A `%%` in inline code is read as a
 * comment too: telling inline code apart before parsing (escaped backticks, code spans over
 * several lines, backticks in raw HTML) could publish what was meant to be hidden.
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
      if (!inComment) out += rest.slice(0, at);
      inComment = !inComment;
      rest = rest.slice(at + 2);
    }
    lines[i] = out;
  }
  return { text: lines.join('\n'), unclosed: inComment };
}
