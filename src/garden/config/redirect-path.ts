/*
 * An old address the gardener lists in the `redirects` setting: a path on this site under its base
 * path, written as it would be pasted from a browser (`/old/path/`, `old/path`, `/my%20post/`,
 * `/old-page.html`). It is kept as `/old/path/` (a folder, served by its index.html) or
 * `/old-page.html` (a file), decoded, so that it names the file the build writes. Nothing that could
 * leave the output folder or be read two ways gets through.
 */

/** An old address as `/a/b/` or `/a/b.html`, decoded; or what is wrong with it. */
export function redirectPath(from: string): string | { problem: string } {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(from)) return { problem: 'an old address is a path on this site, such as "/old/path/", not a full URL' };
  if (/[?#]/.test(from)) return { problem: 'an old address is a path without ? or #' };
  let segments: string[];
  try {
    segments = from.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { problem: 'an old address must be a valid URL path (a % not followed by two hex digits)' };
  }
  if (segments.length === 0) return { problem: '"/" is the home page' };
  for (const segment of segments) {
    // Control characters, a path separator written as %2F or %5C, and `.` or `..` could each name another file.
    if (/[\u0000-\u001f\u007f\\/]/.test(segment) || segment === '.' || segment === '..') {
      return { problem: `the segment ${JSON.stringify(segment)} cannot be part of an address` };
    }
  }
  if (segments.at(-1) === 'index.html') segments.pop();
  if (segments.length === 0) return { problem: '"/" is the home page' };
  const file = /\.html?$/i.test(segments.at(-1)!);
  return `/${segments.join('/')}${file ? '' : '/'}`;
}
