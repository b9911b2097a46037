import type { Garden } from '../types.ts';

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
