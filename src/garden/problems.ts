import type { Problem, Severity } from './types.ts';

/** Collects problems while the garden is read; every problem names its file. */
export class Problems {
  readonly list: Problem[] = [];

  private readonly seen = new Set<string>();

  /** The same problem twice in one file (a link written twice) is reported once. */
  add(file: string, severity: Severity, message: string): void {
    const key = `${file}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ file, severity, message });
  }

  error(file: string, message: string): void {
    this.add(file, 'error', message);
  }

  warn(file: string, message: string): void {
    this.add(file, 'warning', message);
  }

  sorted(): Problem[] {
    return [...this.list].sort((a, b) => a.file.localeCompare(b.file) || a.message.localeCompare(b.message));
  }
}
