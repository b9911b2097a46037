import { field, type Frontmatter } from '../collect/frontmatter.ts';

/*
 * The frontmatter fields a shared note may publish, with the spellings each is read under (any
 * case). Nothing else of a note's frontmatter reaches the site: not `share`, not `cssclasses`,
 * not a plugin's keys. The normalization rules read frontmatter only through `publishedField`, so
 * a field missing here cannot be published by mistake.
 */
export const PUBLISHED_FIELDS = {
  title: ['title'],
  // `permalink` is Obsidian Publish's name for it.
  slug: ['slug', 'permalink'],
  state: ['state', 'stage', 'growth', 'growthStage'],
  mood: ['mood'],
  tags: ['tags', 'tag'],
  created: ['created'],
  updated: ['updated'],
  date: ['date'],
  description: ['description'],
  aliases: ['aliases', 'alias'],
  up: ['up'],
  lang: ['lang'],
  image: ['image', 'cover', 'banner'],
} as const satisfies Record<string, readonly string[]>;

export type PublishedField = keyof typeof PUBLISHED_FIELDS;

export function publishedField(data: Frontmatter, name: PublishedField): unknown {
  return field(data, ...PUBLISHED_FIELDS[name]);
}
