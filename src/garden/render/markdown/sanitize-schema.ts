import { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { Element, Root } from 'hast';

/*
 * The allow-list every note passes through. It starts from GitHub's (hast-util-sanitize's default:
 * no script, style, iframe, object, embed or form; no event handlers; URLs limited to http, https,
 * mailto and relative ones) and adds only what the garden's own Markdown features emit: callouts,
 * highlights, unresolved links, tags, inline fields, the garden's marks, foldable details, image
 * sizes, and the link schemes a browser can follow.
 * It never allows `style`, `on*` or any element that runs or frames content.
 */
const base = defaultSchema;
const attributes = base.attributes ?? {};

type AttributeDefinition = NonNullable<Schema['attributes']>[string][number];

/** Adds allowed class names to an element's list, merged with any the default already allows. */
function withClasses(tag: string, ...classes: (string | RegExp)[]): AttributeDefinition[] {
  const existing = attributes[tag] ?? [];
  const isClass = (d: AttributeDefinition) => Array.isArray(d) && d[0] === 'className';
  const inherited = existing.filter(isClass).flatMap((d) => (d as unknown[]).slice(1) as (string | RegExp)[]);
  return [...existing.filter((d) => !isClass(d)), ['className', ...inherited, ...classes]];
}

/*
 * The schemes a link may keep: the web's, and those a browser hands to an app on the visitor's
 * machine (the HTML standard's safelist for registerProtocolHandler: `tel:`, `sms:`, `ftp:`,
 * `geo:`, `magnet:`…). Any other (`javascript:`, `data:`, `file:`, `obsidian:`, a gardener's own
 * app) loses its `href`, and the link is then its words (vault-urls.ts). Schemes are matched in
 * any case (rehypeLowercaseSchemes), as browsers read them.
 */
const LINK_SCHEMES = [
  'http', 'https', 'mailto', 'tel', 'sms', 'smsto', 'ftp', 'ftps', 'sftp', 'ssh', 'irc', 'ircs', 'xmpp', 'matrix', 'im', 'sip',
  'geo', 'magnet', 'bitcoin', 'webcal', 'news', 'nntp', 'mms', 'openpgp4fpr', 'urn', 'wtai',
];

export const gardenSchema: Schema = {
  ...base,
  protocols: { ...base.protocols, href: LINK_SCHEMES },
  tagNames: [...(base.tagNames ?? []), 'mark', 'details', 'summary', 'figure', 'figcaption'],
  attributes: {
    ...attributes,
    a: withClasses('a', 'internal', 'attachment', 'tag'),
    // The garden's marks (an embed's place, a block's id) are resolved after sanitizing, and one a
    // note writes itself is dropped then (marks.ts).
    '*': [...(attributes['*'] ?? []), 'dataGardenMark'],
    div: withClasses('div', 'callout', /^callout-[a-z0-9-]+$/),
    details: [...withClasses('details', 'callout', /^callout-[a-z0-9-]+$/), 'open'],
    summary: withClasses('summary', 'callout-title'),
    p: withClasses('p', 'callout-title'),
    // Dataview's inline fields (inline-fields.ts).
    span: withClasses('span', 'link-unresolved', 'dataview', 'inline-field', 'inline-field-key', 'inline-field-value', 'inline-field-standalone-value'),
    img: [...(attributes.img ?? []), 'loading', 'width', 'height'],
  },
  // Heading ids are given after sanitizing, by us; ids and names written in a note stay prefixed.
  clobberPrefix: 'user-content-',
  /*
   * Elements dropped with everything in them, where the default keeps their text: the contents of
   * these are code, data or hidden text (a <style>'s rules, a <textarea>'s or <select>'s values,
   * a <noscript>'s fallback, a <title>), never words of the note, so they are not shown as such.
   */
  strip: [
    'script', 'style', 'template', 'noscript', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext',
    'title', 'select', 'option', 'optgroup', 'datalist', 'head', 'frameset',
  ],
};

/*
 * Obsidian syntax (math, diagrams, media). Math and Mermaid need nothing here: they pass the
 * sanitizer as plain `<code class="language-math|language-mermaid">` text and are typeset or
 * marked up by the garden after sanitizing (math.ts, diagrams.ts). Media embeds (`![[clip.mp4]]`,
 * `![[talk.mp3]]`) are players with the browser's controls: `src`, `controls` and `preload` only,
 * no autoplay, loop, muted or poster; a player whose source is not one of the garden's copied
 * attachments is removed after sanitizing (vault-urls.ts).
 */
gardenSchema.tagNames = [...gardenSchema.tagNames!, 'video', 'audio', 'source'];
gardenSchema.attributes = {
  ...gardenSchema.attributes,
  video: ['src', 'controls', 'preload', 'width', 'height'],
  audio: ['src', 'controls', 'preload'],
  source: ['src', 'type'],
};

const STRIPPED = new Set(gardenSchema.strip);
const openTag = (value: string) => /^<([a-z]+)(?=[\s/>])/i.exec(value)?.[1]?.toLowerCase();
const closeTag = (value: string) => /^<\/([a-z]+)(?=[\s/>])/i.exec(value)?.[1]?.toLowerCase();

/** Closing tags for every element that is stripped and can be left open; plaintext cannot be closed. */
const CLOSERS = [...STRIPPED].filter((name) => !['plaintext', 'head', 'frameset'].includes(name)).map((name) => `</${name}>`).join('');

/*
 * The parser puts what follows an unclosed <style>, <textarea>, <select>, <option>, <template>… into
 * it, and these are stripped with their contents: a tag left open by a note (pasted HTML, a note
 * about HTML, or a payload built to confuse parsers) would take the words after it, or the rest of
 * the note, along. Before raw HTML is read (each piece of HTML inside a paragraph is one tag of its
 * own), within each paragraph, link, emphasis…:
 * - an opening tag of these that no closing tag matches is left out, so what follows stays text
 *   (<plaintext> never closes in HTML, so it is always left out);
 * - where HTML hands over to Markdown outside a pair the note opened and closed there, closing tags
 *   for all of them follow, for one a tag's text may have opened (an HTML parser reads
 *   `<style><p title="</style><iframe>">` as a <style>, then an <iframe>); where none is open, the
 *   parser ignores them.
 */
export function rehypeUnclosedStrippedTags() {
  const walk = (parent: Root | Element) => {
    const children = parent.children;
    const unmatched = new Map<string, number[]>();
    const closerOf = new Map<number, number>();
    const drop = new Set<number>();
    children.forEach((child, i) => {
      if (child.type === 'element') walk(child);
      if (child.type !== 'raw') return;
      const opened = openTag(child.value);
      const closed = closeTag(child.value);
      if (opened === 'plaintext') drop.add(i);
      else if (opened && STRIPPED.has(opened)) unmatched.set(opened, [...(unmatched.get(opened) ?? []), i]);
      else if (closed && STRIPPED.has(closed)) {
        const opener = unmatched.get(closed)?.pop();
        if (opener !== undefined) closerOf.set(opener, i);
      }
    });
    for (const indices of unmatched.values()) for (const i of indices) drop.add(i);
    if (!children.some((child) => child.type === 'raw')) return;
    const kept: (typeof children)[number][] = [];
    let pairEnd = -1;
    children.forEach((child, i) => {
      if (drop.has(i)) return;
      kept.push(child as (typeof kept)[number]);
      pairEnd = Math.max(pairEnd, closerOf.get(i) ?? -1);
      if (child.type !== 'raw' || i < pairEnd) return;
      const next = children.find((_, j) => j > i && !drop.has(j));
      if (next?.type !== 'raw') kept.push({ type: 'raw', value: CLOSERS });
    });
    parent.children = kept as typeof parent.children;
  };
  return (tree: Root) => walk(tree);
}

function isTaskListItem(node: Element | Root | undefined): boolean {
  if (node?.type !== 'element' || node.tagName !== 'li') return false;
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes('task-list-item');
}

const firstElement = (parent: Element): Element | undefined => parent.children.find((c): c is Element => c.type === 'element');

/*
 * The one form control a note may show is the checkbox of a GFM task list item (`- [x] done`), which
 * remark-gfm writes as the very first child of an `li.task-list-item` (of its first `<p>` when the
 * list is loose), and which the schema above forces to `type=checkbox disabled`. Any other <input>
 * came from the note's own HTML (a pasted form, say) and is dropped, after sanitizing. Raw HTML can
 * still copy the GFM shape exactly (`<li class="task-list-item"><input type=checkbox>`): that yields
 * the same disabled checkbox, which can be neither focused, changed nor submitted: harmless.
 */
export function rehypeTaskListCheckboxesOnly() {
  const isGfmCheckbox = (input: Element, parent: Element | Root, grandparent: Element | Root | undefined) =>
    parent.children[0] === input &&
    (isTaskListItem(parent) ||
      (parent.type === 'element' && parent.tagName === 'p' && grandparent?.type === 'element' && isTaskListItem(grandparent) && firstElement(grandparent) === parent));
  const walk = (parent: Element | Root, grandparent?: Element | Root) => {
    const kept = parent.children.filter((child) => {
      if (child.type !== 'element') return true;
      if (child.tagName === 'input') return isGfmCheckbox(child, parent, grandparent);
      walk(child, parent);
      return true;
    });
    if (kept.length !== parent.children.length) parent.children = kept as typeof parent.children;
  };
  return (tree: Root) => walk(tree);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Each link's scheme in lower case (`MAILTO:`, `Tel:`), so the sanitizer's check, which is case-sensitive, reads it as a browser does. */
export function rehypeLowercaseSchemes() {
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const href = child.properties.href;
      if (child.tagName === 'a' && typeof href === 'string' && SCHEME.test(href)) {
        child.properties.href = href.replace(SCHEME, (scheme) => scheme.toLowerCase());
      }
      walk(child);
    }
  };
  return (tree: Root) => walk(tree);
}
