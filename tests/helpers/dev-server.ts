import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './build.ts';

const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface DevServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `astro dev` on a vault, as `npm run dev` runs it, on 127.0.0.1 and a free port; resolves once it
 * answers. It runs in its own process group, so `stop` ends it and Pagefind's service with it,
 * within a few seconds whatever state it is in.
 */
export async function startDevServer(vault: string, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<DevServer> {
  const port = await freePort();
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'garden-dev-cache-'));
  // Run as `npm run dev` would be: Astro's dev server does not answer when it believes it runs
  // under Vitest (VITEST=true, which the test runner sets), nor should it see NODE_ENV=test.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
  // --ignore-lock: Astro 7 refuses a second dev server of a project (a gardener's own may be
  // running) and runs itself in the background when it believes an agent started it.
  const child = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    cwd: ROOT,
    detached: true,
    env: { ...inherited, ASTRO_TELEMETRY_DISABLED: '1', GARDEN_CONTENT_DIR: vault, GARDEN_CACHE_DIR: cacheDir, GARDEN_SITE_URL: 'https://garden.test', GARDEN_STRICT: '', ...env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: DevServer = { url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stop(child, exited) };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`astro dev did not answer within ${timeoutMs} ms:\n${output}`);
    }
    try {
      const response = await fetch(server.url, { signal: AbortSignal.timeout(10_000) });
      // Any answer will do: under a base path, / is a 404 page.
      if (response.status < 500) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  group('SIGTERM');
  const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'late') {
    group('SIGKILL');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}
