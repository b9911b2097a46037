import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/*
 * Vitest's global setup for the build tests: one folder for this run's shared builds
 * (helpers/shared-builds.ts), removed when the run ends. A vault that several test files only
 * read is built once a run instead of once a file, which keeps CI within its time.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    sharedBuildsDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-shared-builds-'));
  project.provide('sharedBuildsDir', dir);
  return () => fs.rm(dir, { recursive: true, force: true });
}
