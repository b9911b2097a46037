import type { NoteSlug } from '../../src/garden/types.ts';

/** A slug written in a test, as normalize/ would have made it. */
export const slug = (text: string): NoteSlug => text as NoteSlug;
