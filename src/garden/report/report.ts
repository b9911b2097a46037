import type { Garden } from '../types.ts';
import type { GardenConfig } from '../config/config.ts';

/** The one-screen summary the build and `npm run check` print. */
export function summary(garden: Garden): string {
  const { found, published, private: hidden, attachments } = garden.stats;
  const errors = garden.problems.filter((p) => p.severity === 'error').length;
  const warnings = garden.problems.length - errors;
  return `${found} notes found: ${published} published, ${hidden} private; ${attachments} attachments; ${errors} errors, ${warnings} warnings`;
}

export function timing(garden: Garden): string {
  const { read, render, total } = garden.seconds;
  return `garden read in ${total.toFixed(1)} s (files and frontmatter ${read.toFixed(1)} s, rendering ${render.toFixed(1)} s)`;
}

export function problemLines(garden: Garden): string[] {
  return garden.problems.map((p) => `${p.severity === 'error' ? 'error  ' : 'warning'} ${p.file}: ${p.message}`);
}

/** Whether this garden may be built: errors never stop a build, but under strict any problem does. */
export function strictFailure(garden: Garden, strict: boolean): string | undefined {
  if (!strict || garden.problems.length === 0) return undefined;
  return `GARDEN_STRICT is on and the vault has ${garden.problems.length} problem(s); fix them or unset GARDEN_STRICT`;
}

/**
 * Whether this garden can be deployed at all: a vault folder that cannot be read, and (unless the
 * gardener allows it with `allowEmpty`) a vault with no note or no shared note, would publish an
 * empty site. One line naming the folder and the setting that named it.
 */
export function emptyGardenFailure(garden: Garden, config: Pick<GardenConfig, 'allowEmpty' | 'contentDirFrom'>): string | undefined {
  const setting = config.contentDirFrom === 'GARDEN_CONTENT_DIR' ? 'set by GARDEN_CONTENT_DIR' : 'contentDir in garden.config.ts';
  const folder = `the vault folder ${garden.vault.folder} (${setting})`;
  if (garden.vault.unreadable) return `${folder} ${garden.vault.unreadable}: point ${config.contentDirFrom ?? 'contentDir'} at the folder of your Obsidian vault`;
  if (config.allowEmpty || garden.notes.length > 0) return undefined;
  const allow = 'or set allowEmpty: true in garden.config.ts to publish an empty garden';
  if (garden.stats.found === 0) return `${folder} holds no notes (.md files), so the site would be empty: point ${config.contentDirFrom ?? 'contentDir'} at your vault, ${allow}`;
  return `none of the ${garden.stats.found} notes in ${folder} is shared, so the site would be empty: a note is published when its frontmatter says share: true; ${allow}`;
}
