import type { ParsedFrontmatter } from '../collect/frontmatter.ts';

/*
 * The publish rule, in one place. A note is public only when its frontmatter parses as a YAML
 * mapping whose `share` key (exactly that spelling) is boolean true or the string "true" in any
 * case. Everything else is private: the rule fails closed.
 */

export type PublishDecision =
  | { shared: true }
  | { shared: false; reason: string; nearMiss?: string };

const SHARE_LINE = /^\s*["']?share["']?\s*:\s*["']?\s*true\b/im;
const TRUTHY = /^(yes|y|on|1|shared|public)$/i;
/** The keys other publishing tools read; this garden never does, but says which one was meant. */
const OTHER_TOOLS = [
  { key: 'publish', tool: 'Obsidian Publish, Quartz' },
  { key: 'dg-publish', tool: 'Obsidian Digital Garden' },
];
const isTrue = (value: unknown) => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');

export function decidePublish(frontmatter: ParsedFrontmatter): PublishDecision {
  if (!frontmatter.ok) {
    return SHARE_LINE.test(frontmatter.raw)
      ? { shared: false, reason: frontmatter.reason, nearMiss: `says share: true, but ${frontmatter.reason}; ${frontmatter.advice ?? 'fix the YAML to publish it'}` }
      : { shared: false, reason: frontmatter.reason };
  }
  const { data } = frontmatter;
  if (Object.hasOwn(data, 'share')) {
    const value = data.share;
    if (value === true) return { shared: true };
    if (typeof value === 'string' && value.trim().toLowerCase() === 'true') return { shared: true };
    const shown = JSON.stringify(value) ?? String(value);
    if ((typeof value === 'string' && TRUTHY.test(value.trim())) || value === 1) {
      return { shared: false, reason: `share is ${shown}`, nearMiss: `share is ${shown}; only true publishes a note` };
    }
    return { shared: false, reason: `share is ${shown}` };
  }
  const otherCase = Object.keys(data).find((key) => key.trim().toLowerCase() === 'share');
  if (otherCase !== undefined) {
    return {
      shared: false,
      reason: `"${otherCase}" is not "share"`,
      nearMiss: `has "${otherCase}:"; only the lowercase key share publishes a note`,
    };
  }
  const otherTool = OTHER_TOOLS.find(({ key }) => Object.hasOwn(data, key) && isTrue(data[key]));
  if (otherTool) {
    return {
      shared: false,
      reason: `${otherTool.key} is not share`,
      nearMiss: `has "${otherTool.key}: true" (${otherTool.tool}); did you mean \`share: true\`?`,
    };
  }
  if (SHARE_LINE.test(frontmatter.body.split('\n').slice(0, 40).join('\n'))) {
    return {
      shared: false,
      reason: frontmatter.present ? 'no share key in the frontmatter' : 'no frontmatter',
      nearMiss: 'has "share: true" in the body, not in the frontmatter; move it into the frontmatter to publish it',
    };
  }
  return { shared: false, reason: frontmatter.present ? 'no share key in the frontmatter' : 'no frontmatter' };
}
