import { GROWTH_STATES } from '../garden/public.ts';
import type { GrowthState } from '../garden/types.ts';
import { words } from './config.ts';

/** The growth states in the garden's language: a word, a one-line explanation for tooltips, a longer one for the state's page. */
export const STATES = GROWTH_STATES.map((id) => ({ id, ...words.states[id] }));

export const stateInfo = (id: GrowthState) => STATES.find((s) => s.id === id)!;
