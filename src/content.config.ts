import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { gardenLoader, type StoredGarden } from './integration/loader.ts';

/*
 * The garden as Astro's content layer holds it, typed by the core's own types (integration/loader.ts):
 * the core decided privacy and rendered every note before any of it gets here, so the store checks
 * nothing again; it holds what lists and a note's header show, not its HTML nor its links.
 */
const stored = <Kind extends keyof StoredGarden>(kind: Kind) => defineCollection({ loader: gardenLoader(kind), schema: z.custom<StoredGarden[Kind]>() });

export const collections = {
  notes: stored('notes'),
  tags: stored('tags'),
  moods: stored('moods'),
  states: stored('states'),
};
