import type { GrowthState } from '../garden/types.ts';

/** The growth states: a word, a one-line explanation for tooltips, and a longer one for the state's page. */
export const STATES: { id: GrowthState; label: string; explain: string; about: string }[] = [
  {
    id: 'seed',
    label: 'Seed',
    explain: 'A rough idea, just planted: incomplete and likely to change.',
    about: 'A seed is an idea just put in the ground: a question, a quotation, a first rough thought. It may be thin, half-argued or wrong, and it is here so that it can grow.',
  },
  {
    id: 'bud',
    label: 'Bud',
    explain: 'Growing: worked on and taking shape, but not finished.',
    about: 'A bud is a note being worked on. It has a shape and some links to other notes, but the thinking in it is still moving: expect it to change between visits.',
  },
  {
    id: 'evergreen',
    label: 'Evergreen',
    explain: 'Mature and tended: as finished as a note in a garden gets.',
    about: 'An evergreen has been reworked, linked and returned to until it stands on its own. It is still tended, not frozen, but it is the part of the garden most worth reading first.',
  },
];

export const stateInfo = (id: GrowthState) => STATES.find((s) => s.id === id)!;
