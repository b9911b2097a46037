import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { gardenLoader } from './integration/loader.ts';

/*
 * The garden as Astro's content layer holds it, typed by these schemas. The core decided privacy
 * and rendered every note before any of it gets here; the store holds what lists and a note's header
 * show of it, not its HTML nor its links (see integration/loader.ts).
 */
const ref = z.object({ slug: z.string(), title: z.string() });
const state = z.enum(['seed', 'bud', 'evergreen']);

const note = z.object({
  slug: z.string(),
  path: z.string(),
  /** The note's place in the garden's one order, newest tended first. */
  rank: z.number().int(),
  title: z.string(),
  titleId: z.string().optional(),
  state,
  mood: z.object({ name: z.string(), slug: z.string() }).optional(),
  tags: z.array(z.string()),
  created: z.string().optional(),
  updated: z.string().optional(),
  description: z.string().optional(),
  aliases: z.array(z.string()),
  up: z.array(ref),
  headings: z.array(z.object({ depth: z.number().int(), slug: z.string(), text: z.string() })),
  excerpt: z.string(),
  searchTerms: z.string().optional(),
  hasMath: z.literal(true).optional(),
  hasDiagram: z.literal(true).optional(),
});

const tag = z.object({
  key: z.string(),
  label: z.string(),
  path: z.string(),
  urlPath: z.string(),
  parent: z.string().optional(),
  children: z.array(z.string()),
  notes: z.array(z.string()),
});

const mood = z.object({ name: z.string(), slug: z.string(), notes: z.array(z.string()) });

const growth = z.object({ state, notes: z.array(z.string()) });

export const collections = {
  notes: defineCollection({ loader: gardenLoader('notes'), schema: note }),
  tags: defineCollection({ loader: gardenLoader('tags'), schema: tag }),
  moods: defineCollection({ loader: gardenLoader('moods'), schema: mood }),
  states: defineCollection({ loader: gardenLoader('states'), schema: growth }),
};
