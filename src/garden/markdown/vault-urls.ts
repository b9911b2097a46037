import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import { contextOf } from './context.ts';

/*
 * Relative URLs in links and images (Markdown `[x](Other.md)`, `![](img/a.png)`, or raw HTML) point
 * into the vault. They are resolved like wikilinks: to a shared note's page or a copied attachment;
 * anything else (a private or missing note, a file not in the vault) becomes plain text, or nothing
 * for an image, so no URL ever names a private file.
 */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i;

function decodeTarget(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export default function rehypeVaultUrls() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node: Element, index, parent) => {
      // Sanitizing prefixed the ids a note wrote (footnotes too); its in-page links follow them.
      const href = node.properties.href;
      if (typeof href === 'string' && href.startsWith('#') && ids.has(`user-content-${href.slice(1)}`)) {
        node.properties.href = `#user-content-${href.slice(1)}`;
        return;
      }
      const attribute = node.tagName === 'a' ? 'href' : node.tagName === 'img' ? 'src' : undefined;
      if (!attribute || !parent || index === undefined) return;
      const value = node.properties[attribute];
      if (typeof value !== 'string' || value === '' || EXTERNAL.test(value)) return;
      const [rawPath = '', hash = ''] = value.split('#', 2);
      const target = decodeTarget(rawPath.replace(/^\.\//, ''));
      if (node.tagName === 'a' && /\.md$/i.test(target)) {
        const note = context.resolveNote(target.replace(/\.md$/i, ''));
        if (note) {
          context.links.add(note.slug);
          node.properties.href = `/${note.slug}/${hash ? `#${hash}` : ''}`;
          node.properties.className = ['internal'];
          return;
        }
      } else {
        const url = context.resolveAttachment(target);
        if (url) {
          node.properties[attribute] = url;
          return;
        }
      }
      context.unresolved.push(value);
      if (node.tagName === 'img') {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['link-unresolved'] }, children: [{ type: 'text', value: toString(node) }] };
      return SKIP;
    });
  };
}
