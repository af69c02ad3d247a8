import { conflictBackoffMs } from './aggregate-store';

describe('conflictBackoffMs', () => {
  it('spreads retries over a ceiling that doubles per lost race and stops at 250 ms', () => {
    expect([1, 2, 3, 4].map((attempt) => conflictBackoffMs(attempt, () => 0.999))).toEqual([9, 19, 39, 79]);
    expect(conflictBackoffMs(9, () => 0.999)).toBe(249);
    expect(conflictBackoffMs(40, () => 0.999)).toBe(249);
    expect(conflictBackoffMs(3, () => 0)).toBe(0);
  });
});
