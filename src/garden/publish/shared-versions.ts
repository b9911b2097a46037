import type { NoteVersion } from '../collect/git-history.ts';
import type { Frontmatter } from '../collect/frontmatter.ts';
import { decidePublish } from './publish-rule.ts';

/** A committed version of a note that the publish rule shared when it was committed. */
export interface SharedVersion {
  time: number;
  data: Frontmatter;
}

/**
 * The publish rule over a note's history: only the versions it shared are kept, so nothing of a
 * time when the note was private (before it was first shared, or between two shared periods)
 * reaches a later stage, not even its growth state.
 */
export function sharedVersions(versions: NoteVersion[]): SharedVersion[] {
  return versions.flatMap(({ time, frontmatter }) => (frontmatter.ok && decidePublish(frontmatter).shared ? [{ time, data: frontmatter.data }] : []));
}

/** Every note's shared versions, by vault path. */
export function decideHistories(histories: Map<string, NoteVersion[]>): Map<string, SharedVersion[]> {
  return new Map([...histories].map(([file, versions]) => [file, sharedVersions(versions)]));
}
