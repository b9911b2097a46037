import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ROOT } from './build.ts';

const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface DevServer {
  url: string;
  /** The server's GARDEN_CACHE_DIR. */
  cacheDir: string;
  /** Everything the server printed so far. */
  output(): string;
  /**
   * What the server printed after `from` (an offset into `output()`), once it matches `pattern`:
   * waits for the server to print it, and fails after `timeoutMs`, or when the server exits,
   * quoting what it printed.
   */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
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
 * has printed its address and answers there. It runs in its own process group, so `stop` ends it and Pagefind's service with it,
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
    env: { ...inherited, ASTRO_TELEMETRY_DISABLED: '1', GARDEN_CONTENT_DIR: vault, GARDEN_CACHE_DIR: cacheDir, GARDEN_SITE_URL: 'https://garden.test', GARDEN_STRICT: '', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const heard = (d: Buffer) => {
    output += d;
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', heard);
  child.stderr!.on('data', heard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (pattern: RegExp, from = 0, ms = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const done = (settle: () => void) => {
        listeners.delete(check);
        clearTimeout(timer);
        settle();
      };
      const check = () => {
        // Without colours, should a terminal or a CI runner force them: patterns are about words.
        const said = stripVTControlCharacters(output.slice(from));
        if (pattern.test(said)) done(() => resolve(said));
        else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`astro dev exited before printing ${pattern}:\n${said}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`astro dev did not print ${pattern} within ${ms} ms; it printed:\n${output.slice(from)}`))), ms);
      listeners.add(check);
      void exited.then(check);
      check();
    });
  const server: DevServer = { url: `http://127.0.0.1:${port}`, cacheDir, output: () => output, waitFor, stop: () => stop(child, exited) };

  // Astro prints the address once it listens; the first page then takes a while to compile.
  const deadline = Date.now() + timeoutMs;
  try {
    await waitFor(new RegExp(`127\\.0\\.0\\.1:${port}`), 0, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  for (;;) {
    try {
      const response = await fetch(server.url, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      // Any answer will do: under a base path, / is a 404 page.
      if (response.status < 500) return server;
    } catch {
      // Listening, but not answering yet: asked again once it prints something (every request
      // and error is logged), until the deadline.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`astro dev did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await waitFor(/[\s\S]/, output.length, 1000).catch(() => {});
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
