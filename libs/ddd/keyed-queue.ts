import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs tasks one after another per key, in arrival order; tasks of different keys run at once.
 * Re-entrant: a task that runs another task of a key it already holds runs it at once instead of
 * waiting for itself.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly held = new AsyncLocalStorage<ReadonlySet<string>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const holding = this.held.getStore();
    if (holding?.has(key)) return task();
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await this.held.run(new Set([...(holding ?? []), key]), task);
    } finally {
      release();
      // The last task of a key removes it, so the map holds only keys with work pending.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests and metrics). */
  get pendingKeys(): number {
    return this.tails.size;
  }
}
