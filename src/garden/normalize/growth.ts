import { DateTime } from 'luxon';
import type { SharedVersion } from '../publish/shared-versions.ts';
import type { Growth, GrowthStep } from '../types.ts';
import type { NoteDraft } from './normalize-notes.ts';
import { readState } from './state.ts';

const instant = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
const day = (iso: string) => iso.slice(0, 10);

/**
 * How a note grew, from the versions of it the publish rule shared: the state it was first shared
 * in, each commit that changed its state, and how many commits tended it after. A state changed
 * but not yet committed is the last step, dated when the note was tended.
 */
export function growthOf(versions: SharedVersion[], draft: Pick<NoteDraft, 'state' | 'created' | 'updated'>, zone: string): Growth | undefined {
  const [first, ...later] = versions;
  if (!first) return undefined;
  const steps: GrowthStep[] = [{ state: readState(first.data).state, date: instant(first.time, zone) }];
  for (const version of later) {
    const state = readState(version.data).state;
    if (state !== steps.at(-1)!.state) steps.push({ state, date: instant(version.time, zone) });
  }
  if (draft.state !== steps.at(-1)!.state) steps.push({ state: draft.state, date: draft.updated ?? instant(Date.now(), zone) });
  // A note planted before its first shared commit (written before the vault was in git) keeps that day as its planting.
  const planted = !draft.created || day(draft.created) >= day(steps[0]!.date);
  return { steps, tended: later.length, planted };
}

/** Each draft with its growth, where the vault's history knows it. */
export function withGrowth(drafts: NoteDraft[], histories: Map<string, SharedVersion[]>, zone: string): NoteDraft[] {
  if (histories.size === 0) return drafts;
  return drafts.map((draft) => {
    const growth = growthOf(histories.get(draft.path.normalize('NFC')) ?? [], draft, zone);
    return growth ? { ...draft, growth } : draft;
  });
}
