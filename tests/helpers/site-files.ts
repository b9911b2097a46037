import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { listFiles } from './build.ts';

/** A minimal CBOR reader (RFC 8949: the types Pagefind writes), for its index, filter and metadata files. */
export function cbor(bytes: Buffer): unknown {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = 1 << (info - 24);
    const n = size === 8 ? Number(bytes.readBigUInt64BE(at)) : bytes.readUIntBE(at, size);
    at += size;
    return n;
  };
  const item = (): unknown => {
    const head = bytes[at++]!;
    const [major, info] = [head >> 5, head & 31];
    if (major === 7) return info === 20 ? false : info === 21 ? true : null;
    const n = length(info);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 2 || major === 3) {
      const chunk = bytes.subarray(at, (at += n));
      return major === 3 ? chunk.toString('utf8') : chunk.toString('hex');
    }
    if (major === 4) return Array.from({ length: n }, item);
    return Object.fromEntries(Array.from({ length: n }, () => [item(), item()]));
  };
  return item();
}

/*
 * Pagefind 1.5.2 is not deterministic in two places: a filter file lists a filter's values, and the
 * metadata file lists the filters, in an order that changes from run to run on the same pages
 * (indexing one folder three times gave three different filter files, so three metadata file
 * names). Those files are compared as what they say: each filter's values sorted, the metadata's
 * filters sorted with each filter file's hash replaced by the filter's name, and the entry file
 * without the metadata file's hash. Every other file, and every page number, word and fragment
 * hash in these, must be the same.
 */
async function normalizePagefind(dir: string, files: Map<string, string>): Promise<void> {
  const hashes = new Map<string, string>();
  for (const name of [...files.keys()].filter((n) => /^pagefind\/filter\/.*\.pf_filter$/.test(n))) {
    const decoded = cbor(zlib.gunzipSync(await fs.readFile(path.join(dir, name))).subarray('pagefind_dcd'.length)) as [string, [string, number[]][]];
    decoded[1].sort((a, b) => a[0].localeCompare(b[0]));
    files.delete(name);
    files.set(`pagefind/filter/${decoded[0]}`, JSON.stringify(decoded));
    hashes.set(path.basename(name, '.pf_filter'), decoded[0]);
  }
  for (const name of [...files.keys()].filter((n) => /^pagefind\/pagefind\..*\.pf_meta$/.test(n))) {
    const decoded = cbor(zlib.gunzipSync(await fs.readFile(path.join(dir, name))).subarray('pagefind_dcd'.length)) as unknown[];
    // [version, pages, index chunks, filters (name, file hash), sorts, meta fields]: the filters come in any order too.
    (decoded[3] as [string, string][]).sort((a, b) => a[0].localeCompare(b[0]));
    const meta = JSON.stringify(decoded, (_key, value) => (typeof value === 'string' && hashes.has(value) ? `filter:${hashes.get(value)}` : value));
    files.delete(name);
    files.set('pagefind/pagefind.pf_meta', meta);
  }
  const entry = files.get('pagefind/pagefind-entry.json');
  if (entry) files.set('pagefind/pagefind-entry.json', entry.replace(/"hash":"[^"]*"/g, '"hash":"…"'));
}

/** Every file of a built site: its path in the site and its contents, gzip (Pagefind's index) unpacked. */
export async function siteFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    let bytes = await fs.readFile(file);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
    files.set(path.relative(dir, file), bytes.toString('latin1'));
  }
  await normalizePagefind(dir, files);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

