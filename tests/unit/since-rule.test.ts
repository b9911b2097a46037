import { describe, expect, it } from 'vitest';
import { changesSince, continueVisit, fingerprint, readRecord, snapshotOf, startsVisit, startVisit, storageKey, VISIT_GAP, type RecentNote } from '../../src/scripts/since-rule.ts';

const note = (slug: string, tended = '2026-12-01', planted = '2026-01-01'): RecentNote => ({ slug, title: slug.toUpperCase(), planted, tended });
const garden = [note('alpha'), note('beta'), note('gamma')];
const T = Date.UTC(2026, 11, 6, 10);

describe('the snapshot of a visit', () => {
  it('marks nothing when nothing changed, whatever the order', () => {
    expect(changesSince(snapshotOf(garden), [...garden].reverse())).toEqual([]);
  });

  it('marks a note whose tended date changed as tended, a note it did not hold as new', () => {
    const later = [note('alpha'), note('beta', '2026-12-06'), note('gamma'), note('delta', '2026-12-06', '2026-12-06')];
    expect(changesSince(snapshotOf(garden), later)).toEqual([
      { slug: 'beta', title: 'BETA', kind: 'tended' },
      { slug: 'delta', title: 'DELTA', kind: 'new' },
    ]);
  });

  it('tells a change of planting date too, and a note with no dates', () => {
    expect(changesSince(snapshotOf(garden), [note('alpha', '2026-12-01', '2025-01-01')]).map((m) => m.kind)).toEqual(['tended']);
    const undated = { slug: 'undated', title: 'Undated' };
    expect(changesSince(snapshotOf([undated]), [undated])).toEqual([]);
  });

  it('keeps 10,000 notes well under 100 KB, and tells them apart', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => note(`notes/note-${i}`));
    const seen = snapshotOf(many);
    expect(seen.length).toBeLessThan(80_000);
    expect(changesSince(seen, many)).toEqual([]);
    const tended = many.map((n, i) => (i % 1000 === 7 ? { ...n, tended: '2026-12-06' } : n));
    // A dates hash may rarely collide; ten changed notes all missed would be a broken hash.
    expect(changesSince(seen, tended).length).toBeGreaterThanOrEqual(9);
    expect(new Set(many.map((n) => fingerprint(n).slice(0, 5))).size).toBeGreaterThan(9_990);
  });
});

describe('a visit', () => {
  it('starts on the first page view ever, marking nothing', () => {
    expect(startsVisit(undefined, T)).toBe(true);
    expect(startVisit(undefined, garden, T)).toEqual({ last: T, seen: snapshotOf(garden), marks: [] });
  });

  it('goes on while page views come within 30 minutes, keeping its marks', () => {
    const record = { ...startVisit(undefined, garden, T), marks: [{ slug: 'beta', title: 'BETA', kind: 'tended' as const }] };
    expect(startsVisit(record, T + VISIT_GAP)).toBe(false);
    expect(continueVisit(record, T + VISIT_GAP)).toEqual({ ...record, last: T + VISIT_GAP });
  });

  it('ends after 30 minutes without one: the next marks what changed, then sees it', () => {
    const first = startVisit(undefined, garden, T);
    expect(startsVisit(first, T + VISIT_GAP + 1)).toBe(true);
    const later = [note('alpha', '2026-12-06'), note('beta'), note('gamma')];
    const second = startVisit(first, later, T + VISIT_GAP + 1);
    expect(second.marks).toEqual([{ slug: 'alpha', title: 'ALPHA', kind: 'tended' }]);
    expect(startVisit(second, later, T + 3 * VISIT_GAP).marks).toEqual([]);
  });

  it('starts again when the clock went back', () => {
    expect(startsVisit(startVisit(undefined, garden, T), T - 1000)).toBe(true);
  });
});

describe('the stored record', () => {
  it('is read back as written, and anything else is nothing', () => {
    const record = startVisit(undefined, garden, T);
    expect(readRecord(JSON.stringify(record))).toEqual(record);
    for (const text of [null, '', '{', '[]', '{"last":"x","seen":"","marks":[]}', 'null']) expect(readRecord(text), String(text)).toBeUndefined();
  });

  it('is kept per garden: the base path is in its key', () => {
    expect(storageKey('/garden/')).toBe('garden-visits:/garden/');
    expect(storageKey('/')).not.toBe(storageKey('/garden/'));
  });
});
