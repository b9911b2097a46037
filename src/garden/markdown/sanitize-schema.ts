import { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { Element, Root } from 'hast';

/*
 * The allow-list every note passes through. It starts from GitHub's (hast-util-sanitize's default:
 * no script, style, iframe, object, embed or form; no event handlers; URLs limited to http, https,
 * mailto and relative ones) and adds only what the garden's own Markdown features emit: callouts,
 * highlights, unresolved links, tags, embeds, foldable details, image sizes.
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

export const gardenSchema: Schema = {
  ...base,
  tagNames: [...(base.tagNames ?? []), 'mark', 'details', 'summary', 'figure', 'figcaption'],
  attributes: {
    ...attributes,
    a: withClasses('a', 'internal', 'attachment', 'tag'),
    div: [...withClasses('div', 'callout', /^callout-[a-z0-9-]+$/, 'embed'), 'dataEmbed'],
    details: [...withClasses('details', 'callout', /^callout-[a-z0-9-]+$/), 'open'],
    summary: withClasses('summary', 'callout-title'),
    p: withClasses('p', 'callout-title'),
    span: withClasses('span', 'link-unresolved'),
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

const STRIPPED = new Set(gardenSchema.strip);
const openTag = (value: string) => /^<([a-z]+)(?=[\s/>])/i.exec(value)?.[1]?.toLowerCase();
const closeTag = (value: string) => /^<\/([a-z]+)(?=[\s/>])/i.exec(value)?.[1]?.toLowerCase();

/*
 * Runs before raw HTML is read. Each piece of HTML inside a paragraph is one tag of its own, and the
 * HTML parser puts everything after an unclosed <style>, <textarea>, <select>, <template>… into it,
 * up to the end of the paragraph (or of the note, for some): with their contents dropped, an
 * unclosed one would take the words after it along. So such a tag that is not closed within the
 * same paragraph (or link, emphasis…) is left out, and what follows it stays text; a <plaintext>
 * never closes in HTML, so it is always left out. Sanitizing comes after, whatever this leaves.
 */
export function rehypeUnclosedStrippedTags() {
  const walk = (parent: Root | Element) => {
    const kept = parent.children.filter((child, i) => {
      if (child.type === 'element') walk(child);
      if (child.type !== 'raw') return true;
      const name = openTag(child.value);
      if (!name || !STRIPPED.has(name)) return true;
      return name !== 'plaintext' && parent.children.slice(i + 1).some((next) => next.type === 'raw' && closeTag(next.value) === name);
    });
    if (kept.length !== parent.children.length) parent.children = kept as typeof parent.children;
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
