import type { Problems } from '../problems.ts';
import type { GardenNote, TagNode } from '../types.ts';
import { tagSegments, tagShortened, tagUrlPath } from '../normalize/tags.ts';
import { quoted, SpellingGroups } from '../normalize/text.ts';

/**
 * Tags across shared notes: each tag keyed by its URL path, spelled the way most notes spell it,
 * with a node for every ancestor of a nested tag (`a/b` files a note under `a` too).
 */
export class TagRegistry {
  private readonly spellings = new SpellingGroups();

  /** A note's tag keys from the tags it wrote (frontmatter and inline); unusable ones are reported. */
  keysOf(path: string, written: string[], problems: Problems): string[] {
    const keys = new Set<string>();
    for (const raw of written) {
      const segments = tagSegments(raw);
      if (!segments) {
        problems.warn(path, `tag ${quoted(raw)} has no letters or digits and is ignored`);
        continue;
      }
      if (tagShortened(raw, segments)) problems.warn(path, `tag ${quoted(raw)} is too long for a web address; its page is /tags/${tagUrlPath(segments)}/`);
      for (let i = 1; i <= segments.length; i++) this.spellings.add(segments.slice(0, i).join('/'), tagUrlPath(segments.slice(0, i)));
      keys.add(tagUrlPath(segments));
    }
    return [...keys].sort();
  }

  /** The tag tree of these notes (newest tended first, so each tag lists its notes in that order). */
  tree(notes: GardenNote[]): Map<string, TagNode> {
    const tags = new Map<string, TagNode>();
    for (const note of notes) {
      const listed = new Set<string>();
      for (const tagKey of note.tags) {
        const segments = tagKey.split('/');
        for (let i = 1; i <= segments.length; i++) {
          const key = segments.slice(0, i).join('/');
          const node = tags.get(key) ?? this.node(key, i > 1 ? segments.slice(0, i - 1).join('/') : undefined);
          if (!tags.has(key) && node.parent) tags.get(node.parent)?.children.push(key);
          tags.set(key, node);
          if (!listed.has(key)) node.notes.push(note.slug);
          listed.add(key);
        }
      }
    }
    for (const node of tags.values()) node.children.sort();
    return tags;
  }

  private node(key: string, parent: string | undefined): TagNode {
    const path = this.spellings.spelling(key);
    return { key, label: path.split('/').at(-1)!, path, urlPath: key, parent, children: [], notes: [] };
  }
}
