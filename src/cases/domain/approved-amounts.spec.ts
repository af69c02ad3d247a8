import { approvedAmountOfMonth, approvedDaysIn, coveredMonthsOf, coveredUntil, invoiceCeilings, monthInPeriod, segmentOn } from './approved-amounts';
import { Approval } from './case-state';
import { RateSegment } from './case.events';

const segment = (from: string, providerId: string, rate: string, hoursPerMonth: string | null = null): RateSegment => ({
  from,
  providerId,
  rate,
  hoursPerMonth,
  agreementId: null,
  rateReason: 'x',
});

function approval(
  rateType: Approval['rateType'],
  start: string,
  end: string | null,
  segments: RateSegment[],
  committedThrough = Number(start.slice(0, 4)),
): Approval {
  return {
    approvalId: 'TW-25-001-B1',
    legalBasis: rateType === 'daily' ? '34' : '31',
    setting: rateType === 'daily' ? 'stationaer' : 'ambulant',
    rateType,
    bescheidDate: start,
    start,
    end,
    segments,
    classification: { inBudget: true, reason: 'in-budget', explanation: 'x', contractVersion: 1 },
    committedThrough,
    termination: null,
    committed: {},
    kostenbeitraege: [],
    revenue: {},
    kostenerstattungen: [],
  };
}

const amounts = (map: Map<string, { toFixed(n: number): string }>) => Object.fromEntries([...map].map(([provider, amount]) => [provider, amount.toFixed(2)]));

describe('R3 approved amounts per Leistungsmonat', () => {
  it('covers an open-ended approval to 31.12. of its last committed year, a fixed one to its end', () => {
    expect(coveredUntil({ end: null, committedThrough: 2026 })).toBe('2026-12-31');
    expect(coveredUntil({ end: '2025-06-15', committedThrough: 2025 })).toBe('2025-06-15');
  });

  it('counts the days of presence in a month, first and last day inclusive, in February of leap and common years', () => {
    expect(approvedDaysIn(approval('daily', '2025-03-10', '2025-03-25', []), '2025-03')).toHaveLength(16);
    expect(approvedDaysIn(approval('daily', '2028-02-01', null, []), '2028-02')).toHaveLength(29);
    expect(approvedDaysIn(approval('daily', '2027-02-01', null, []), '2027-02')).toHaveLength(28);
    expect(approvedDaysIn(approval('daily', '2025-03-10', null, []), '2025-02')).toEqual([]);
    // Open-ended: nothing beyond the last committed year until it is rolled over.
    expect(approvedDaysIn(approval('daily', '2025-03-10', null, []), '2026-01')).toEqual([]);
  });

  it('knows whether a month touches the approved period', () => {
    const fixed = approval('monthly', '2025-03-15', '2025-06-10', []);
    expect(['2025-02', '2025-03', '2025-06', '2025-07'].map((m) => monthInPeriod(fixed, m))).toEqual([false, true, true, false]);
    expect(monthInPeriod(approval('monthly', '2025-03-15', null, []), '2030-01')).toBe(true);
  });

  it('takes the segment in force on a date: the latest from on or before it, the first before the start', () => {
    const segments = [segment('2025-01-01', 'TR-E', '65.00'), segment('2025-07-01', 'TR-X', '70.00')];
    expect(segmentOn({ segments }, '2025-06-30').providerId).toBe('TR-E');
    expect(segmentOn({ segments }, '2025-07-01').providerId).toBe('TR-X');
    expect(segmentOn({ segments }, '2024-12-01').providerId).toBe('TR-E');
  });

  it('a daily rate is the rate of each day of presence, per provider when the provider changes within the month', () => {
    const stay = approval('daily', '2025-04-01', '2025-04-30', [segment('2025-04-01', 'TR-F', '195.00'), segment('2025-04-16', 'TR-X', '180.00')]);
    expect(amounts(approvedAmountOfMonth(stay, '2025-04'))).toEqual({ 'TR-F': '2925.00', 'TR-X': '2700.00' });
  });

  it('a flat month and FLS hours × rate count in full for every month the period touches, at the scope of its first approved day', () => {
    const flat = approval('monthly', '2025-05-20', '2025-09-10', [segment('2025-05-20', 'TR-G', '2450.00')]);
    expect(amounts(approvedAmountOfMonth(flat, '2025-05'))).toEqual({ 'TR-G': '2450.00' });
    expect(amounts(approvedAmountOfMonth(flat, '2025-09'))).toEqual({ 'TR-G': '2450.00' });
    expect(amounts(approvedAmountOfMonth(flat, '2025-10'))).toEqual({});
    const fls = approval('hourly', '2025-01-01', '2025-12-31', [segment('2025-01-01', 'TR-E', '65.00', '24'), segment('2025-07-01', 'TR-E', '65.00', '16')]);
    expect(amounts(approvedAmountOfMonth(fls, '2025-06'))).toEqual({ 'TR-E': '1560.00' });
    expect(amounts(approvedAmountOfMonth(fls, '2025-07'))).toEqual({ 'TR-E': '1040.00' });
  });

  it('lists the covered months of a fiscal year: from the start or 01.01. to the end or 31.12. of the last committed year', () => {
    const spanning = approval('hourly', '2025-11-01', '2026-02-28', [segment('2025-11-01', 'TR-E', '65.00', '20')]);
    expect(coveredMonthsOf(spanning, 2025)).toEqual(['2025-11', '2025-12']);
    expect(coveredMonthsOf(spanning, 2026)).toEqual(['2026-01', '2026-02']);
    expect(coveredMonthsOf(spanning, 2027)).toEqual([]);
    expect(coveredMonthsOf(approval('hourly', '2025-11-01', null, [], 2025), 2026)).toEqual([]);
  });
});

describe('the ceiling of an invoice for a Leistungsmonat (R3, R4)', () => {
  const shown = (ceilings: ReturnType<typeof invoiceCeilings>) =>
    ceilings.map((c) => ({ providerId: c.providerId, quantity: c.quantity?.toString() ?? null, unit: c.unit, amount: c.amount.toFixed(2) }));

  it('takes the hours of the segment in force at the start of the month, the whole month even when the period starts in it', () => {
    const hourly = approval('hourly', '2025-02-10', '2025-12-31', [segment('2025-02-10', 'TR-E', '38.50', '20'), segment('2025-07-01', 'TR-E', '38.50', '10')]);
    expect(shown(invoiceCeilings(hourly, '2025-02'))).toEqual([{ providerId: 'TR-E', quantity: '20', unit: 'hours', amount: '770.00' }]);
    expect(shown(invoiceCeilings(hourly, '2025-07'))).toEqual([{ providerId: 'TR-E', quantity: '10', unit: 'hours', amount: '385.00' }]);
    expect(invoiceCeilings(hourly, '2026-01')).toEqual([]);
  });

  it('counts the days each provider delivers under a daily rate, and the flat month without a quantity', () => {
    const daily = approval('daily', '2025-03-01', '2025-12-31', [segment('2025-03-01', 'TR-E', '250.00'), segment('2025-03-21', 'TR-F', '260.00')]);
    expect(shown(invoiceCeilings(daily, '2025-03'))).toEqual([
      { providerId: 'TR-E', quantity: '20', unit: 'days', amount: '5000.00' },
      { providerId: 'TR-F', quantity: '11', unit: 'days', amount: '2860.00' },
    ]);
    const monthly = approval('monthly', '2025-03-15', null, [segment('2025-03-15', 'TR-E', '1200.00')]);
    expect(shown(invoiceCeilings(monthly, '2025-03'))).toEqual([{ providerId: 'TR-E', quantity: null, unit: null, amount: '1200.00' }]);
  });
});
