import path from 'node:path/posix';
import { stem } from '../collect/walk-vault.ts';
import type { VaultPath } from '../types.ts';

/*
 * Resolves link targets the way Obsidian does: by vault path (with or without `.md`), then by file
 * name in any case, then by alias. Every note of the vault is indexed, private ones included, so a
 * link to a private note is known to be private rather than mistaken for another note of the same
 * name; what a private note resolves to is never handed to the renderer.
 */

export interface Indexed {
  path: VaultPath;
  aliases?: string[];
}

/** A note's file name without `.md`: its name for links, titles and slugs. */
const key = (text: string) => text.normalize('NFC').toLowerCase().trim();

export class VaultIndex<T extends Indexed> {
  private readonly byPath = new Map<string, T>();
  private readonly byName = new Map<string, T[]>();
  private readonly byAlias = new Map<string, T>();

  constructor(items: T[], withExtension: boolean) {
    for (const item of items) {
      const bare = withExtension ? item.path : item.path.replace(/\.md$/i, '');
      this.byPath.set(key(bare), item);
      const name = key(withExtension ? path.basename(item.path) : stem(item.path));
      const list = this.byName.get(name) ?? [];
      list.push(item);
      this.byName.set(name, list);
    }
    for (const item of items) {
      for (const alias of item.aliases ?? []) if (!this.byAlias.has(key(alias))) this.byAlias.set(key(alias), item);
    }
  }

  /** `from` is the vault path of the linking note, for relative paths and for ties between names. */
  resolve(target: string, from: string): T | undefined {
    const wanted = key(target.replace(/\\/g, '/').replace(/^\.\//, ''));
    if (!wanted) return undefined;
    const relative = path.normalize(path.join(path.dirname(from), wanted));
    const exact = this.byPath.get(relative) ?? this.byPath.get(path.normalize(wanted).replace(/^\/+/, ''));
    if (exact) return exact;
    let candidates = this.byName.get(path.basename(wanted));
    if (candidates && wanted.includes('/')) {
      // A partial path (`folder/Note`) picks among the files of that name the ones under it.
      candidates = candidates.filter((c) => key(c.path.replace(/\.md$/i, '')).endsWith(`/${wanted}`) || key(c.path).endsWith(`/${wanted}`));
    }
    if (candidates?.length) {
      const folder = path.dirname(from);
      // Several files share the name: the one beside the linking note, else the shortest path.
      return (
        candidates.find((c) => path.dirname(c.path) === folder) ??
        [...candidates].sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : 1))[0]
      );
    }
    return this.byAlias.get(wanted);
  }
}
