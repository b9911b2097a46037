import path from 'node:path';
import type { NoteSlug, VaultPath } from '../types.ts';
import type { SourceNote } from '../collect/read-note.ts';
import { isBaseFile, type VaultFile } from '../collect/walk-vault.ts';
import type { NoteDraft } from '../normalize/normalize-notes.ts';
import type { VaultPlugins } from '../collect/read-vault-plugins.ts';
import { readAliases } from '../normalize/aliases.ts';
import { assignSlugs, boundSlug, slugifySegment } from '../normalize/slug.ts';
import type { Indexed } from './resolve.ts';

/**
 * What a renderer needs to know of the vault: every note's name (private ones too, so a link to
 * one is known to be private), the shared notes' slugs and titles, the attachments, and where the
 * site is served. Plain data, so it can be handed to worker threads.
 */
export interface LinkWorld {
  notes: Indexed[];
  shared: { path: VaultPath; slug: NoteSlug; title: string }[];
  attachments: VaultFile[];
  /** Every `.base` file's page, were a shared note to link or embed it (only then is it published). */
  bases: BaseAddress[];
  /** The plugins the vault's Obsidian runs, which decide what some of its syntax means. */
  plugins: VaultPlugins;
  /** The site's address, and its language (the words rendering writes: footnotes, a diagram's failure). */
  site: { url: string; base: string; locale?: string };
}

/** Where a base's page is: its slug, and its title (its file name). */
export interface BaseAddress {
  path: VaultPath;
  slug: NoteSlug;
  title: string;
}

/**
 * A base's page is named after its file, extension included (`Books.base` → `/books-base/`), so a
 * note and a base of one name (`Books.md` embedding `Books.base`, as many vaults pair them) both
 * keep their own page. The shared notes' slugs come first: a base never moves a note.
 */
function baseAddresses(attachments: VaultFile[], drafts: NoteDraft[]): BaseAddress[] {
  const bases = attachments.filter((file) => isBaseFile(file.path));
  if (!bases.length) return [];
  const requests = bases.map((file) => ({ path: file.path, wanted: boundSlug(slugifySegment(path.posix.basename(file.path))) }));
  const { slugs } = assignSlugs(requests, drafts.map((draft) => draft.slug));
  return bases.map((file) => ({ path: file.path, slug: slugs.get(file.path)!, title: path.posix.basename(file.path).replace(/\.base$/i, '') }));
}

/**
 * Stage 4: what links can point at. Every note of the vault is named, private ones too, so that a
 * link to a private note is known to be private (and rendered like a missing one) rather than
 * mistaken for another note of the same name; only shared notes carry a slug and title.
 */
export function linkWorld(sources: SourceNote[], drafts: NoteDraft[], attachments: VaultFile[], site: LinkWorld['site'], plugins: VaultPlugins = { dataview: true }): LinkWorld {
  return {
    notes: sources.map((s) => ({ path: s.path, aliases: readAliases(s.frontmatter.ok ? s.frontmatter.data : undefined) })),
    shared: drafts.map((d) => ({ path: d.path, slug: d.slug, title: d.title })),
    attachments,
    bases: baseAddresses(attachments, drafts),
    plugins,
    site,
  };
}
