import path from 'node:path';
import { IANAZone } from 'luxon';
import { colord, extend } from 'colord';
import a11y from 'colord/plugins/a11y';
import mix from 'colord/plugins/mix';
import names from 'colord/plugins/names';
import { closest as nearest, distance } from 'fastest-levenshtein';
import { normalizeBase } from '../urls.ts';
import type { DateSource } from '../types.ts';

extend([a11y, mix, names]);

export type ColorRole = 'paper' | 'ink' | 'accent';
/** One colour for each theme. */
export type ThemeColor = { light: string; dark: string };

/** What a gardener can configure. Environment variables override the file (see README). */
export interface GardenConfig {
  /** Folder of the vault, absolute or relative to the project root. */
  contentDir: string;
  /** Absolute site URL used in the feed, sitemap and canonical links. */
  siteUrl: string;
  /**
   * The path the site is served under (`/` at a domain's root, `/garden/` for
   * `https://name.github.io/garden/`). Taken from the site URL's path when not set.
   */
  base: string;
  /** IANA time zone for dates written without one. */
  timeZone: string;
  /** Any warning fails the build. */
  strict: boolean;
  /** How many notes the feed carries. */
  feedLimit: number;
  /** Seconds one note may take to render; a note that takes longer is reported and left out. */
  renderTimeout: number;
  title: string;
  description: string;
  author: string;
  /** Shown on the home page when the vault has no home note. */
  intro: string;
  /** Vault path of the note whose content opens the home page, when it is shared. */
  homeNote: string;
  /** Background (paper), text (ink) and links (accent), for the light and the dark theme. */
  colors: Record<ColorRole, ThemeColor>;
  /** Where rendered notes are kept between builds; none when unset. Set by the integration. */
  cacheDir?: string;
  /** Where a note's `created` and `updated` come from, each from the first source that knows it (see the block at the end). */
  dates: DateSource[];

  // Publishing: links that do not break, search engines, an empty garden (see publishingSettings below).
  /**
   * Old addresses on this site (paths under the base path, `/old/path/` or `/old-page.html`), each
   * redirected to a shared note named as in a wikilink (`Note name` or a vault path).
   */
  redirects: Record<string, string>;
  /** Ask search engines not to index the site: robots.txt disallows all, every page says noindex. */
  noindex: boolean;
  /** Build even when the vault has no note or no shared note (the site is then empty). */
  allowEmpty: boolean;
  /** Which setting named the vault folder, for messages. Set by resolveConfig. */
  contentDirFrom?: 'contentDir' | 'GARDEN_CONTENT_DIR';
}

export const defaultConfig: GardenConfig = {
  contentDir: 'content',
  siteUrl: 'http://localhost:4321',
  base: '',
  timeZone: 'UTC',
  strict: false,
  feedLimit: 50,
  renderTimeout: 10,
  title: 'A digital garden',
  description: 'Notes growing in public.',
  author: '',
  intro: '',
  homeNote: 'index.md',
  colors: {
    paper: { light: '#f7f5ee', dark: '#131a15' },
    ink: { light: '#1d2920', dark: '#e4e9e0' },
    accent: { light: '#2b6a3c', dark: '#8fd09b' },
  },
  dates: ['frontmatter', 'git', 'filesystem'],
  redirects: {},
  noindex: false,
  allowEmpty: false,
};

/** The settings a gardener writes: any of them, and colours one theme at a time. */
export type GardenSettings = Partial<Omit<GardenConfig, 'colors'>> & {
  colors?: Partial<Record<ColorRole, Partial<ThemeColor>>>;
};

/** A mistake in the gardener's settings; the message names the file and the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`garden.config.ts: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * Merges the gardener's settings with the environment overrides and validates the result,
 * so that a typo fails early with a message naming the setting.
 */
export function resolveConfig(
  settings: GardenSettings = {},
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): GardenConfig {
  settings = { ...settings, ...settingsFromEnv(env.GARDEN_SETTINGS) };
  for (const key of Object.keys(settings)) {
    if (!(key in defaultConfig)) {
      const near = closest(key, Object.keys(defaultConfig));
      throw new ConfigError(`unknown setting "${key}"${near ? `; did you mean "${near}"?` : ''}`);
    }
  }
  const config: GardenConfig = { ...defaultConfig, ...settings, colors: resolveColors(settings.colors ?? {}) };
  config.contentDirFrom = env.GARDEN_CONTENT_DIR ? 'GARDEN_CONTENT_DIR' : 'contentDir';
  if (env.GARDEN_CONTENT_DIR) config.contentDir = env.GARDEN_CONTENT_DIR;
  if (env.GARDEN_SITE_URL) config.siteUrl = env.GARDEN_SITE_URL;
  if (env.GARDEN_STRICT !== undefined && env.GARDEN_STRICT !== '') {
    config.strict = /^(1|true|yes|on)$/i.test(env.GARDEN_STRICT.trim());
  }
  config.contentDir = path.resolve(root, config.contentDir);

  let url: URL;
  try {
    url = new URL(config.siteUrl);
  } catch {
    throw new ConfigError(`siteUrl (or GARDEN_SITE_URL) must be an absolute URL, got "${config.siteUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`siteUrl must use http or https, got "${config.siteUrl}"`);
  }
  config.siteUrl = url.href.replace(/\/$/, '');
  if (typeof config.base !== 'string') throw new ConfigError(`base must be a path such as "/garden/", got ${JSON.stringify(config.base)}`);
  config.base = normalizeBase(config.base || url.pathname);
  if (!IANAZone.isValidZone(config.timeZone)) {
    throw new ConfigError(`timeZone must be an IANA time zone such as "Europe/Paris", got "${config.timeZone}"`);
  }
  if (!Number.isInteger(config.feedLimit) || config.feedLimit < 1) {
    throw new ConfigError(`feedLimit must be a whole number of at least 1, got ${String(config.feedLimit)}`);
  }
  if (typeof config.renderTimeout !== 'number' || !Number.isFinite(config.renderTimeout) || config.renderTimeout <= 0) {
    throw new ConfigError(`renderTimeout must be a number of seconds greater than 0 (such as 10), got ${JSON.stringify(config.renderTimeout)}`);
  }
  for (const key of ['title', 'description', 'author', 'intro', 'homeNote'] as const) {
    if (typeof config[key] !== 'string') throw new ConfigError(`${key} must be text, got ${JSON.stringify(config[key])}`);
  }
  if (!config.title.trim()) throw new ConfigError('title must not be empty: it names the site in every page and the feed');
  checkContrast(config.colors);
  config.dates = resolveDateOrder(config.dates);
  Object.assign(config, publishingSettings(config));
  return config;
}

/*
 * Publishing settings: redirects, noindex, allowEmpty. A redirect's old address is a path on this
 * site under its base path, written as the gardener would paste it from a browser: `/old/path/`,
 * `old/path`, `/my%20post/` or `/old-page.html`. It is kept as `/old/path/` (a folder, served by
 * its index.html) or `/old-page.html` (a file), decoded, so that it names the file the build
 * writes. Nothing that could leave the output folder or be read two ways gets through.
 */
function publishingSettings(config: GardenConfig): Pick<GardenConfig, 'redirects' | 'noindex' | 'allowEmpty'> {
  for (const key of ['noindex', 'allowEmpty'] as const) {
    if (typeof config[key] !== 'boolean') throw new ConfigError(`${key} must be true or false, got ${JSON.stringify(config[key])}`);
  }
  const given: unknown = config.redirects;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new ConfigError(`redirects must be an object of old paths to notes, such as { '/old/path/': 'Note name' }, got ${JSON.stringify(given)}`);
  }
  const redirects: Record<string, string> = {};
  for (const [from, to] of Object.entries(given)) {
    const setting = `redirects[${JSON.stringify(from)}]`;
    if (typeof to !== 'string' || !to.trim()) throw new ConfigError(`${setting} must name a note (its name or vault path, as in a wikilink), got ${JSON.stringify(to)}`);
    const path = redirectPath(from);
    if (typeof path !== 'string') throw new ConfigError(`${setting}: ${path.problem}`);
    if (path in redirects) throw new ConfigError(`${setting}: the same address as another redirect (${path})`);
    redirects[path] = to.trim();
  }
  return { redirects, noindex: config.noindex, allowEmpty: config.allowEmpty };
}

/**
 * GARDEN_SETTINGS: settings as JSON, laid over garden.config.ts for one run (tests build fixture
 * gardens with their own settings; a preview deploy can say `{"noindex": true}`).
 */
function settingsFromEnv(json: string | undefined): GardenSettings {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`GARDEN_SETTINGS must be JSON, such as {"noindex": true}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('GARDEN_SETTINGS must be a JSON object of settings');
  return parsed as GardenSettings;
}

/** The sample's own settings (garden.config.ts as the project ships it), which no real garden should publish under. */
export const SAMPLE_SETTINGS = { title: 'The Tended Garden', author: 'The Gardener' } as const;

/** A warning for each setting still as the sample has it, or on a domain reserved for examples. */
export function sampleSettingWarnings(config: GardenConfig): string[] {
  const warnings: string[] = [];
  const host = new URL(config.siteUrl).hostname;
  if (/(^|\.)example\.(org|com|net)$/i.test(host)) {
    warnings.push(`siteUrl is the example ${config.siteUrl}: the feed, the sitemap and canonical links will point there; set your site's address in garden.config.ts (or GARDEN_SITE_URL)`);
  }
  for (const key of ['title', 'author'] as const) {
    if (config[key] === SAMPLE_SETTINGS[key]) warnings.push(`${key} is still the sample's "${SAMPLE_SETTINGS[key]}": set your own in garden.config.ts`);
  }
  return warnings;
}

/** An old address as `/a/b/` or `/a/b.html`, decoded; or what is wrong with it. */
export function redirectPath(from: string): string | { problem: string } {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(from)) return { problem: 'an old address is a path on this site, such as "/old/path/", not a full URL' };
  if (/[?#]/.test(from)) return { problem: 'an old address is a path without ? or #' };
  let segments: string[];
  try {
    segments = from.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { problem: 'an old address must be a valid URL path (a % not followed by two hex digits)' };
  }
  if (segments.length === 0) return { problem: '"/" is the home page' };
  for (const segment of segments) {
    // Control characters, a path separator written as %2F or %5C, and `.` or `..` could each name another file.
    if (/[\u0000-\u001f\u007f\\/]/.test(segment) || segment === '.' || segment === '..') {
      return { problem: `the segment ${JSON.stringify(segment)} cannot be part of an address` };
    }
  }
  if (segments.at(-1) === 'index.html') segments.pop();
  if (segments.length === 0) return { problem: '"/" is the home page' };
  const file = /\.html?$/i.test(segments.at(-1)!);
  return `/${segments.join('/')}${file ? '' : '/'}`;
}

/** The known setting a misspelt one most likely meant (`colours` → `colors`, `feedlimit` → `feedLimit`). */
function closest(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const candidate = nearest(lower, known.map((k) => k.toLowerCase()));
  return distance(lower, candidate) <= 2 ? known.find((k) => k.toLowerCase() === candidate) : undefined;
}

const ROLES: ColorRole[] = ['paper', 'ink', 'accent'];
const THEMES = ['light', 'dark'] as const;

/** Each colour parsed and written back as hex, so only a colour can ever reach the style sheet. */
function resolveColors(given: Partial<Record<ColorRole, Partial<ThemeColor>>>): Record<ColorRole, ThemeColor> {
  if (typeof given !== 'object' || given === null) throw new ConfigError('colors must be an object such as { accent: { light: "#2b6a3c" } }');
  const colors = {} as Record<ColorRole, ThemeColor>;
  for (const role of Object.keys(given)) {
    if (!ROLES.includes(role as ColorRole)) throw new ConfigError(`colors.${role} is not a colour the garden uses; it has ${ROLES.join(', ')}`);
  }
  for (const role of ROLES) {
    colors[role] = { ...defaultConfig.colors[role] };
    for (const theme of THEMES) {
      const value = given[role]?.[theme];
      if (value === undefined) continue;
      const parsed = typeof value === 'string' ? colord(value) : undefined;
      if (!parsed?.isValid()) {
        throw new ConfigError(`colors.${role}.${theme} must be a CSS colour (hex, rgb(), hsl() or a name), got ${JSON.stringify(value)}`);
      }
      colors[role][theme] = parsed.toHex();
    }
  }
  return colors;
}

/** Secondary text (dates, counts, excerpts): 70% ink, 30% paper. */
export function mutedColor(colors: Record<ColorRole, ThemeColor>): ThemeColor {
  const mixed = (theme: 'light' | 'dark') => colord(colors.ink[theme]).mix(colors.paper[theme], 0.3).toHex();
  return { light: mixed('light'), dark: mixed('dark') };
}

/** WCAG AA for every text colour on the paper, in both themes. */
function checkContrast(colors: Record<ColorRole, ThemeColor>): void {
  const muted = mutedColor(colors);
  for (const theme of THEMES) {
    const paper = colord(colors.paper[theme]);
    for (const [name, color] of [['ink', colors.ink[theme]], ['accent', colors.accent[theme]], ['muted text (70% ink, 30% paper)', muted[theme]]] as const) {
      const ratio = paper.contrast(color);
      if (ratio < 4.5) {
        throw new ConfigError(`colors (${theme} theme): ${name} ${color} on paper ${colors.paper[theme]} has a contrast of ${ratio}:1; text needs at least 4.5:1`);
      }
    }
  }
}

/* ── dates: where a note's dates come from ─────────────────────────────────────────────────── */

export const DATE_SOURCES: readonly DateSource[] = ['frontmatter', 'git', 'filesystem'];

/** The `dates` setting checked: only known sources, each once, at least one; a fresh copy. */
export function resolveDateOrder(value: unknown): DateSource[] {
  const example = `e.g. ['frontmatter', 'git', 'filesystem']`;
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`dates must list where dates come from, the first that knows a date wins, ${example}; got ${JSON.stringify(value)}`);
  }
  const seen = new Set<DateSource>();
  for (const source of value) {
    if (!DATE_SOURCES.includes(source)) {
      throw new ConfigError(`dates: ${JSON.stringify(source)} is not a source of dates; use ${DATE_SOURCES.map((s) => `'${s}'`).join(', ')}`);
    }
    if (seen.has(source)) throw new ConfigError(`dates names '${source}' twice; list each source once`);
    seen.add(source);
  }
  return [...seen];
}
