import { describe, expect, it } from 'vitest';
import { slugifyPath, assignSlugs } from '../../src/garden/normalize/slug.ts';
import { readState } from '../../src/garden/normalize/state.ts';
import { parseDate } from '../../src/garden/normalize/dates.ts';
import { defaultConfig, resolveConfig } from '../../src/garden/config/config.ts';

describe('slugs', () => {
  it.each([
    ['Café déjà vu', 'cafe-deja-vu'],
    ['/2025-06-18-decided-to-ask-for-a-job-shift', '2025-06-18-decided-to-ask-for-a-job-shift'],
    ['Projects/My Big Idea', 'projects/my-big-idea'],
    ['日本語のノート', '日本語のノート'],
    ['Привет мир', 'привет-мир'],
    ['C++ & Rust: notes!', 'c-rust-notes'],
    ['../../etc/passwd', 'etc/passwd'],
    ['a/./b//c/..', 'a/b/c'],
    ['  spaced   out  ', 'spaced-out'],
  ])('%j → %j', (input, slug) => {
    expect(slugifyPath(input)).toBe(slug);
  });

  it('resolves collisions in sorted vault order with -2, -3 and reports them', () => {
    const { slugs, changed } = assignSlugs([
      { path: 'z/idea.md', wanted: 'idea' },
      { path: 'a/idea.md', wanted: 'idea' },
      { path: 'm/Idea.md', wanted: 'idea' },
      { path: 'n/idea-2.md', wanted: 'idea-2' },
    ]);
    expect(Object.fromEntries(slugs)).toEqual({ 'a/idea.md': 'idea', 'm/Idea.md': 'idea-2', 'n/idea-2.md': 'idea-2-2', 'z/idea.md': 'idea-3' });
    expect(changed.map((c) => c.path).sort()).toEqual(['m/Idea.md', 'n/idea-2.md', 'z/idea.md']);
    expect(changed.find((c) => c.path === 'm/Idea.md')?.reason).toContain('a/idea.md');
  });

  it.each(['tags', 'states', 'moods', 'search', 'graph', 'pagefind', 'rss.xml', '404', 'attachments', '_astro'])(
    'moves a note off the reserved route %j',
    (reserved) => {
      const { slugs, changed } = assignSlugs([{ path: 'x.md', wanted: reserved }, { path: 'y.md', wanted: `${reserved}/deeper` }]);
      expect(slugs.get('x.md')).toBe(`${reserved}-2`);
      expect(slugs.get('y.md')!.split('/')[0]).not.toBe(reserved);
      expect(changed).toHaveLength(2);
    },
  );
});

describe('growth state', () => {
  it.each([
    [{}, 'seed'],
    [{ state: 'seedling' }, 'seed'],
    [{ state: 'Sprout' }, 'seed'],
    [{ stage: 'BUD' }, 'bud'],
    [{ growth: 'budding' }, 'bud'],
    [{ growthStage: 'growing' }, 'bud'],
    [{ state: 'Evergreen' }, 'evergreen'],
    [{ State: 'tree' }, 'evergreen'],
    [{ state: 'mature' }, 'evergreen'],
    [{ state: 'perennial' }, 'evergreen'],
    [{ state: '🌳 Evergreen' }, 'evergreen'],
  ])('%j → %s', (data, state) => {
    expect(readState(data)).toEqual({ state });
  });

  it('shows an unknown state as seed and reports it', () => {
    const result = readState({ state: 'wilting' });
    expect(result.state).toBe('seed');
    expect(result.problem).toContain('wilting');
  });
});

describe('dates', () => {
  it.each([
    ['2025-06-18 Wed 9:48pm', 'UTC', '2025-06-18T21:48:00Z'],
    ['2025-06-18 Wed 10:46pm', 'UTC', '2025-06-18T22:46:00Z'],
    ['2025-06-18 21:48', 'UTC', '2025-06-18T21:48:00Z'],
    ['2025-06-18 21:48', 'Europe/Paris', '2025-06-18T21:48:00+02:00'],
    ['2025-06-18', 'America/New_York', '2025-06-18T00:00:00-04:00'],
    ['2025-06-18T21:48:00+05:30', 'UTC', '2025-06-18T21:48:00+05:30'],
    ['2025-06-18T21:48:00Z', 'Europe/Paris', '2025-06-18T21:48:00Z'],
    ['2025-06-18T21:48', 'UTC', '2025-06-18T21:48:00Z'],
    ['June 18, 2025', 'UTC', '2025-06-18T00:00:00Z'],
    ['18 June 2025', 'UTC', '2025-06-18T00:00:00Z'],
    ['Jun 18, 2025', 'UTC', '2025-06-18T00:00:00Z'],
    ['2025-06-18 9:48 PM', 'UTC', '2025-06-18T21:48:00Z'],
  ])('%j in %s → %s', (text, zone, iso) => {
    expect(parseDate(text, zone)).toBe(iso);
  });

  it.each(['2025-02-30', 'yesterday', 'soon-ish', '18/06/2025 maybe', '', 'Invalid Date', '99999-01-01'])('cannot read %j', (text) => {
    expect(parseDate(text, 'UTC')).toBeUndefined();
  });
});

describe('configuration', () => {
  it('takes the environment overrides', () => {
    const config = resolveConfig({}, { GARDEN_CONTENT_DIR: '/tmp/vault', GARDEN_SITE_URL: 'https://x.example/garden/', GARDEN_STRICT: '1' });
    expect(config).toMatchObject({ contentDir: '/tmp/vault', siteUrl: 'https://x.example/garden', strict: true });
  });

  it.each([
    [{ siteUrl: 'not a url' }, 'siteUrl'],
    [{ siteUrl: 'ftp://x.example' }, 'http'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ feedLimit: 0 }, 'feedLimit'],
    [{ renderTimeout: 0 }, 'renderTimeout must be a number of seconds greater than 0'],
    [{ renderTimeout: '10' }, 'renderTimeout'],
    [{ feedlimit: 5 }, 'garden.config.ts: unknown setting "feedlimit"; did you mean "feedLimit"?'],
    [{ colours: {} }, 'unknown setting "colours"; did you mean "colors"?'],
    [{ theme: 'dark' }, /unknown setting "theme"$/],
    [{ title: '  ' }, 'title must not be empty'],
    [{ colors: { accent: { dark: 'greenish' } } }, 'colors.accent.dark must be a CSS colour'],
    [{ colors: { accent: { light: '#000; } body { display: none' } } }, 'colors.accent.light must be a CSS colour'],
    [{ colors: { link: { light: '#000' } } }, 'colors.link is not a colour the garden uses'],
    // A pale accent on light paper: links would be unreadable.
    [{ colors: { accent: { light: '#b8e0c0' } } }, 'accent #b8e0c0 on paper #f7f5ee has a contrast of 1.'],
    [{ colors: { ink: { dark: '#3a3f3a' } } }, '(dark theme): ink #3a3f3a'],
  ])('rejects %j with a message naming the setting', (settings, message) => {
    expect(() => resolveConfig(settings as Parameters<typeof resolveConfig>[0], {})).toThrow(message);
  });

  it('takes theme colours one at a time, in any CSS notation, and writes them as hex', () => {
    const config = resolveConfig({ colors: { accent: { light: 'rgb(120, 40, 20)' }, paper: { dark: 'black' } } }, {});
    expect(config.colors.accent).toEqual({ light: '#782814', dark: defaultConfig.colors.accent.dark });
    expect(config.colors.paper.dark).toBe('#000000');
    expect(config.colors.ink).toEqual(defaultConfig.colors.ink);
  });
});
