import fs from 'node:fs/promises';
import path from 'node:path';
import { stem } from 'porter2';
import { ROOT, readAsText } from './build.ts';

/*
 * Canary scans: a private note holds canary words, and after a build no file anywhere a build
 * writes may hold one, in any form a tool stores it. Pagefind does not store the words it indexes
 * as written: it lower-cases a word, drops what is not a letter or digit, and stems it with
 * Snowball's English stemmer (Porter2) for an `en` page, as every page of the garden is
 * (pagefind/src/fossick/mod.rs: `get_stemmer`, `Algorithm::English`), never truncating it:
 * `zqcanarybody` is indexed as `zqcanarybodi`. A word written with a capital or a digit is taken
 * for a compound too, and its parts are indexed as well, each stemmed: `Zqrealtitle0` is indexed as
 * `zqrealtitle0`, `zqrealtitl` and `0`. A leak that reached only the search index would pass a scan
 * for the words as written. tests/unit/canaries.test.ts checks these forms against what the
 * project's search index stores.
 */

/** Folders every build of the project may write besides its own out and cache folders: Astro's
 * `.astro/` in the project (generated types, the dev server's data store) and its default cache
 * folder, used by anything run without GARDEN_CACHE_DIR (`npm run check`, `npm run build`). */
export const SHARED_BUILD_FOLDERS = [path.join(ROOT, '.astro'), path.join(ROOT, 'node_modules/.astro')];

/**
 * A canary is one lower-case ASCII word of at least six letters, perhaps numbered (`zqrealtitle0`),
 * so that every form Pagefind stores of it is one of `canaryForms`: its parts are the letters and
 * the number, and a number alone says nothing of the note.
 */
const ONE_WORD = /^([a-z]{6,})([0-9]*)$/;

/**
 * Every form of a canary word that a scan must look for, longest first: the word as written, the
 * word as Pagefind's index stores it (its Porter2 stem), and for a numbered canary its letters, as
 * written and stemmed.
 */
export function canaryForms(word: string): string[] {
  const parts = ONE_WORD.exec(word);
  if (!parts) {
    throw new Error(`canary "${word}" is not one lower-case ASCII word of 6 letters or more (a number may follow): Pagefind would split or change it in ways canaryForms does not follow`);
  }
  const letters = parts[1]!;
  return [...new Set([word, stem(word), letters, stem(letters)])].sort((a, b) => b.length - a.length);
}

/** A file found by the scan: a regular file, or the target of a symbolic link (`via`). */
interface Found {
  file: string;
  shown: string;
  via?: string;
}

/**
 * Every file under `dir`, symbolic links reported (in `links`) and followed: a file a link points
 * to is scanned, and a folder walked, each real folder once (a link may point at its own parent).
 */
async function filesUnder(dir: string, label: string, links: string[], seen: Set<string>): Promise<Found[]> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return [];
  }
  if (seen.has(real)) return [];
  seen.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const found: Found[] = [];
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    const shown = path.join(label, path.relative(dir, full));
    if (entry.isFile()) {
      found.push({ file: full, shown });
    } else if (entry.isSymbolicLink()) {
      const target = await fs.readlink(full).catch(() => '?');
      links.push(`symbolic link ${shown} -> ${target}`);
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat?.isFile()) found.push({ file: full, shown, via: target });
      else if (stat?.isDirectory()) found.push(...(await filesUnder(full, shown, links, seen)));
    }
  }
  return found;
}

/**
 * Looks for every canary, in every form `canaryForms` gives, in the names and contents (read by
 * `readAsText`: gzip unpacked, UTF-8 and Latin-1, lower-cased) of every file under `dirs`. Returns
 * what it found, one line each (`body "zqcanarybodi" in dist/pagefind/index/en-gb_….pf_index`), and
 * every symbolic link it met: nothing a build writes is one, and a link could make a file outside
 * the output part of the published site. A folder that does not exist holds nothing.
 * `canaries` are words, or words by what they stand for (`{ body: 'zqcanarybody' }`).
 */
export async function scanForCanaries(dirs: string[], canaries: readonly string[] | Record<string, string>): Promise<string[]> {
  const named = Array.isArray(canaries) ? canaries.map((word) => ['', word] as const) : Object.entries(canaries);
  const words = named.map(([kind, word]) => ({
    forms: canaryForms(word),
    what: (form: string) => (kind ? `${kind} "${form}"` : form === word ? `"${form}"` : `"${form}" (of ${word})`),
  }));
  const findings: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const label = path.basename(dir);
    for (const { file, shown, via } of await filesUnder(dir, label, findings, seen)) {
      let text: string;
      try {
        text = (await readAsText(file)).toLowerCase();
      } catch {
        // Gone since the folder was listed: a build writing beside this scan (in a shared folder).
        continue;
      }
      const name = shown.toLowerCase();
      const where = via ? `${shown} (-> ${via})` : shown;
      for (const { forms, what } of words) {
        for (const [haystack, place] of [[name, `the name ${where}`], [text, where]] as const) {
          // A shorter form is often the beginning of a longer one: each is reported where it stands apart.
          let rest: string = haystack;
          for (const form of forms) {
            if (rest.includes(form)) findings.push(`${what(form)} in ${place}`);
            rest = rest.replaceAll(form, ' ');
          }
        }
      }
    }
  }
  return findings;
}
