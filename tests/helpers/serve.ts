import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/**
 * Serves a built site on 127.0.0.1 as a static host would (directory index, 404.html); with
 * `compress`, gzipped to clients that ask, as production hosts do (for Lighthouse's timings); with
 * `prefix` (`/garden/`), only under that path, as GitHub Pages serves a project site.
 */
export async function serve(root: string, { compress = false, prefix = '/' } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!requested.startsWith(prefix) && `${requested}/` !== prefix) return void res.writeHead(404).end('outside the site');
    const pathname = `/${requested.slice(prefix.length)}`;
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fs.readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      if (compress && /gzip/.test(String(req.headers['accept-encoding'])) && !/png|wasm|woff2|octet/.test(type)) {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'public, max-age=3600' }).end(zlib.gzipSync(body));
      } else {
        res.writeHead(200, { 'content-type': type }).end(body);
      }
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.html']! }).end(await fs.readFile(path.join(root, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
