import { z } from 'zod';
import { IANAZone } from 'luxon';
import { colord, extend } from 'colord';
import a11y from 'colord/plugins/a11y';
import mix from 'colord/plugins/mix';
import names from 'colord/plugins/names';
import type { DateSource } from '../types.ts';
import { redirectPath } from './redirect-path.ts';
import { CATALOGUES, catalogueKey } from '../locale/locale.ts';

extend([a11y, mix, names]);

/*
 * Every setting a gardener can write in garden.config.ts, defined once (as Starlight's user config
 * is): its type, its default, its check with the message a mistake gets, and the words the README's
 * settings table says of it (a test checks the table against this schema). Settings that depend on
 * each other (the base path from the site URL, the colours' contrast) are settled in config.ts.
 */

/** `got X` for a message: the value as written. */
const got = (value: unknown) => JSON.stringify(value) ?? String(value);
/** A check's message, with the value it refused. */
const refusing = (message: (input: unknown) => string) => ({ error: (issue: { input?: unknown }) => message(issue.input) });

const text = (key: string) => z.string(refusing((v) => `${key} must be text, got ${got(v)}`));
const onOff = (key: string) => z.boolean(refusing((v) => `${key} must be true or false, got ${got(v)}`));

export type ColorRole = 'paper' | 'ink' | 'accent';
/** One colour for each theme. */
export type ThemeColor = { light: string; dark: string };
export const COLOR_ROLES: ColorRole[] = ['paper', 'ink', 'accent'];

export const DEFAULT_COLORS: Record<ColorRole, ThemeColor> = {
  paper: { light: '#f7f5ee', dark: '#131a15' },
  ink: { light: '#1d2920', dark: '#e4e9e0' },
  accent: { light: '#2b6a3c', dark: '#8fd09b' },
};

/** One theme's colour of a role, parsed and written back as hex, so only a colour can reach the style sheet. */
const themeColor = (role: ColorRole, theme: keyof ThemeColor) => {
  const refused = refusing((v) => `colors.${role}.${theme} must be a CSS colour (hex, rgb(), hsl() or a name), got ${got(v)}`);
  return z
    .string(refused)
    .refine((value) => colord(value).isValid(), refused)
    .transform((value) => colord(value).toHex())
    .default(DEFAULT_COLORS[role][theme]);
};

const roleColors = (role: ColorRole) =>
  z
    .object({ light: themeColor(role, 'light'), dark: themeColor(role, 'dark') }, refusing(() => `colors.${role} must be an object such as { light: "#2b6a3c", dark: "#8fd09b" }`))
    .default({ ...DEFAULT_COLORS[role] });

const colors = z
  .strictObject(
    { paper: roleColors('paper'), ink: roleColors('ink'), accent: roleColors('accent') },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `colors.${issue.keys[0]} is not a colour the garden uses; it has ${COLOR_ROLES.join(', ')}`
          : 'colors must be an object such as { accent: { light: "#2b6a3c" } }',
    },
  )
  .default({ paper: { ...DEFAULT_COLORS.paper }, ink: { ...DEFAULT_COLORS.ink }, accent: { ...DEFAULT_COLORS.accent } });

export const DATE_SOURCES: readonly DateSource[] = ['frontmatter', 'git', 'filesystem'];

/** What is wrong with a `dates` setting, if anything: only known sources, each once, at least one. */
function dateOrderProblem(value: unknown): string | undefined {
  const example = `e.g. ['frontmatter', 'git', 'filesystem']`;
  if (!Array.isArray(value) || value.length === 0) return `dates must list where dates come from, the first that knows a date wins, ${example}; got ${got(value)}`;
  const seen = new Set<unknown>();
  for (const source of value) {
    if (!DATE_SOURCES.includes(source as DateSource)) return `dates: ${got(source)} is not a source of dates; use ${DATE_SOURCES.map((s) => `'${s}'`).join(', ')}`;
    if (seen.has(source)) return `dates names '${String(source)}' twice; list each source once`;
    seen.add(source);
  }
  return undefined;
}

const dates = z
  .unknown()
  .default(['frontmatter', 'git', 'filesystem'])
  .superRefine((value, context) => {
    const problem = dateOrderProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => [...(value as DateSource[])]);

/** The `redirects` setting: old addresses (written as addresses, decoded) to notes named as in a wikilink. */
const redirects = z
  .record(z.string(), z.unknown(), refusing((v) => `redirects must be an object of old paths to notes, such as { '/old/path/': 'Note name' }, got ${got(v)}`))
  .default({})
  .transform((given, context) => {
    const found: Record<string, string> = {};
    for (const [from, to] of Object.entries(given)) {
      const setting = `redirects[${JSON.stringify(from)}]`;
      const path = redirectPath(from);
      const problem =
        typeof to !== 'string' || !to.trim()
          ? `${setting} must name a note (its name or vault path, as in a wikilink), got ${got(to)}`
          : typeof path !== 'string'
            ? `${setting}: ${path.problem}`
            : path in found
              ? `${setting}: the same address as another redirect (${path})`
              : undefined;
      if (problem) {
        context.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      found[path as string] = (to as string).trim();
    }
    return found;
  });

const siteUrl = z
  .string(refusing((v) => `siteUrl (or GARDEN_SITE_URL) must be an absolute URL, got ${got(v)}`))
  .refine((value) => URL.canParse(value), { ...refusing((v) => `siteUrl (or GARDEN_SITE_URL) must be an absolute URL, got "${String(v)}"`), abort: true })
  .refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), refusing((v) => `siteUrl must use http or https, got "${String(v)}"`))
  .transform((value) => new URL(value).href.replace(/\/$/, ''));

/** One message for each way a number setting can be wrong: its type, its being whole, its bound. */
const feedLimitRefused = refusing((v) => `feedLimit must be a whole number of at least 1, got ${String(v)}`);
const renderTimeoutRefused = refusing((v) => `renderTimeout must be a number of seconds greater than 0 (such as 10), got ${got(v)}`);

const localeRefused = refusing(
  (v) => `locale must be a BCP 47 language tag of a language the garden speaks (${Object.keys(CATALOGUES).join(', ')}, with any region, such as "de-AT" or "pt-BR"), got ${got(v)}`,
);
const locale = z
  .string(localeRefused)
  .refine((tag) => catalogueKey(tag) !== undefined, localeRefused)
  .transform((tag) => Intl.getCanonicalLocales(tag)[0]!);

/** The settings, each described as the README's table describes it. */
export const settingsSchema = z.strictObject({
  contentDir: text('contentDir').default('content').describe('vault folder'),
  siteUrl: siteUrl.default('http://localhost:4321').describe("site URL (feed, sitemap, canonical links); its path is the base path the site is served under"),
  base: z.string(refusing((v) => `base must be a path such as "/garden/", got ${got(v)}`)).default('').describe("base path, when it is not the site URL's path"),
  strict: onOff('strict').default(false).describe('fail the build on any problem in the vault'),
  title: text('title')
    .refine((value) => value.trim() !== '', { error: 'title must not be empty: it names the site in every page and the feed' })
    .default('A digital garden')
    .describe('title, description, author'),
  description: text('description').default('Notes growing in public.').describe('title, description, author'),
  author: text('author').default('').describe('title, description, author'),
  locale: locale.default('en-GB').describe("the site's language: its words, dates, text direction"),
  timeZone: z
    .string(refusing((v) => `timeZone must be an IANA time zone such as "Europe/Paris", got ${got(v)}`))
    .refine((zone) => IANAZone.isValidZone(zone), refusing((v) => `timeZone must be an IANA time zone such as "Europe/Paris", got "${String(v)}"`))
    .default('UTC')
    .describe('time zone for dates written without one'),
  dates: dates.describe('where a note\'s dates come from, first that knows wins'),
  growthHistory: onOff('growthHistory').default(true).describe("show how notes grew, from the vault's git history"),
  sinceLastVisit: onOff('sinceLastVisit').default(true).describe("mark what was planted or tended since a visitor's last visit, in their browser only"),
  feedLimit: z
    .number(feedLimitRefused)
    .int(feedLimitRefused)
    .min(1, feedLimitRefused)
    .default(50)
    .describe('notes in the feed'),
  renderTimeout: z
    .number(renderTimeoutRefused)
    .positive(renderTimeoutRefused)
    .refine(Number.isFinite, renderTimeoutRefused)
    .default(10)
    .describe('how long one note may take to render'),
  homeNote: text('homeNote').default('index.md').describe('the note that opens the home page'),
  intro: text('intro').default('').describe('home page text when there is no home note'),
  colors: colors.describe('theme colours'),
  redirects: redirects.describe('old addresses sent on to a note'),
  noindex: onOff('noindex').default(false).describe('ask search engines not to index the site'),
  allowEmpty: onOff('allowEmpty').default(false).describe('build even when no note is shared (an empty site)'),
  stackedNotes: onOff('stackedNotes').default(true).describe('on a wide screen, open a linked note beside the one it is linked from'),
});

/** What a gardener writes: any of the settings, colours one theme at a time. */
export type GardenSettings = z.input<typeof settingsSchema>;
/** The settings checked, with every default filled in. */
export type Settings = z.output<typeof settingsSchema>;

/** The settings an environment variable overrides for one run (see README). */
export const ENV_OVERRIDES = { contentDir: 'GARDEN_CONTENT_DIR', siteUrl: 'GARDEN_SITE_URL', strict: 'GARDEN_STRICT' } as const satisfies Partial<Record<keyof Settings, string>>;
