import { KeyedQueue } from './keyed-queue';

/** A promise with its resolve function, to let tasks finish in an order the test chooses. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in arrival order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('s', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
    });
    const b = queue.run('s', async () => {
      log.push('b');
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'a end', 'b']);
    expect(queue.pendingKeys).toBe(0);
  });

  it('runs tasks of different keys at the same time', async () => {
    const queue = new KeyedQueue();
    const blocker = gate();
    const a = queue.run('s1', () => blocker.promise);
    let ran = false;
    await queue.run('s2', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    blocker.open();
    await a;
  });

  it('goes on after a task failed', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('s', async () => {
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    await expect(queue.run('s', async () => 'next')).resolves.toBe('next');
  });

  it('lets a task run a nested task of the key it holds', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('s', () => queue.run('s', async () => 'nested'))).resolves.toBe('nested');
  });
});
