import { describe, expect, it } from 'vitest';
import { siteUrls } from '../../src/garden/urls.ts';
import type { NoteSlug } from '../../src/garden/types.ts';
import { parseStack, slugOfPath, stackAddress, stackSearch } from '../../src/scripts/stack-param.ts';
import { pathOfSlug } from '../../src/scripts/note-links.ts';

describe('the ?stack= parameter', () => {
  it('reads slugs in order, each once, folders and other scripts included', () => {
    expect(parseStack('oak,plants/moss,日本語のノート,oak')).toEqual(['oak', 'plants/moss', '日本語のノート']);
    expect(parseStack('')).toEqual([]);
    expect(parseStack(null)).toEqual([]);
  });

  it('drops anything that could leave the base path or name another site', () => {
    expect(parseStack('../secret,//evil.test,https://evil.test,a/../b,a//b,.,a?b,a#b,a%2Fb, ,ok')).toEqual(['ok']);
  });

  it('writes slugs readably, keeps other parameters, and drops the parameter for an empty stack', () => {
    expect(stackSearch('', ['oak', 'plants/moss'])).toBe('?stack=oak,plants/moss');
    expect(stackSearch('?q=x&stack=old', ['日本語'])).toBe(`?q=x&stack=${encodeURIComponent('日本語')}`);
    expect(stackSearch('?stack=oak', [])).toBe('');
    expect(parseStack(new URLSearchParams(stackSearch('', ['a', 'b/c', '日本語'])).get('stack'))).toEqual(['a', 'b/c', '日本語']);
  });

  it('makes paths under the base path as urls.ts makes them for the pages, and reads them back', () => {
    for (const base of ['/', '/garden/', '/a/b/']) {
      for (const slug of ['oak', 'plants/moss', '日本語のノート']) expect(pathOfSlug(slug, base)).toBe(siteUrls('https://garden.test', base).note(slug as NoteSlug));
    }
    expect(pathOfSlug('plants/moss', '/garden/')).toBe('/garden/plants/moss/');
    expect(slugOfPath('/garden/plants/moss/', '/garden/')).toBe('plants/moss');
    expect(slugOfPath(`/${encodeURIComponent('日本語のノート')}/`, '/')).toBe('日本語のノート');
    expect(slugOfPath('/other/oak/', '/garden/')).toBeUndefined();
    expect(slugOfPath('/garden/', '/garden/')).toBeUndefined();
    expect(slugOfPath('/garden/rss.xml', '/garden/')).toBeUndefined();
    expect(slugOfPath('/%E0%A4%A/', '/')).toBeUndefined();
  });

  it('addresses a stack by its first note with the rest in the parameter', () => {
    expect(stackAddress(['oak', 'ferns', 'moss'], '/garden/')).toBe('/garden/oak/?stack=ferns,moss');
    expect(stackAddress(['oak'], '/')).toBe('/oak/');
  });
});
