import { decideChangeScope, decideExtendApproval, decideGrantApproval, decideRollInto, decideRollOver, decideTerminateApproval } from './approval.decisions';
import { decideSubmitInvoice } from './invoice.decisions';
import { decideFixKostenbeitrag } from './revenue.decisions';
import { apply, granted, lookups, moneyLines, open, openedCase, totalOf } from './case.fixtures';
import { refusal } from '../../../test/support/refusal';
import { approvedAmountOfMonth } from './approved-amounts';

const spfh = { legalBasis: '31' as const, providerId: 'TR-E', hoursPerMonth: '20', rateType: 'hourly' as const, rate: '65.00', rateReason: 'Einzelvereinbarung' };
const daily = (rate: string) => ({ legalBasis: '34' as const, providerId: 'TR-F', rateType: 'daily' as const, rate, rateReason: 'Einzelvereinbarung' });

describe('approvals: classification (R1) and rates', () => {
  it('takes the rate agreement in force when no rate is given', () => {
    const { events } = granted({ legalBasis: '31', providerId: 'TR-E', hoursPerMonth: '20', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' }, { agreementId: 'EV-TR-E-1', rateType: 'hourly', amount: '65.00' });
    const grantedEvent = events.find((e) => e.type === 'ApprovalGranted')!;
    expect((grantedEvent.data as any).segment).toMatchObject({ rate: '65.00', agreementId: 'EV-TR-E-1', rateReason: null });
  });

  it('refuses a rate differing from the agreement without a reason, and a missing rate without an agreement', () => {
    const state = openedCase();
    expect(refusal(() => decideGrantApproval({ ...daily('200.00'), rateReason: undefined, start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, state, lookups({ agreementId: 'EV-TR-F-1', rateType: 'daily', amount: '195.00' }), open)).problem).toBe('rate-reason-required');
    expect(refusal(() => decideGrantApproval({ legalBasis: '34', providerId: 'TR-F', start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, state, lookups(null), open)).problem).toBe('rate-required');
    expect(refusal(() => decideGrantApproval({ ...spfh, hoursPerMonth: undefined, start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, state, lookups(), open)).problem).toBe('hours-required');
    expect(refusal(() => decideGrantApproval({ ...spfh, start: '2025-03-01', end: '2025-02-28', bescheidDate: '2025-01-01' }, state, lookups(), open)).problem).toBe('invalid-period');
  });

  it('classifies § 42 and daily rates above 300.00 outside the budget, 300.00 itself inside', () => {
    const inob = granted({ legalBasis: '42', providerId: 'TR-F', rateType: 'daily', rate: '220.00', rateReason: 'x', start: '2025-10-06', end: '2025-10-19', bescheidDate: '2025-10-06' });
    expect(inob.state.approvals['TW-25-001-B1'].classification).toMatchObject({ inBudget: false, reason: 'excluded-legal-basis' });
    expect(granted({ ...daily('300.01'), start: '2025-10-01', end: null, bescheidDate: '2025-09-24' }).state.approvals['TW-25-001-B1'].classification.reason).toBe('high-cost');
    expect(granted({ ...daily('300.00'), start: '2025-10-01', end: null, bescheidDate: '2025-09-24' }).state.approvals['TW-25-001-B1'].classification.reason).toBe('in-budget');
    const out = inob.events.find((e) => e.type === 'CommitmentRecorded')!;
    expect(out.data).toMatchObject({ inBudget: false, outOfBudgetReason: 'excluded-legal-basis', total: '3080.00' });
  });
});

describe('approvals: commitments per fiscal year (R5)', () => {
  it('commits a Bescheid of the previous year on 01.01. of the new year', () => {
    const { events } = granted({ ...spfh, start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' });
    const commitment = events.find((e) => e.type === 'CommitmentRecorded')!;
    expect(commitment.businessDate).toBe('2025-01-01');
    expect(commitment.data).toMatchObject({ fiscalYear: 2025, total: '15600.00' });
  });

  it('counts daily rates by days of presence, first and last day inclusive, across month ends', () => {
    const { events } = granted({ ...daily('195.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    const lines = moneyLines(events);
    expect(lines[0]).toEqual(['CommitmentRecorded', 2025, 'TR-F', '2025-03', '6045.00']);
    expect(lines[1]).toEqual(['CommitmentRecorded', 2025, 'TR-F', '2025-04', '5850.00']);
    expect(totalOf(events, 'CommitmentRecorded')).toBe('59670.00');
  });

  it('counts 29 days in February of a leap year and 28 otherwise', () => {
    const leap = granted({ ...daily('100.00'), start: '2028-02-01', end: '2028-02-29', bescheidDate: '2028-01-10' });
    expect(moneyLines(leap.events)).toEqual([['CommitmentRecorded', 2028, 'TR-F', '2028-02', '2900.00']]);
    const common = granted({ ...daily('100.00'), start: '2027-02-15', end: '2027-03-02', bescheidDate: '2027-01-10' });
    expect(moneyLines(common.events)).toEqual([
      ['CommitmentRecorded', 2027, 'TR-F', '2027-02', '1400.00'],
      ['CommitmentRecorded', 2027, 'TR-F', '2027-03', '200.00'],
    ]);
  });

  it('commits an open-ended approval to 31.12. only; a fixed period into the next year becomes a Vorbelastung dated 01.01.', () => {
    const openEnded = granted({ ...spfh, start: '2025-11-01', end: null, bescheidDate: '2025-10-20' });
    expect(moneyLines(openEnded.events).map((l) => l[3])).toEqual(['2025-11', '2025-12']);
    const spanning = granted({ ...spfh, start: '2025-11-01', end: '2026-02-28', bescheidDate: '2025-10-20' });
    const next = spanning.events.filter((e) => e.type === 'CommitmentRecorded' && (e.data as any).fiscalYear === 2026);
    expect(next).toHaveLength(1);
    expect(next[0].businessDate).toBe('2026-01-01');
    expect(next[0].data).toMatchObject({ total: '2600.00' });
  });

  it('rolls an open-ended approval into the next year at year close, committed on 01.01.', () => {
    const { state } = granted({ ...spfh, start: '2025-11-01', end: null, bescheidDate: '2025-10-20' });
    const rolled = decideRollOver(state, 2025, open);
    expect(rolled[0]).toMatchObject({ type: 'ApprovalRolledOver', data: { fiscalYear: 2026 } });
    const commitment = rolled.find((e) => e.type === 'CommitmentRecorded')!;
    expect(commitment.businessDate).toBe('2026-01-01');
    expect(commitment.data).toMatchObject({ fiscalYear: 2026, total: '15600.00', reason: 'year-rollover' });
    expect(decideRollOver(apply(state, rolled), 2025, open)).toEqual([]);
  });

  it('R5 before the year close: an invoice for January of an open-ended approval first commits the new year from 01.01.', () => {
    const { state } = granted({ ...daily('195.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    const events = decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: 'TW-25-001-B1', providerId: 'TR-F', serviceMonth: '2026-01', quantity: '31', invoiceNumber: 'RE-2026-01' }, state, open);
    expect(events.map((e) => e.type)).toEqual(['ApprovalRolledOver', 'CommitmentRecorded', 'InvoiceSubmitted']);
    expect(events[0]).toMatchObject({ data: { approvalId: 'TW-25-001-B1', fiscalYear: 2026 }, businessDate: '2026-01-01' });
    expect(events[1]).toMatchObject({ businessDate: '2026-01-01', data: { fiscalYear: 2026, total: '71175.00', reason: 'year-rollover' } });
    const after = apply(state, events);
    expect(after.approvals['TW-25-001-B1'].committedThrough).toBe(2026);
    expect(after.invoices['TW-25-001-B1-R1'].amount).toBe('6045.00');
    // The year close finds nothing left to roll: the 2026 commitment is not doubled.
    expect(decideRollOver(after, 2025, open)).toEqual([]);
    expect(decideRollInto(after, 'TW-25-001-B1', 2026, open)).toEqual([]);
    // Into a closed year: refused like any booking.
    expect(refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: 'TW-25-001-B1', providerId: 'TR-F', serviceMonth: '2026-01', quantity: '31', invoiceNumber: 'x' }, state, { closedYears: [2026] })).problem).toBe('fiscal-year-closed');
  });

  it('R5 before the year close: a Kostenbeitrag from a later year rolls year by year; a fixed period or a terminated approval does not roll', () => {
    const { state } = granted({ ...spfh, start: '2025-11-01', end: null, bescheidDate: '2025-10-20' });
    const events = decideFixKostenbeitrag({ approvalId: 'TW-25-001-B1', monthlyAmount: '50.00', from: '2027-02-01', to: null, businessDate: '2025-12-01' }, state, open);
    expect(events.filter((e) => e.type === 'ApprovalRolledOver').map((e) => (e.data as any).fiscalYear)).toEqual([2026, 2027]);
    expect(events.filter((e) => e.type === 'CommitmentRecorded').map((e) => [(e.data as any).fiscalYear, e.businessDate, (e.data as any).total])).toEqual([
      [2026, '2026-01-01', '15600.00'],
      [2027, '2027-01-01', '15600.00'],
    ]);
    expect(events.filter((e) => e.type === 'RevenueRecorded')).toHaveLength(11);
    const fixed = granted({ ...spfh, start: '2025-11-01', end: '2025-12-31', bescheidDate: '2025-10-20' }).state;
    expect(decideRollInto(fixed, 'TW-25-001-B1', 2026, open)).toEqual([]);
  });

  it('releases the rest of the year on termination mid-month (daily rate: to the effective end day)', () => {
    const { state } = granted({ ...daily('100.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    const events = decideTerminateApproval({ approvalId: 'TW-25-001-B1', reason: 'abbruch', effectiveEnd: '2025-09-15', note: null, businessDate: '2025-09-10' }, state, open);
    const released = moneyLines(events);
    expect(released[0]).toEqual(['CommitmentReleased', 2025, 'TR-F', '2025-09', '1500.00']);
    expect(released.map((l) => l[3])).toEqual(['2025-09', '2025-10', '2025-11', '2025-12']);
    expect(totalOf(events, 'CommitmentReleased')).toBe(String((15 + 31 + 30 + 31) * 100) + '.00');
    expect(events.find((e) => e.type === 'CommitmentReleased')!.businessDate).toBe('2025-09-10');
  });

  it('keeps a monthly flat rate for the month of a mid-month termination and releases the later months', () => {
    const { state } = granted({ legalBasis: '32', providerId: 'TR-G', rateType: 'monthly', rate: '2450.00', rateReason: 'x', start: '2025-05-01', end: null, bescheidDate: '2025-04-10' });
    const events = decideTerminateApproval({ approvalId: 'TW-25-001-B1', reason: 'abbruch', effectiveEnd: '2025-09-30', note: null, businessDate: '2025-09-15' }, state, open);
    expect(totalOf(events, 'CommitmentReleased')).toBe('7350.00');
  });

  it('extends a fixed period and commits the added months; refuses an end that is not later', () => {
    const { state } = granted({ ...spfh, start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' });
    const events = decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-09-30', reason: 'Fortsetzung', businessDate: '2025-06-20' }, state, null, open);
    expect(moneyLines(events).map((l) => [l[3], l[4]])).toEqual([
      ['2025-07', '1300.00'],
      ['2025-08', '1300.00'],
      ['2025-09', '1300.00'],
    ]);
    expect(refusal(() => decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-06-30', reason: 'x', businessDate: '2025-06-20' }, state, null, open)).problem).toBe('not-an-extension');
  });

  it('an extension that lowers the hours is one decision: the extended months at the new scope, one commitment for the difference', () => {
    const agreement = { agreementId: 'EV-TR-E-1', rateType: 'hourly' as const, amount: '65.00' };
    const { state } = granted({ legalBasis: '31', providerId: 'TR-E', hoursPerMonth: '24', start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' }, agreement);
    const events = decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-12-31', hoursPerMonth: '16', reason: 'Fortsetzung mit weniger Stunden', businessDate: '2025-06-20' }, state, lookups(agreement), open);
    expect(events.map((e) => e.type)).toEqual(['ApprovalExtended', 'CommitmentRecorded']);
    expect(events[0].data).toMatchObject({ previousEnd: '2025-06-30', newEnd: '2025-12-31', segment: { from: '2025-07-01', providerId: 'TR-E', rate: '65.00', hoursPerMonth: '16', agreementId: 'EV-TR-E-1', rateReason: null } });
    // 16 FLS × 65.00 = 1040.00 for July to December; the first half year keeps 24 × 65.00 = 1560.00.
    expect(moneyLines(events)).toEqual(['07', '08', '09', '10', '11', '12'].map((m) => ['CommitmentRecorded', 2025, 'TR-E', `2025-${m}`, '1040.00']));
    expect(events[1]).toMatchObject({ businessDate: '2025-06-20', data: { total: '6240.00', reason: 'extension' } });
    const after = apply(state, events);
    expect(after.approvals['TW-25-001-B1'].segments.map((s) => [s.from, s.hoursPerMonth])).toEqual([
      ['2025-01-01', '24'],
      ['2025-07-01', '16'],
    ]);
    expect(approvedAmountOfMonth(after.approvals['TW-25-001-B1'], '2025-06').get('TR-E')!.toFixed(2)).toBe('1560.00');
    expect(approvedAmountOfMonth(after.approvals['TW-25-001-B1'], '2025-07').get('TR-E')!.toFixed(2)).toBe('1040.00');
    expect(after.approvals['TW-25-001-B1'].committed[2025]).toEqual(Object.fromEntries(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2025-${m}|TR-E`, m <= '06' ? '1560.00' : '1040.00']),
    ));
  });

  it('an extension with a new scope: into the next year one commitment per fiscal year; after a mid-month end from the next month (FLS) or the next day (daily rate)', () => {
    const { state } = granted({ ...spfh, hoursPerMonth: '24', start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' });
    const spanning = decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2026-03-31', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-20' }, state, lookups(), open);
    expect(spanning.filter((e) => e.type !== 'ApprovalExtended').map((e) => [e.type, (e.data as any).fiscalYear, e.businessDate, (e.data as any).total])).toEqual([
      ['CommitmentRecorded', 2025, '2025-06-20', '6240.00'],
      ['CommitmentRecorded', 2026, '2026-01-01', '3120.00'],
    ]);

    const midMonth = granted({ ...spfh, hoursPerMonth: '24', start: '2025-01-01', end: '2025-06-15', bescheidDate: '2024-12-15' }).state;
    const fls = decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-08-31', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-10' }, midMonth, lookups(), open);
    expect((fls[0].data as any).segment.from).toBe('2025-07-01');
    expect(moneyLines(fls)).toEqual([
      ['CommitmentRecorded', 2025, 'TR-E', '2025-07', '1040.00'],
      ['CommitmentRecorded', 2025, 'TR-E', '2025-08', '1040.00'],
    ]);
    // Within the month of the current end a monthly or FLS scope would apply to no month.
    expect(refusal(() => decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-06-30', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-10' }, midMonth, lookups(), open)).problem).toBe('change-not-at-month-start');

    const stay = granted({ ...daily('195.00'), start: '2025-03-01', end: '2025-03-15', bescheidDate: '2025-02-20' }).state;
    const days = decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-04-30', rate: '180.00', rateReason: 'Anschlussvereinbarung', reason: 'x', businessDate: '2025-03-10' }, stay, lookups(), open);
    expect((days[0].data as any).segment).toMatchObject({ from: '2025-03-16', rate: '180.00', rateReason: 'Anschlussvereinbarung' });
    expect(moneyLines(days)).toEqual([
      ['CommitmentRecorded', 2025, 'TR-F', '2025-03', String(16 * 180) + '.00'],
      ['CommitmentRecorded', 2025, 'TR-F', '2025-04', String(30 * 180) + '.00'],
    ]);
  });

  it('refuses a new scope of an extension as a change of scope refuses it', () => {
    const agreement = { agreementId: 'EV-TR-E-1', rateType: 'hourly' as const, amount: '65.00' };
    const fls = granted({ legalBasis: '31', providerId: 'TR-E', hoursPerMonth: '24', start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' }, agreement).state;
    const extend = (scope: object, state = fls, agreementThen: typeof agreement | null = agreement) =>
      refusal(() => decideExtendApproval({ approvalId: 'TW-25-001-B1', newEnd: '2025-12-31', reason: 'x', businessDate: '2025-06-20', ...scope }, state, lookups(agreementThen), open)).problem;
    expect(extend({ hoursPerMonth: '0' })).toBe('hours-not-positive');
    expect(extend({ rate: '0.00', rateReason: 'x' })).toBe('amount-not-positive');
    expect(extend({ rate: '70.00' })).toBe('rate-reason-required');
    // The agreement in force when the extended period begins decides, not the one the approval started with.
    expect(extend({ hoursPerMonth: '16' }, fls, { agreementId: 'EV-TR-E-2', rateType: 'hourly', amount: '68.00' })).toBe('rate-reason-required');
    const stay = granted({ ...daily('295.00'), start: '2025-03-01', end: '2025-06-30', bescheidDate: '2025-02-20' }).state;
    expect(extend({ hoursPerMonth: '16' }, stay, null)).toBe('hours-not-applicable');
    expect(extend({ rate: '320.00', rateReason: 'x' }, stay, null)).toBe('classification-would-change');
  });

  it('changes hours from the first of a month and re-commits the difference; refuses a mid-month change for FLS', () => {
    const { state } = granted({ ...spfh, start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' });
    const events = decideChangeScope({ approvalId: 'TW-25-001-B1', from: '2025-07-01', hoursPerMonth: '15', reason: 'weniger Bedarf', businessDate: '2025-06-25' }, state, lookups(), open);
    expect(totalOf(events, 'CommitmentReleased')).toBe(String(6 * 5 * 65) + '.00');
    expect(refusal(() => decideChangeScope({ approvalId: 'TW-25-001-B1', from: '2025-07-15', hoursPerMonth: '15', reason: 'x', businessDate: '2025-06-25' }, state, lookups(), open)).problem).toBe('change-not-at-month-start');
  });

  it('moves the commitment to a new provider from a date (per provider lines)', () => {
    const { state } = granted({ ...daily('195.00'), start: '2025-03-01', end: '2025-04-30', bescheidDate: '2025-02-20' });
    const events = decideChangeScope({ approvalId: 'TW-25-001-B1', from: '2025-04-16', providerId: 'TR-X', rate: '195.00', rateReason: 'Wechsel', reason: 'Einrichtungswechsel', businessDate: '2025-04-10' }, state, lookups(), open);
    expect(moneyLines(events)).toEqual([
      ['CommitmentReleased', 2025, 'TR-F', '2025-04', '2925.00'],
      ['CommitmentRecorded', 2025, 'TR-X', '2025-04', '2925.00'],
    ]);
  });

  it('refuses a change that would turn an in-budget approval into a Hochkostenfall', () => {
    const { state } = granted({ ...daily('295.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    expect(refusal(() => decideChangeScope({ approvalId: 'TW-25-001-B1', from: '2025-06-01', rate: '320.00', rateReason: 'x', reason: 'x', businessDate: '2025-05-20' }, state, lookups(), open)).problem).toBe('classification-would-change');
  });

  it('refuses bookings into a closed fiscal year, but never refuses an approval for lack of budget (R8)', () => {
    const state = openedCase();
    expect(refusal(() => decideGrantApproval({ ...spfh, start: '2024-06-01', end: '2025-03-31', bescheidDate: '2025-01-10' }, state, lookups(), { closedYears: [2024] })).problem).toBe('fiscal-year-closed');
    // 25,000.00 a month for a year: 150 % of a budget of 200,000.00 — still decided, nothing looks at the budget.
    const big = decideGrantApproval({ legalBasis: '35', providerId: 'TR-E', rateType: 'monthly', rate: '25000.00', rateReason: 'Intensivbetreuung', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2025-01-02' }, state, lookups(), open);
    expect(totalOf(big, 'CommitmentRecorded')).toBe('300000.00');
  });
});
