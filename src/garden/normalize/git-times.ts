import type { FileTimes } from '../collect/git-dates.ts';
import { spanOf } from '../collect/git-dates.ts';
import type { SharedVersion } from '../publish/shared-versions.ts';

/**
 * The notes' git dates, from their shared versions only: created at the first commit that shared
 * the note (its private past has no date in the garden), updated at the last. A note with
 * uncommitted changes has no `updated` from git (it was tended after its last commit): the next
 * source in `dates`, the file system by default, says when.
 */
export function gitTimes(histories: Map<string, SharedVersion[]>, uncommitted: Set<string>): Map<string, FileTimes> {
  const times = new Map<string, FileTimes>();
  for (const [file, versions] of histories) {
    if (versions.length === 0) continue;
    const span = spanOf(versions.map((version) => version.time));
    times.set(file, uncommitted.has(file) ? { created: span.created } : span);
  }
  return times;
}
