import type { Frontmatter } from '../collect/frontmatter.ts';
import type { SourceNote } from '../collect/read-note.ts';
import type { Problems } from '../problems.ts';
import type { PrivateNote } from '../types.ts';
import { decidePublish } from './publish-rule.ts';

/** A note the publish rule let through, with its frontmatter known to be a mapping. */
export interface SharedSource extends SourceNote {
  data: Frontmatter;
}

/** Stage 2: the publish rule decided for every note before anything else is derived from it. */
export interface Decided {
  shared: SharedSource[];
  private: PrivateNote[];
}

export function decide(sources: SourceNote[], problems: Problems): Decided {
  const shared: SharedSource[] = [];
  const hidden: PrivateNote[] = [];
  for (const source of sources) {
    const { frontmatter, path } = source;
    const decision = decidePublish(frontmatter);
    if (decision.shared && frontmatter.ok) {
      shared.push({ ...source, data: frontmatter.data });
      continue;
    }
    const reason = decision.shared ? 'private' : decision.reason;
    // Broken YAML in a note meant to be shared loses a publication: an error. Other near-misses warn.
    if (!decision.shared && decision.nearMiss) problems.add(path, frontmatter.ok ? 'warning' : 'error', `not published: ${decision.nearMiss}`);
    else if (!frontmatter.ok && !frontmatter.reported) problems.warn(path, frontmatter.skipped ? `${frontmatter.reason}; skipped` : `private: ${frontmatter.reason}`);
    hidden.push({ path, reason });
  }
  return { shared, private: hidden };
}
