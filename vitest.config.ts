import { defineConfig } from 'vitest/config';

/*
 * Three test files at a time on CI's two cores, rather than one: a file waits on a browser or a
 * server for much of its time, and one `astro build` keeps about one and a half cores busy, so
 * side by side they fill the machine (figures: docs/performance.md, History). Each build has its
 * own out, cache and working folders (tests/helpers/build.ts); builds that several files only read
 * are made once a run (tests/helpers/shared-builds.ts). Tests that hold the dev server to a
 * deadline in wall-clock time ("within 2 s of the edit") run afterwards, alone, on an otherwise
 * idle machine.
 */
const ALONE = ['tests/browser/dev.test.ts', 'tests/unit/dev-vault-watch.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: ALONE, maxWorkers: 3, sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          exclude: ALONE,
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      { test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 }, testTimeout: 180_000, hookTimeout: 240_000 } },
    ],
  },
});
