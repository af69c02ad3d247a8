import { defaultContractDate } from './budget-queries';

describe('defaultContractDate: the contract date of a year overview without an explicit date', () => {
  it('is today while the year runs', () => {
    expect(defaultContractDate(2026, '2026-11-25')).toBe('2026-11-25');
    expect(defaultContractDate(2026, '2026-01-01')).toBe('2026-01-01');
    expect(defaultContractDate(2026, '2026-12-31')).toBe('2026-12-31');
  });

  it('is the 31.12. of a past year', () => {
    expect(defaultContractDate(2025, '2026-11-25')).toBe('2025-12-31');
  });

  it('is the 01.01. of a future year', () => {
    expect(defaultContractDate(2027, '2026-11-25')).toBe('2027-01-01');
  });
});
