/*
 * Vault changes, taken once the vault has been quiet for a while (dev.ts says how long and why).
 * When the quiet time ends, `settle` is told the files changed since the last time, at once (the
 * garden is forgotten there, so whoever reads it next reads the vault as it is now); `follow` is
 * then called with the same files, one call at a time and in order (reporting problems and
 * indexing for search take a while, and a slower one must not overtake a newer one). The files
 * are taken when the quiet time ends, not when `follow` starts: a change arriving while an earlier
 * `follow` waits its turn gets a quiet time and a `settle` of its own.
 */
export interface SettledChanges {
  /** A file of the vault changed. */
  change(file: string): void;
  /** Ends once every change made so far has been followed. */
  followed(): Promise<void>;
  stop(): void;
}

export function settledChanges(quietMs: number, settle: (files: string[]) => void, follow: (files: string[]) => Promise<void>): SettledChanges {
  const changed = new Set<string>();
  let chain = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let done = Promise.resolve();
  let waiting: (() => void)[] = [];
  const schedule = (delay: number) => {
    clearTimeout(timer);
    done = new Promise((resolve) => waiting.push(resolve));
    timer = setTimeout(() => {
      const release = waiting;
      waiting = [];
      const files = [...changed];
      changed.clear();
      settle(files);
      chain = chain.then(() => follow(files)).finally(() => release.forEach((resolve) => resolve()));
    }, delay);
  };
  // The garden as the server starts, followed like any change.
  schedule(0);
  return {
    change(file) {
      changed.add(file);
      schedule(quietMs);
    },
    followed: () => done,
    stop: () => clearTimeout(timer),
  };
}
