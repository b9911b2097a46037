import type { NoteSlug, VaultPath } from '../types.ts';
import type { SourceNote } from '../collect/read-note.ts';
import type { VaultFile } from '../collect/walk-vault.ts';
import type { NoteDraft } from '../normalize/normalize-notes.ts';
import { readAliases } from '../normalize/aliases.ts';
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
  site: { url: string; base: string };
}

/**
 * Stage 4: what links can point at. Every note of the vault is named, private ones too, so that a
 * link to a private note is known to be private (and rendered like a missing one) rather than
 * mistaken for another note of the same name; only shared notes carry a slug and title.
 */
export function linkWorld(sources: SourceNote[], drafts: NoteDraft[], attachments: VaultFile[], site: LinkWorld['site']): LinkWorld {
  return {
    notes: sources.map((s) => ({ path: s.path, aliases: readAliases(s.frontmatter.ok ? s.frontmatter.data : undefined) })),
    shared: drafts.map((d) => ({ path: d.path, slug: d.slug, title: d.title })),
    attachments,
    site,
  };
}
