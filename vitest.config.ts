import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        // Each build test runs a real `astro build`; one at a time keeps them within 2 cores.
        test: { name: 'build', include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'], fileParallelism: false, testTimeout: 180_000, hookTimeout: 240_000 },
      },
    ],
  },
});
