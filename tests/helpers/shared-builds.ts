import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { buildInto, type BuiltSite } from './build.ts';

/**
 * A build of a vault with the default settings, made once a test run and shared by the test files
 * that only read it (they must not write into it). Test files run side by side: two asking at
 * once each build, both builds are right, and the record names whichever finished last.
 */
export async function sharedBuild(vault: string): Promise<BuiltSite> {
  const key = createHash('sha256').update(path.resolve(vault)).digest('hex').slice(0, 16);
  const record = path.join(inject('sharedBuildsDir'), `${key}.json`);
  const kept = await fs.readFile(record, 'utf8').catch(() => undefined);
  if (kept) return JSON.parse(kept) as BuiltSite;
  const work = await fs.mkdtemp(path.join(inject('sharedBuildsDir'), `${key}-`));
  const site = await buildInto(vault, path.join(work, 'dist'), path.join(work, 'cache'));
  await fs.writeFile(`${work}.part`, JSON.stringify(site));
  await fs.rename(`${work}.part`, record);
  return site;
}
