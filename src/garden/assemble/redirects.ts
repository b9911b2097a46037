import type { Problems } from '../problems.ts';
import type { GardenNote, Redirect } from '../types.ts';
import type { LinkWorld } from '../link/link-world.ts';
import { VaultIndex } from '../link/resolve.ts';
import { boundSlug, slugifyPath } from '../normalize/slug.ts';
import { RESERVED_SEGMENTS } from '../normalize/reserved-routes.ts';
import { aliasAddress, noteAddress, type SiteAddress } from '../urls.ts';

/** Where problems with the `redirects` setting are reported. */
export const CONFIG_FILE = 'garden.config.ts';

/**
 * Links that do not break, as Obsidian Publish keeps them: every alias of a shared note, and every
 * old address the gardener lists in the `redirects` setting, sends visitors on to the note. Only
 * shared notes' aliases are read here (the notes of the garden model); a private note's alias is
 * never one. An address another note's page or the site's own routes own is never taken: the
 * alias or setting is reported and makes no redirect. A setting beats an alias; two notes claiming
 * the same alias both lose it, since neither is the obvious owner.
 */
/** The most bytes a file or folder name may take on the file systems a site is built on. */
const FILE_NAME_BYTES = 255;

/** Whether a segment of an old address the gardener listed could not be a file's name (`index.html` may not be added to a file's). */
const tooLong = (address: string) => address.split('/').some((segment) => Buffer.byteLength(segment) > FILE_NAME_BYTES);

/** An address as redirects are told apart: `/My Page/` and `/my page/` are one. */
const key = (address: string) => address.normalize('NFC').toLowerCase();

/** Who owns an address already: the site's own routes and the notes' pages. */
function addressOwner(notes: GardenNote[]): (address: string) => string | undefined {
  const pages = new Map(notes.map((n) => [key(noteAddress(n.slug)), n]));
  return (address) => {
    const first = address.split('/')[1] ?? '';
    if (RESERVED_SEGMENTS.has(first.toLowerCase())) return `"${first}" is the site's own address`;
    const page = pages.get(key(address));
    return page ? `${address} is the page of ${page.path}` : undefined;
  };
}

export function findRedirects(notes: GardenNote[], world: LinkWorld, settings: Record<string, string>, problems: Problems): Redirect[] {
  const owner = addressOwner(notes);
  // The gardener's list first: it was asked for by name. Then each shared note's aliases.
  const found = settingRedirects(notes, world, settings, owner, problems);
  const claims = aliasClaims(notes, (from) => (found.has(key(from)) ? `${from} is redirected by the redirects setting` : owner(from)), problems);
  for (const [address, list] of claims) {
    if (list.length > 1) {
      for (const { from, note, alias } of list) {
        const others = list.filter((c) => c.note !== note).map((c) => c.note.path).join(', ');
        problems.warn(note.path, `alias "${alias}" makes no redirect: ${from} is also an alias of ${others}`);
      }
      continue;
    }
    const [{ from, note, alias }] = list as [(typeof list)[number]];
    found.set(address, { from, to: { slug: note.slug, title: note.title }, origin: `${note.path} (alias "${alias}")` });
  }
  return [...found.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The `redirects` setting's redirects, by address; what cannot be one is reported. */
function settingRedirects(notes: GardenNote[], world: LinkWorld, settings: Record<string, string>, owner: (address: string) => string | undefined, problems: Problems) {
  const found = new Map<string, Redirect>();
  const index = new VaultIndex(world.notes, false);
  const byPath = new Map<string, GardenNote>(notes.map((n) => [n.path, n]));
  for (const [from, target] of Object.entries(settings)) {
    const setting = `redirects[${JSON.stringify(from)}]`;
    const note = byPath.get(index.resolve(target.replace(/\.md$/i, ''), '')?.path ?? '');
    const taken = owner(from);
    if (tooLong(from)) problems.warn(CONFIG_FILE, `${setting} makes no redirect: a part of the address is longer than a file name may be (${FILE_NAME_BYTES} bytes)`);
    else if (!note) problems.warn(CONFIG_FILE, `${setting} makes no redirect: "${target}" is not a shared note`);
    else if (taken) problems.warn(CONFIG_FILE, `${setting} makes no redirect: ${taken}`);
    // The setting's addresses were checked and written as addresses when the configuration was read.
    else found.set(key(from), { from: from as SiteAddress, to: { slug: note.slug, title: note.title }, origin: setting });
  }
  return found;
}

type AliasClaim = { from: SiteAddress; note: GardenNote; alias: string };

/** Each free address the shared notes' aliases ask for, in vault order, with who asks; what cannot be one is reported. */
function aliasClaims(notes: GardenNote[], taken: (address: SiteAddress) => string | undefined, problems: Problems): Map<string, AliasClaim[]> {
  const claims = new Map<string, AliasClaim[]>();
  for (const note of [...notes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const mine = new Set<string>();
    for (const alias of note.aliases) {
      const written = slugifyPath(alias);
      if (!written) {
        problems.warn(note.path, `alias "${alias}" makes no redirect: it gives no usable address`);
        continue;
      }
      // An alias is an address of the garden's making, shortened like a slug.
      const slug = boundSlug(written);
      const from = aliasAddress(slug);
      if (slug !== written) problems.warn(note.path, `alias "${alias}" is too long for a web address; its redirect is at ${from}`);
      // The note's own address, or an alias spelt twice.
      if (slug === note.slug || mine.has(key(from))) continue;
      mine.add(key(from));
      const owner = taken(from);
      if (owner) problems.warn(note.path, `alias "${alias}" makes no redirect: ${owner}`);
      else claims.set(key(from), [...(claims.get(key(from)) ?? []), { from, note, alias }]);
    }
  }
  return claims;
}
