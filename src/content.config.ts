import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { gardenLoader, type StoredEntry } from './integration/loader.ts';

/*
 * Astro's content layer holds which notes, bases' pages, tags and moods the garden has (integration/loader.ts):
 * the routes of their pages. What the pages show comes from the core's garden (site/garden.ts).
 */
const stored = (kind: 'notes' | 'bases' | 'tags' | 'moods') => defineCollection({ loader: gardenLoader(kind), schema: z.custom<StoredEntry>() });

export const collections = {
  notes: stored('notes'),
  bases: stored('bases'),
  tags: stored('tags'),
  moods: stored('moods'),
};
