import type { Root, Parent, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import type { Processor } from 'unified';
import type { Extension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { addEmbed, linkToBase, linkToNote, noteLinksOf, notice } from './findings.ts';
import { noteOf, type LinkTarget, type VaultLookups } from './vault-lookups.ts';
import { wikiLinkFromMarkdown, wikiLinkSyntax, type WikiLink } from './wikilink-syntax.ts';
import { defaultLinkText, parseWikilink, type WikilinkTarget } from '../../normalize/wikilink-text.ts';
import { markProperties, blockElementId } from './marks.ts';
import { headingId } from '../heading-ids.ts';
import { isBaseFile, isImageFile } from '../../collect/walk-vault.ts';
import { liftEmbeds, embedSlot } from './lift-embeds.ts';

const INSIDE_LINKS = new Set(['link', 'linkReference']);

/*
 * Obsidian wikilinks and embeds: [[Note]], [[Note|text]], [[Note#Heading]], [[#Heading]],
 * ![[image.png]], ![[image.png|300]], ![[Note]], ![[Board.canvas]], [[Board.canvas]], read by the
 * parser (wikilink-syntax.ts). Every target goes through the garden's privacy-aware resolver: a
 * private or missing note becomes plain text, and an embed of one becomes nothing.
 */
const VIDEO = /\.(mp4|webm|ogv|mov|mkv)$/i;
const AUDIO = /\.(mp3|ogg|oga|wav|m4a|flac|aac|opus|3gp)$/i;

/** `![[clip.mp4]]` or `![[talk.mp3]]`: a player with the browser's controls, never autoplay; the file's link inside for browsers without one. */
function player(tag: 'video' | 'audio', url: string, name: string): PhrasingContent {
  return {
    type: 'emphasis',
    data: { hName: tag, hProperties: { src: url, controls: true, preload: 'metadata' } },
    children: [linkNode(url, name, 'attachment')],
  };
}

function unresolvedNode(text: string): PhrasingContent {
  return {
    type: 'emphasis',
    data: { hName: 'span', hProperties: { className: ['link-unresolved'] } },
    children: [{ type: 'text', value: text }],
  };
}

function linkNode(url: string, text: string, className: string): PhrasingContent {
  return { type: 'link', url, data: { hProperties: { className: [className] } }, children: [{ type: 'text', value: text }] };
}

/** The element id a heading or block part of a link points at. */
const fragmentOf = (target: { heading?: string; block?: string }) =>
  target.block ? blockElementId(target.block) : target.heading ? headingId(target.heading) : undefined;

/**
 * A canvas's place: its board (`![[Board.canvas]]`), or a link to the board (`[[Board]]`) holding its
 * words until the assemble stage knows which page shows the board. Either is a slot.
 */
function canvasSlot(file: VFile, canvas: string, written: string, link?: string): PhrasingContent {
  const index = addEmbed(file, { canvas, written, ...(link === undefined ? {} : { link }) });
  return link === undefined
    ? embedSlot(index)
    : { type: 'emphasis', data: { hName: 'span', hProperties: markProperties('embed', index) }, children: [{ type: 'text', value: link }] };
}

/** An embed of a shared note, or of one of its sections or blocks: a slot the assemble stage fills. */
function noteEmbed(target: WikilinkTarget, note: LinkTarget, file: VFile): PhrasingContent[] {
  const part = target.block ? { block: blockElementId(target.block) } : target.heading ? { section: headingId(target.heading) } : {};
  return [embedSlot(addEmbed(file, { note: note.slug, written: target.written, ...part }))];
}

/** Resolving one file's wikilinks: the vault it asks and the file it records what it found on. */
interface Resolving {
  vault: VaultLookups;
  file: VFile;
}

function embed(inner: string, { vault, file }: Resolving): PhrasingContent[] {
  const target = parseWikilink(inner);
  const { page, display } = target;
  const self = noteOf(file);
  // `![[#Heading]]`, `![[#^id]]`: a section or block of this very note.
  if (!page) return target.heading || target.block ? noteEmbed(target, self, file) : [];
  const canvas = vault.canvas(page, file);
  if (canvas) return [canvasSlot(file, canvas, target.written)];
  const base = vault.base(page, file);
  if (base) return [embedSlot(addEmbed(file, { view: 'base-file', source: base.path, ...(target.heading ? { name: target.heading } : {}), line: 0, written: target.written }))];
  const attachment = vault.attachment(page, file);
  if (attachment) {
    if (isImageFile(page)) {
      const size = display && /^(\d+)(?:x(\d+))?$/.exec(display);
      const hProperties: Record<string, string> = { loading: 'lazy' };
      if (size) {
        hProperties.width = size[1]!;
        if (size[2]) hProperties.height = size[2];
      }
      const alt = display && !size ? display : page.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
      return [{ type: 'image', url: attachment, alt, data: { hProperties } }];
    }
    const name = page.replace(/^.*\//, '');
    if (VIDEO.test(page)) return [player('video', attachment, display || name)];
    if (AUDIO.test(page)) return [player('audio', attachment, display || name)];
    // A PDF or any other file: a link to the copied file (frames and objects stay forbidden).
    return [linkNode(attachment, display || name, 'attachment')];
  }
  const note = vault.note(page, file);
  if (note && (note.slug !== self.slug || target.heading || target.block)) return noteEmbed(target, note, file);
  // A private note's embed is nothing, like a missing one's; the gardener is told which.
  if (!note && page && vault.isPrivate(page, file)) {
    notice(file, `embeds "${target.written}", a private note; nothing of it is shown`);
    file.data.namesPrivateNotes = true;
  }
  return [];
}

function link(inner: string, { vault, file }: Resolving): PhrasingContent {
  const target = parseWikilink(inner);
  const { page, display, written } = target;
  const fragment = fragmentOf(target);
  if (!page) {
    if (!fragment) return { type: 'text', value: `[[${inner}]]` };
    // A heading or block of this very note: checked like any other (assemble reports one it lacks).
    noteLinksOf(file).fragments.push({ note: noteOf(file).slug, fragment, written });
    return linkNode(`#${fragment}`, display || defaultLinkText(target), 'internal');
  }
  const canvas = vault.canvas(page, file);
  if (canvas) return canvasSlot(file, canvas, written, display || page);
  const note = vault.note(page, file);
  const text = display || defaultLinkText(target);
  if (note) return linkNode(linkToNote(file, vault.urls, note, fragment, written), text, 'internal');
  const attachment = vault.attachment(page, file);
  if (attachment) return linkNode(attachment, text, 'attachment');
  // Only `[[Books.base]]`: a link without the extension names a note, as Obsidian resolves it.
  const base = isBaseFile(page) ? vault.base(page, file) : undefined;
  if (base) return linkNode(linkToBase(file, vault.urls, base, target.heading), text, 'internal');
  return unresolvedNode(display || page);
}

/** What a wikilink becomes: inside a link's words, the words as written; elsewhere a link or an embed. */
function resolveWikiLink(node: WikiLink, insideLink: boolean, resolving: Resolving): PhrasingContent[] {
  if (insideLink) return [{ type: 'text', value: `${node.embed ? '!' : ''}[[${node.value}]]` }];
  return node.embed ? embed(node.value, resolving) : [link(node.value, resolving)];
}

function resolveWikiLinks(parent: Parent, insideLink: boolean, resolving: Resolving): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'wikiLink') {
      const nodes = resolveWikiLink(child, insideLink, resolving);
      children.splice(i, 1, ...nodes);
      i += nodes.length - 1;
    } else if ('children' in child) {
      resolveWikiLinks(child, insideLink || INSIDE_LINKS.has(child.type), resolving);
    }
  }
}

export default function remarkWikilinks(this: Processor, vault: VaultLookups) {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[] };
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax);
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown);
  return (tree: Root, file: VFile) => {
    // Walking the tree costs more than searching the text: skip notes without the syntax.
    if (!String(file.value).includes('[[')) return;
    resolveWikiLinks(tree, false, { vault, file });
    liftEmbeds(tree);
  };
}

declare module 'vfile' {
  interface DataMap {
    /** Set when a notice names a private note: the result must not outlive the build. */
    namesPrivateNotes: boolean;
  }
}
