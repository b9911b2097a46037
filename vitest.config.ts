import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        // Each build test runs a real `astro build`; one at a time keeps them within 2 cores. Builds that
        // several files only read are made once a run (tests/helpers/shared-builds.ts).
        test: { name: 'build', include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'], fileParallelism: false, globalSetup: ['tests/global-setup.ts'], testTimeout: 180_000, hookTimeout: 240_000 },
      },
    ],
  },
});
