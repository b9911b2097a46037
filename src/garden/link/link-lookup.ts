import type { NoteSlug } from '../types.ts';
import { VaultIndex } from './resolve.ts';
import type { LinkWorld } from './link-world.ts';

/**
 * Everything the vault says about one link target written in one note: the note it names (a
 * private one too), that note's slug and title when it is shared, the attachment it names, and the
 * canvas `target.canvas` would be. Rendering a link reads nothing else of the vault, so a rendered
 * note stays right for as long as the answers to the targets it wrote stay the same.
 */
export interface TargetAnswer {
  note?: string;
  shared?: { slug: NoteSlug; title: string };
  attachment?: string;
  canvas?: string;
  /** The page the attachment would have, when it is a base. */
  basePage?: NoteSlug;
}

/** The link world indexed for lookups: links resolved as Obsidian resolves them (link/resolve.ts). */
export class LinkLookup {
  private readonly notes: VaultIndex<LinkWorld['notes'][number]>;
  private readonly attachments: VaultIndex<LinkWorld['attachments'][number]>;
  private readonly shared: Map<string, { slug: NoteSlug; title: string }>;
  private readonly bases: Map<string, NoteSlug>;

  constructor(world: LinkWorld) {
    this.notes = new VaultIndex(world.notes, false);
    this.attachments = new VaultIndex(world.attachments, true);
    this.shared = new Map(world.shared.map((s) => [s.path, { slug: s.slug, title: s.title }]));
    this.bases = new Map(world.bases.map((b) => [b.path, b.slug]));
  }

  /** The slug of the page the base at `basePath` has when a shared note links or embeds it. */
  basePage(basePath: string): NoteSlug | undefined {
    return this.bases.get(basePath);
  }

  /** The vault path of the note `target` names from the note at `from`. */
  note(target: string, from: string): string | undefined {
    return this.notes.resolve(target, from)?.path;
  }

  /** The slug and title of the shared note at `notePath`; undefined for a private note. */
  sharedNote(notePath: string): { slug: NoteSlug; title: string } | undefined {
    return this.shared.get(notePath);
  }

  /** The vault path of the attachment (any non-note file, canvases included) `target` names from `from`. */
  attachment(target: string, from: string): string | undefined {
    return this.attachments.resolve(target, from)?.path;
  }

  /** All of it at once, as compared between builds by the render cache. */
  answer(target: string, from: string): TargetAnswer {
    const note = this.note(target, from);
    const attachment = this.attachment(target, from);
    return {
      note,
      shared: note === undefined ? undefined : this.sharedNote(note),
      attachment,
      canvas: this.attachment(`${target}.canvas`, from),
      // `[[Books]]` asks for `Books.base` as a target of its own (renderer.ts), so the base is an attachment here.
      basePage: attachment === undefined ? undefined : this.basePage(attachment),
    };
  }
}
