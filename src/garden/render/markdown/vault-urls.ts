import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { toString } from 'hast-util-to-string';
import { addEmbed, linkToBase, linkToNote } from './findings.ts';
import { isBaseFile } from '../../collect/walk-vault.ts';
import type { VaultLookups } from './vault-lookups.ts';
import { headingId } from '../heading-ids.ts';
import { markProperties } from './marks.ts';

/*
 * Relative URLs in links and images (Markdown `[x](Other.md)`, `![](img/a.png)`, or raw HTML) point
 * into the vault. They are resolved like wikilinks: to a shared note's page or a copied attachment;
 * anything else (a private or missing note, a file not in the vault) becomes plain text, or nothing
 * for an image, so no URL ever names a private file. A link to a canvas (`[board](Board.canvas)`)
 * becomes a slot, like `[[Board.canvas]]`: the assemble stage links it to the page showing the board.
 */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i;
/** Players play only the garden's own copied attachments (a vault file by relative path, or an embed). */
const MEDIA = new Set(['video', 'audio', 'source']);

function decodeTarget(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** One walk: the ids a note's HTML holds, and every link and image with its parent. */
function collect(tree: Root) {
  const ids = new Set<string>();
  const targets: { node: Element; parent: Root | Element }[] = [];
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (typeof child.properties.id === 'string') ids.add(child.properties.id);
      if (child.tagName === 'a' && typeof child.properties.name === 'string') ids.add(child.properties.name);
      if (child.tagName === 'a' || child.tagName === 'img' || MEDIA.has(child.tagName)) targets.push({ node: child, parent });
      walk(child);
    }
  };
  walk(tree);
  return { ids, targets };
}

/** An <a> without a target, as its words; an anchor a note named (`<a id>`) stays a place to link to. */
function asWords(node: Element): Element['children'] {
  const id = node.properties.id ?? node.properties.name;
  if (id === undefined) return node.children;
  return [{ type: 'element', tagName: 'span', properties: { id }, children: node.children }];
}

type Target = { node: Element; parent: Root | Element };

/** Settling one file's addresses: the vault it asks and the file it records what it found on. */
interface Settling {
  vault: VaultLookups;
  file: VFile;
}

/** A player and its sources play only the garden's own copied attachments; any other is unwrapped. */
function settleMedia({ node, parent }: Target, { vault, file }: Settling): void {
  const value = node.properties.src;
  const own = vault.urls.attachment('');
  const url = typeof value !== 'string' ? undefined : value.startsWith(own) ? value : EXTERNAL.test(value) ? undefined : vault.attachment(decodeTarget(value.split('#')[0]!.replace(/^\.\//, '')), file);
  if (url) node.properties.src = url;
  else if (value !== undefined || node.tagName === 'source') {
    parent.children.splice(parent.children.indexOf(node), 1, ...node.children);
    return;
  }
  // A player the note wrote itself gets the browser's controls too: it can never autoplay.
  if (node.tagName !== 'source') node.properties.controls = true;
}

/** A link's or image's address: kept, followed to a shared note, attachment or canvas, or made words. */
function settleAddress({ node, parent }: Target, ids: Set<string>, { vault, file }: Settling): void {
  const attribute = node.tagName === 'a' ? 'href' : 'src';
  const value = node.properties[attribute];
  if (typeof value !== 'string' || value === '') {
    // A link the site cannot follow (its scheme was not kept) is its words, not a dead <a>.
    if (node.tagName === 'a') parent.children.splice(parent.children.indexOf(node), 1, ...asWords(node));
    return;
  }
  // Sanitizing prefixed the ids a note wrote (footnotes too); its in-page links follow them.
  if (value.startsWith('#')) {
    if (ids.has(`user-content-${value.slice(1)}`)) node.properties.href = `#user-content-${value.slice(1)}`;
    return;
  }
  if (EXTERNAL.test(value)) return;
  const [rawPath = '', hash = ''] = value.split('#', 2);
  const target = decodeTarget(rawPath.replace(/^\.\//, ''));
  const canvas = node.tagName === 'a' ? vault.canvas(target, file) : undefined;
  if (canvas) {
    const text = toString(node);
    const index = addEmbed(file, { canvas, written: target, link: text });
    parent.children[parent.children.indexOf(node)] = { type: 'element', tagName: 'span', properties: markProperties('embed', index), children: [{ type: 'text', value: text }] };
    return;
  }
  // A link to a base goes to the base's page (its file is never copied, so it is no attachment).
  const base = node.tagName === 'a' && isBaseFile(target) ? vault.base(target, file) : undefined;
  if (base) {
    node.properties.href = linkToBase(file, vault.urls, base, hash ? decodeTarget(hash) : undefined);
    node.properties.className = ['internal'];
    return;
  }
  // Obsidian resolves `[x](Note)` like `[x](Note.md)`: a link without an extension may be a note.
  if (node.tagName === 'a' && (/\.md$/i.test(target) || !/\.[a-z0-9]{1,5}$/i.test(target))) {
    const note = vault.note(target.replace(/\.md$/i, ''), file);
    if (note) {
      node.properties.href = linkToNote(file, vault.urls, note, hash ? headingId(decodeTarget(hash)) : undefined);
      node.properties.className = ['internal'];
      return;
    }
  } else {
    const url = vault.attachment(target, file);
    if (url) {
      node.properties[attribute] = url;
      return;
    }
  }
  const index = parent.children.indexOf(node);
  if (node.tagName === 'img') parent.children.splice(index, 1);
  else parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['link-unresolved'] }, children: [{ type: 'text', value: toString(node) }] };
}

export default function rehypeVaultUrls(vault: VaultLookups) {
  return (tree: Root, file: VFile) => {
    const settling = { vault, file };
    const { ids, targets } = collect(tree);
    // Innermost first, so a player's <source> is settled before the player itself may be unwrapped.
    for (const target of targets.reverse()) {
      if (MEDIA.has(target.node.tagName)) settleMedia(target, settling);
      else settleAddress(target, ids, settling);
    }
  };
}
