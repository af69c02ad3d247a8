import { deciderSpec } from '../../../test/support/decider-spec';
import { decideChangeScope, decideExtendApproval, decideGrantApproval } from './approval.decisions';
import { approvedAmountOfMonth } from './approved-amounts';
import { caseDecider } from './case-state';
import { A, GivenApproval, caseOpened, dataOf, granted, grantFacts, moneyLines, perDay, perMonth, scopeFacts, totalOf } from './case.fixtures';

const spfh = {
  legalBasis: '31' as const,
  providerId: 'TR-E',
  hoursPerMonth: '20',
  rateType: 'hourly' as const,
  rate: '65.00',
  rateReason: 'Einzelvereinbarung',
};
const daily = (rate: string) => ({ legalBasis: '34' as const, providerId: 'TR-F', rateType: 'daily' as const, rate, rateReason: 'Einzelvereinbarung' });

const grant = deciderSpec(caseDecider, decideGrantApproval);
const extend = deciderSpec(caseDecider, decideExtendApproval);
const changeScope = deciderSpec(caseDecider, decideChangeScope);

/** SPFH, 24 FLS × 65.00 = 1,560.00 a month, first half of 2025 (Bescheid of 15.12.2024). */
const spfh24: GivenApproval = { ...spfh, hoursPerMonth: '24', start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' };

describe('approvals: classification (R1) and rates', () => {
  it('takes the rate agreement in force when no rate is given', () => {
    const events = grant
      .given([caseOpened])
      .when(
        { legalBasis: '31', providerId: 'TR-E', hoursPerMonth: '20', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' },
        grantFacts({ agreementId: 'EV-TR-E-1', rateType: 'hourly', amount: '65.00' }),
      )
      .events();
    expect(dataOf(events, 'ApprovalGranted').segment).toMatchObject({ rate: '65.00', agreementId: 'EV-TR-E-1', rateReason: null });
  });

  it('refuses a rate differing from the agreement without a reason, and a missing rate without an agreement', () => {
    const opened = grant.given([caseOpened]);
    opened
      .when(
        { ...daily('200.00'), rateReason: undefined, start: '2025-03-01', end: null, bescheidDate: '2025-02-20' },
        grantFacts({ agreementId: 'EV-TR-F-1', rateType: 'daily', amount: '195.00' }),
      )
      .thenRefused('rate-reason-required');
    opened
      .when({ legalBasis: '34', providerId: 'TR-F', start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, grantFacts(null))
      .thenRefused('rate-required');
    opened.when({ ...spfh, hoursPerMonth: undefined, start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, grantFacts()).thenRefused('hours-required');
    opened.when({ ...spfh, start: '2025-03-01', end: '2025-02-28', bescheidDate: '2025-01-01' }, grantFacts()).thenRefused('invalid-period');
  });

  it('classifies § 42 and daily rates above 300.00 outside the budget, 300.00 itself inside', () => {
    const opened = grant.given([caseOpened]);
    const inob = opened.when(
      {
        legalBasis: '42',
        providerId: 'TR-F',
        rateType: 'daily',
        rate: '220.00',
        rateReason: 'x',
        start: '2025-10-06',
        end: '2025-10-19',
        bescheidDate: '2025-10-06',
      },
      grantFacts(),
    );
    expect(inob.thenState().approvals[A].classification).toMatchObject({ inBudget: false, reason: 'excluded-legal-basis' });
    expect(
      opened.when({ ...daily('300.01'), start: '2025-10-01', end: null, bescheidDate: '2025-09-24' }, grantFacts()).thenState().approvals[A].classification
        .reason,
    ).toBe('high-cost');
    expect(
      opened.when({ ...daily('300.00'), start: '2025-10-01', end: null, bescheidDate: '2025-09-24' }, grantFacts()).thenState().approvals[A].classification
        .reason,
    ).toBe('in-budget');
    expect(dataOf(inob.events(), 'CommitmentRecorded')).toMatchObject({ inBudget: false, outOfBudgetReason: 'excluded-legal-basis', total: '3080.00' });
  });

  it('refuses bookings into a closed fiscal year, but never refuses an approval for lack of budget (R8)', () => {
    const opened = grant.given([caseOpened]);
    opened.when({ ...spfh, start: '2024-06-01', end: '2025-03-31', bescheidDate: '2025-01-10' }, grantFacts(null, [2024])).thenRefused('fiscal-year-closed');
    // 25,000.00 a month for a year: 150 % of a budget of 200,000.00 — still decided, nothing looks at the budget.
    const big = opened
      .when(
        {
          legalBasis: '35',
          providerId: 'TR-E',
          rateType: 'monthly',
          rate: '25000.00',
          rateReason: 'Intensivbetreuung',
          start: '2025-01-01',
          end: '2025-12-31',
          bescheidDate: '2025-01-02',
        },
        grantFacts(),
      )
      .events();
    expect(totalOf(big, 'CommitmentRecorded')).toBe('300000.00');
  });

  it('refuses a Bescheid dated into a closed year even when it books only the next one', () => {
    grant
      .given([caseOpened])
      .when({ ...spfh, start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' }, grantFacts(null, [2024]))
      .thenRefused('fiscal-year-closed', '2024 is closed; a decision dated 2024-12-15 cannot be recorded any more');
  });
});

describe('approvals: extensions and changes of scope', () => {
  it('extends a fixed period and commits the added months; refuses an end that is not later', () => {
    const given = extend.given(
      granted({ ...spfh, start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' }, [perMonth('2025-01', '2025-06', '1300.00')]),
    );
    const events = given.when({ approvalId: A, newEnd: '2025-09-30', reason: 'Fortsetzung', businessDate: '2025-06-20' }, scopeFacts()).events();
    expect(moneyLines(events).map((l) => [l[3], l[4]])).toEqual([
      ['2025-07', '1300.00'],
      ['2025-08', '1300.00'],
      ['2025-09', '1300.00'],
    ]);
    given.when({ approvalId: A, newEnd: '2025-06-30', reason: 'x', businessDate: '2025-06-20' }, scopeFacts()).thenRefused('not-an-extension');
  });

  it('an extension that lowers the hours is one decision: the extended months at the new scope, one commitment for the difference', () => {
    const agreement = { agreementId: 'EV-TR-E-1', rateType: 'hourly' as const, amount: '65.00' };
    const given = extend.given(granted({ ...spfh24, rateReason: undefined, agreementId: 'EV-TR-E-1' }, [perMonth('2025-01', '2025-06', '1560.00')]));
    const when = given.when(
      { approvalId: A, newEnd: '2025-12-31', hoursPerMonth: '16', reason: 'Fortsetzung mit weniger Stunden', businessDate: '2025-06-20' },
      scopeFacts(agreement),
    );
    const events = when.events();
    expect(events.map((e) => e.type)).toEqual(['ApprovalExtended', 'CommitmentRecorded']);
    expect(events[0].data).toMatchObject({
      previousEnd: '2025-06-30',
      newEnd: '2025-12-31',
      segment: { from: '2025-07-01', providerId: 'TR-E', rate: '65.00', hoursPerMonth: '16', agreementId: 'EV-TR-E-1', rateReason: null },
    });
    // 16 FLS × 65.00 = 1040.00 for July to December; the first half year keeps 24 × 65.00 = 1560.00.
    expect(moneyLines(events)).toEqual(['07', '08', '09', '10', '11', '12'].map((m) => ['CommitmentRecorded', 2025, 'TR-E', `2025-${m}`, '1040.00']));
    expect(events[1]).toMatchObject({ businessDate: '2025-06-20', data: { total: '6240.00', reason: 'extension' } });
    const after = when.thenState();
    expect(after.approvals[A].segments.map((s) => [s.from, s.hoursPerMonth])).toEqual([
      ['2025-01-01', '24'],
      ['2025-07-01', '16'],
    ]);
    expect(approvedAmountOfMonth(after.approvals[A], '2025-06').get('TR-E')!.toFixed(2)).toBe('1560.00');
    expect(approvedAmountOfMonth(after.approvals[A], '2025-07').get('TR-E')!.toFixed(2)).toBe('1040.00');
    expect(after.approvals[A].committed[2025]).toEqual(
      Object.fromEntries(
        ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2025-${m}|TR-E`, m <= '06' ? '1560.00' : '1040.00']),
      ),
    );
  });

  it('an extension with a new scope: into the next year one commitment per fiscal year; after a mid-month end from the next month (FLS) or the next day (daily rate)', () => {
    const spanning = extend
      .given(granted(spfh24, [perMonth('2025-01', '2025-06', '1560.00')]))
      .when({ approvalId: A, newEnd: '2026-03-31', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-20' }, scopeFacts())
      .events();
    expect(dataOfCommitments(spanning)).toEqual([
      ['CommitmentRecorded', 2025, '2025-06-20', '6240.00'],
      ['CommitmentRecorded', 2026, '2026-01-01', '3120.00'],
    ]);

    // FLS are per calendar month (R3): the month of a mid-month end is approved in full.
    const midMonth = extend.given(granted({ ...spfh24, end: '2025-06-15' }, [perMonth('2025-01', '2025-06', '1560.00')]));
    const fls = midMonth.when({ approvalId: A, newEnd: '2025-08-31', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-10' }, scopeFacts()).events();
    expect(dataOf(fls, 'ApprovalExtended').segment?.from).toBe('2025-07-01');
    expect(moneyLines(fls)).toEqual([
      ['CommitmentRecorded', 2025, 'TR-E', '2025-07', '1040.00'],
      ['CommitmentRecorded', 2025, 'TR-E', '2025-08', '1040.00'],
    ]);
    // Within the month of the current end a monthly or FLS scope would apply to no month.
    midMonth
      .when({ approvalId: A, newEnd: '2025-06-30', hoursPerMonth: '16', reason: 'x', businessDate: '2025-06-10' }, scopeFacts())
      .thenRefused('change-not-at-month-start');

    const stay = extend.given(
      granted({ ...daily('195.00'), start: '2025-03-01', end: '2025-03-15', bescheidDate: '2025-02-20' }, [perDay('195.00', '2025-03-01', '2025-03-15')]),
    );
    const days = stay
      .when({ approvalId: A, newEnd: '2025-04-30', rate: '180.00', rateReason: 'Anschlussvereinbarung', reason: 'x', businessDate: '2025-03-10' }, scopeFacts())
      .events();
    expect(dataOf(days, 'ApprovalExtended').segment).toMatchObject({ from: '2025-03-16', rate: '180.00', rateReason: 'Anschlussvereinbarung' });
    expect(moneyLines(days)).toEqual([
      ['CommitmentRecorded', 2025, 'TR-F', '2025-03', String(16 * 180) + '.00'],
      ['CommitmentRecorded', 2025, 'TR-F', '2025-04', String(30 * 180) + '.00'],
    ]);
  });

  it('refuses a new scope of an extension as a change of scope refuses it', () => {
    const agreement = { agreementId: 'EV-TR-E-1', rateType: 'hourly' as const, amount: '65.00' };
    const fls = granted({ ...spfh24, rateReason: undefined, agreementId: 'EV-TR-E-1' }, [perMonth('2025-01', '2025-06', '1560.00')]);
    const extendBy = (scope: object, history = fls, agreementThen: typeof agreement | null = agreement) =>
      extend.given(history).when({ approvalId: A, newEnd: '2025-12-31', reason: 'x', businessDate: '2025-06-20', ...scope }, scopeFacts(agreementThen));
    extendBy({ hoursPerMonth: '0' }).thenRefused('hours-not-positive');
    extendBy({ rate: '0.00', rateReason: 'x' }).thenRefused('amount-not-positive');
    extendBy({ rate: '70.00' }).thenRefused('rate-reason-required');
    // The agreement in force when the extended period begins decides, not the one the approval started with.
    extendBy({ hoursPerMonth: '16' }, fls, { agreementId: 'EV-TR-E-2', rateType: 'hourly', amount: '68.00' }).thenRefused('rate-reason-required');
    const stay = granted({ ...daily('295.00'), start: '2025-03-01', end: '2025-06-30', bescheidDate: '2025-02-20' }, [
      perDay('295.00', '2025-03-01', '2025-06-30'),
    ]);
    extendBy({ hoursPerMonth: '16' }, stay, null).thenRefused('hours-not-applicable');
    extendBy({ rate: '320.00', rateReason: 'x' }, stay, null).thenRefused('classification-would-change');
  });

  it('changes hours from the first of a month and re-commits the difference; refuses a mid-month change for FLS', () => {
    const given = changeScope.given(
      granted({ ...spfh, start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' }, [perMonth('2025-01', '2025-12', '1300.00')]),
    );
    const events = given
      .when({ approvalId: A, from: '2025-07-01', hoursPerMonth: '15', reason: 'weniger Bedarf', businessDate: '2025-06-25' }, scopeFacts())
      .events();
    expect(totalOf(events, 'CommitmentReleased')).toBe(String(6 * 5 * 65) + '.00');
    given
      .when({ approvalId: A, from: '2025-07-15', hoursPerMonth: '15', reason: 'x', businessDate: '2025-06-25' }, scopeFacts())
      .thenRefused('change-not-at-month-start');
  });

  it('refuses a change that would turn an in-budget approval into a Hochkostenfall', () => {
    changeScope
      .given(granted({ ...daily('295.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, [perDay('295.00', '2025-03-01', '2025-12-31')]))
      .when({ approvalId: A, from: '2025-06-01', rate: '320.00', rateReason: 'x', reason: 'x', businessDate: '2025-05-20' }, scopeFacts())
      .thenRefused('classification-would-change');
  });
});

/** The events after the extension as [type, fiscalYear, businessDate, total] (commitments) or [type]. */
function dataOfCommitments(events: ReturnType<typeof decideExtendApproval>) {
  return events
    .filter((e) => e.type !== 'ApprovalExtended')
    .map((e) => (e.type === 'CommitmentRecorded' || e.type === 'CommitmentReleased' ? [e.type, e.data.fiscalYear, e.businessDate, e.data.total] : [e.type]));
}
