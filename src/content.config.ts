import { defineCollection } from 'astro:content';
import { gardenLoader } from './integration/loader.ts';

export const collections = {
  notes: defineCollection({ loader: gardenLoader('notes') }),
  tags: defineCollection({ loader: gardenLoader('tags') }),
  moods: defineCollection({ loader: gardenLoader('moods') }),
};
