import { Progress } from './progress';

describe('progress of long work', () => {
  const clock = (start = 1_000_000) => {
    let now = start;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };
  const capture = (isTTY: boolean) => {
    const written: string[] = [];
    return { output: { isTTY, write: (text: string) => written.push(text) }, written };
  };

  it('says done / total, rate and time left', () => {
    const time = clock();
    const { output } = capture(false);
    const progress = new Progress({ label: 'rebuild utilisation', total: 102_357, output, now: time.now });
    time.advance(5000);
    progress.update(41_000);
    expect(progress.line()).toBe('rebuild utilisation: 41.000 / 102.357 events (40 %), 8.200 events/s, 7.5 s left');
    expect(progress.line(true)).toBe('rebuild utilisation: 41.000 / 102.357 events (40 %), 8.200 events/s, done in 5.0 s');
  });

  it('writes a line now and then into a log, not one per update', () => {
    const time = clock();
    const { output, written } = capture(false);
    const progress = new Progress({ label: 'export', total: 1000, output, now: time.now, logEveryMs: 10_000 });
    for (let done = 1; done <= 1000; done++) {
      time.advance(50);
      progress.update(done);
    }
    progress.finish();
    // 50 s of work: the first update, then one every 10 s, and the final line.
    expect(written.length).toBe(6);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written[written.length - 1]).toBe('export: 1.000 / 1.000 events (100 %), 20 events/s, done in 50 s\n');
  });

  it('rewrites one line in place on a terminal', () => {
    const time = clock();
    const { output, written } = capture(true);
    const progress = new Progress({ label: 'verify', total: null, output, now: time.now });
    time.advance(1000);
    progress.update(500);
    time.advance(1000);
    progress.finish(1000);
    expect(written).toEqual(['\r\x1b[2Kverify: 500 events, 500 events/s, time left unknown', '\r\x1b[2Kverify: 1.000 events, 500 events/s, done in 2.0 s\n']);
  });
});
