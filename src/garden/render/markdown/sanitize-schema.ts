import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/*
 * The allow-list every note passes through. It starts from GitHub's (hast-util-sanitize's default:
 * no script, style, iframe, object, embed or form; no event handlers; URLs limited to http, https,
 * mailto and relative ones) and adds only what the garden's own Markdown features emit: callouts,
 * highlights, unresolved links, tags, the garden's marks, foldable details, image sizes.
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
    // The garden's marks (an embed's place, a block's id) are resolved after sanitizing, and one a
    // note writes itself is dropped then (marks.ts).
    '*': [...(attributes['*'] ?? []), 'dataGardenMark'],
    div: withClasses('div', 'callout', /^callout-[a-z0-9-]+$/),
    details: [...withClasses('details', 'callout', /^callout-[a-z0-9-]+$/), 'open'],
    summary: withClasses('summary', 'callout-title'),
    p: withClasses('p', 'callout-title'),
    span: withClasses('span', 'link-unresolved'),
    img: [...(attributes.img ?? []), 'loading', 'width', 'height'],
  },
  // Heading ids are given after sanitizing, by us; ids and names written in a note stay prefixed.
  clobberPrefix: 'user-content-',
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
