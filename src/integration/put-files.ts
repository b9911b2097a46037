import fs from 'node:fs/promises';
import path from 'node:path';

/** A file to put into the built site: where it comes from, where it goes. */
export interface Placed {
  from: string;
  to: string;
}

/** Puts each file in its place, making every folder they need first (each once); by default a copy. */
export async function putFiles(files: Placed[], put: (from: string, to: string) => Promise<void> = (from, to) => fs.copyFile(from, to)): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(file.to)));
  await Promise.all([...folders].map((folder) => fs.mkdir(folder, { recursive: true })));
  await Promise.all(files.map((file) => put(file.from, file.to)));
}
