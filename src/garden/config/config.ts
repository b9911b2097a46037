import path from 'node:path';
import { IANAZone } from 'luxon';
import { colord, extend } from 'colord';
import a11y from 'colord/plugins/a11y';
import mix from 'colord/plugins/mix';
import names from 'colord/plugins/names';
import { closest as nearest, distance } from 'fastest-levenshtein';
import { normalizeBase } from '../urls.ts';

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
  for (const key of Object.keys(settings)) {
    if (!(key in defaultConfig)) {
      const near = closest(key, Object.keys(defaultConfig));
      throw new ConfigError(`unknown setting "${key}"${near ? `; did you mean "${near}"?` : ''}`);
    }
  }
  const config: GardenConfig = { ...defaultConfig, ...settings, colors: resolveColors(settings.colors ?? {}) };
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
  return config;
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
