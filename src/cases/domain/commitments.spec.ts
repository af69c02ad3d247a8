import { deciderSpec } from '../../../test/support/decider-spec';
import { decideChangeScope, decideGrantApproval, decideRollOver, decideTerminateApproval } from './approval.decisions';
import { caseDecider } from './case-state';
import {
  A,
  GivenApproval,
  caseOpened,
  commitmentReleased,
  dataOfAll,
  granted,
  grantFacts,
  invoiceSubmitted,
  invoiceVerified,
  moneyLines,
  open,
  paymentOrdered,
  perDay,
  perMonth,
  scopeFacts,
  totalOf,
} from './case.fixtures';
import { expectedCommitment, reconcileApproval, rollInto } from './commitments';
import { decideReversePayment, decideSubmitInvoice, decideVerifyInvoice } from './invoice.decisions';
import { decideFixKostenbeitrag } from './revenue.decisions';

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
const rollOver = deciderSpec(caseDecider, decideRollOver);
const submit = deciderSpec(caseDecider, decideSubmitInvoice);
const fixKostenbeitrag = deciderSpec(caseDecider, decideFixKostenbeitrag);
const terminate = deciderSpec(caseDecider, decideTerminateApproval);
const changeScope = deciderSpec(caseDecider, decideChangeScope);
const verify = deciderSpec(caseDecider, decideVerifyInvoice);
const reverse = deciderSpec(caseDecider, decideReversePayment);

/** SPFH, 20 FLS a month from 01.11.2025 without an end: committed to 31.12.2025. */
const openEndedSpfh: GivenApproval = { ...spfh, start: '2025-11-01', end: null, bescheidDate: '2025-10-20' };
const openEndedSpfhHistory = () => granted(openEndedSpfh, [perMonth('2025-11', '2025-12', '1300.00')]);

describe('R5 commitments: what an approval binds per fiscal year, month and provider', () => {
  it('commits a Bescheid of the previous year on 01.01. of the new year', () => {
    const events = grant
      .given([caseOpened])
      .when({ ...spfh, start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15' }, grantFacts())
      .events();
    const [commitment] = events.filter((e) => e.type === 'CommitmentRecorded');
    expect(commitment.businessDate).toBe('2025-01-01');
    expect(commitment.data).toMatchObject({ fiscalYear: 2025, total: '15600.00' });
  });

  it('counts daily rates by days of presence, first and last day inclusive, across month ends', () => {
    const events = grant
      .given([caseOpened])
      .when({ ...daily('195.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, grantFacts())
      .events();
    const lines = moneyLines(events);
    expect(lines[0]).toEqual(['CommitmentRecorded', 2025, 'TR-F', '2025-03', '6045.00']);
    expect(lines[1]).toEqual(['CommitmentRecorded', 2025, 'TR-F', '2025-04', '5850.00']);
    expect(totalOf(events, 'CommitmentRecorded')).toBe('59670.00');
  });

  it('counts 29 days in February of a leap year and 28 otherwise', () => {
    const leap = grant
      .given([caseOpened])
      .when({ ...daily('100.00'), start: '2028-02-01', end: '2028-02-29', bescheidDate: '2028-01-10' }, grantFacts())
      .events();
    expect(moneyLines(leap)).toEqual([['CommitmentRecorded', 2028, 'TR-F', '2028-02', '2900.00']]);
    const common = grant
      .given([caseOpened])
      .when({ ...daily('100.00'), start: '2027-02-15', end: '2027-03-02', bescheidDate: '2027-01-10' }, grantFacts())
      .events();
    expect(moneyLines(common)).toEqual([
      ['CommitmentRecorded', 2027, 'TR-F', '2027-02', '1400.00'],
      ['CommitmentRecorded', 2027, 'TR-F', '2027-03', '200.00'],
    ]);
  });

  it('commits an open-ended approval to 31.12. only; a fixed period into the next year becomes a Vorbelastung dated 01.01.', () => {
    const openEnded = grant.given([caseOpened]).when(openEndedSpfh, grantFacts()).events();
    expect(moneyLines(openEnded).map((l) => l[3])).toEqual(['2025-11', '2025-12']);
    const spanning = grant
      .given([caseOpened])
      .when({ ...openEndedSpfh, end: '2026-02-28' }, grantFacts())
      .events();
    const next = spanning.filter((e) => e.type === 'CommitmentRecorded' && e.data.fiscalYear === 2026);
    expect(next).toHaveLength(1);
    expect(next[0].businessDate).toBe('2026-01-01');
    expect(next[0].data).toMatchObject({ total: '2600.00' });
  });

  it('rolls an open-ended approval into the next year at year close, committed on 01.01.', () => {
    const rolled = rollOver.given(openEndedSpfhHistory()).when({ fiscalYear: 2025 }, open).events();
    expect(rolled[0]).toMatchObject({ type: 'ApprovalRolledOver', data: { fiscalYear: 2026 } });
    const commitment = rolled.find((e) => e.type === 'CommitmentRecorded')!;
    expect(commitment.businessDate).toBe('2026-01-01');
    expect(commitment.data).toMatchObject({ fiscalYear: 2026, total: '15600.00', reason: 'year-rollover' });
    rollOver
      .given([...openEndedSpfhHistory(), ...rolled])
      .when({ fiscalYear: 2025 }, open)
      .thenEvents([]);
  });

  it('R5 before the year close: an invoice for January of an open-ended approval first commits the new year from 01.01.', () => {
    const history = granted({ ...daily('195.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, [perDay('195.00', '2025-03-01', '2025-12-31')]);
    const january = { submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-F', serviceMonth: '2026-01', quantity: '31', invoiceNumber: 'RE-2026-01' };
    const when = submit.given(history).when(january, open);
    const events = when.events();
    expect(events.map((e) => e.type)).toEqual(['ApprovalRolledOver', 'CommitmentRecorded', 'InvoiceSubmitted']);
    expect(events[0]).toMatchObject({ data: { approvalId: A, fiscalYear: 2026 }, businessDate: '2026-01-01' });
    expect(events[1]).toMatchObject({ businessDate: '2026-01-01', data: { fiscalYear: 2026, total: '71175.00', reason: 'year-rollover' } });
    const after = when.thenState();
    expect(after.approvals[A].committedThrough).toBe(2026);
    expect(after.invoices[`${A}-R1`].amount).toBe('6045.00');
    // The year close finds nothing left to roll: the 2026 commitment is not doubled.
    rollOver
      .given([...history, ...events])
      .when({ fiscalYear: 2025 }, open)
      .thenEvents([]);
    expect(rollInto(after, A, 2026)).toEqual([]);
    // Into a closed year: refused like any booking.
    submit
      .given(history)
      .when({ ...january, invoiceNumber: 'x' }, { closedYears: [2026] })
      .thenRefused('fiscal-year-closed');
  });

  it('R5 before the year close: a Kostenbeitrag from a later year rolls year by year; a fixed period or a terminated approval does not roll', () => {
    const events = fixKostenbeitrag
      .given(openEndedSpfhHistory())
      .when({ approvalId: A, monthlyAmount: '50.00', from: '2027-02-01', to: null, businessDate: '2025-12-01' }, open)
      .events();
    expect(dataOfAll(events, 'ApprovalRolledOver').map((d) => d.fiscalYear)).toEqual([2026, 2027]);
    expect(events.flatMap((e) => (e.type === 'CommitmentRecorded' ? [[e.data.fiscalYear, e.businessDate, e.data.total]] : []))).toEqual([
      [2026, '2026-01-01', '15600.00'],
      [2027, '2027-01-01', '15600.00'],
    ]);
    expect(events.filter((e) => e.type === 'RevenueRecorded')).toHaveLength(11);
    const fixed = rollOver.given(granted({ ...openEndedSpfh, end: '2025-12-31' }, [perMonth('2025-11', '2025-12', '1300.00')])).state;
    expect(rollInto(fixed, A, 2026)).toEqual([]);
    const terminated = rollOver.given([
      ...openEndedSpfhHistory(),
      { type: 'ApprovalTerminated', data: { approvalId: A, reason: 'abbruch', effectiveEnd: '2025-12-15', note: null } },
    ]).state;
    expect(rollInto(terminated, A, 2026)).toEqual([]);
  });

  it('releases the rest of the year on termination mid-month (daily rate: to the effective end day)', () => {
    const events = terminate
      .given(granted({ ...daily('100.00'), start: '2025-03-01', end: null, bescheidDate: '2025-02-20' }, [perDay('100.00', '2025-03-01', '2025-12-31')]))
      .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-09-15', note: null, businessDate: '2025-09-10' }, open)
      .events();
    const released = moneyLines(events);
    expect(released[0]).toEqual(['CommitmentReleased', 2025, 'TR-F', '2025-09', '1500.00']);
    expect(released.map((l) => l[3])).toEqual(['2025-09', '2025-10', '2025-11', '2025-12']);
    expect(totalOf(events, 'CommitmentReleased')).toBe(String((15 + 31 + 30 + 31) * 100) + '.00');
    expect(events.find((e) => e.type === 'CommitmentReleased')!.businessDate).toBe('2025-09-10');
  });

  it('keeps a monthly flat rate for the month of a mid-month termination and releases the later months', () => {
    const events = terminate
      .given(
        granted(
          {
            legalBasis: '32',
            providerId: 'TR-G',
            rateType: 'monthly',
            rate: '2450.00',
            rateReason: 'x',
            start: '2025-05-01',
            end: null,
            bescheidDate: '2025-04-10',
          },
          [perMonth('2025-05', '2025-12', '2450.00')],
        ),
      )
      .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-09-30', note: null, businessDate: '2025-09-15' }, open)
      .events();
    expect(totalOf(events, 'CommitmentReleased')).toBe('7350.00');
  });

  it('moves the commitment to a new provider from a date (per provider lines)', () => {
    const events = changeScope
      .given(
        granted({ ...daily('195.00'), start: '2025-03-01', end: '2025-04-30', bescheidDate: '2025-02-20' }, [perDay('195.00', '2025-03-01', '2025-04-30')]),
      )
      .when(
        {
          approvalId: A,
          from: '2025-04-16',
          providerId: 'TR-X',
          rate: '195.00',
          rateReason: 'Wechsel',
          reason: 'Einrichtungswechsel',
          businessDate: '2025-04-10',
        },
        scopeFacts(),
      )
      .events();
    expect(moneyLines(events)).toEqual([
      ['CommitmentReleased', 2025, 'TR-F', '2025-04', '2925.00'],
      ['CommitmentRecorded', 2025, 'TR-X', '2025-04', '2925.00'],
    ]);
  });

  it('a change of provider across the year boundary binds each fiscal year per provider, the later year from its 01.01.', () => {
    const approval: GivenApproval = { ...spfh, start: '2025-10-01', end: '2026-03-31', bescheidDate: '2025-09-20' };
    const events = changeScope
      .given(granted(approval, [perMonth('2025-10', '2025-12', '1300.00'), perMonth('2026-01', '2026-03', '1300.00')]))
      .when(
        {
          approvalId: A,
          from: '2025-12-01',
          providerId: 'TR-X',
          reason: 'Trägerwechsel',
          businessDate: '2025-11-20',
          rate: '65.00',
          rateReason: 'Einzelvereinbarung',
        },
        scopeFacts(),
      )
      .events();
    expect(moneyLines(events)).toEqual([
      ['CommitmentReleased', 2025, 'TR-E', '2025-12', '1300.00'],
      ['CommitmentRecorded', 2025, 'TR-X', '2025-12', '1300.00'],
      ['CommitmentReleased', 2026, 'TR-E', '2026-01', '1300.00'],
      ['CommitmentReleased', 2026, 'TR-E', '2026-02', '1300.00'],
      ['CommitmentReleased', 2026, 'TR-E', '2026-03', '1300.00'],
      ['CommitmentRecorded', 2026, 'TR-X', '2026-01', '1300.00'],
      ['CommitmentRecorded', 2026, 'TR-X', '2026-02', '1300.00'],
      ['CommitmentRecorded', 2026, 'TR-X', '2026-03', '1300.00'],
    ]);
    expect(events.filter((e) => e.type.startsWith('Commitment')).map((e) => e.businessDate)).toEqual(['2025-11-20', '2025-11-20', '2026-01-01', '2026-01-01']);
  });
});

describe('R5 commitments: invoices consume and release them', () => {
  /** Schulbegleitung, 60 h × 38.50 = 2,310.00 a month, February to July 2025. */
  const schulbegleitung: GivenApproval = {
    legalBasis: '35a',
    providerId: 'TR-E',
    rateType: 'hourly',
    rate: '38.50',
    rateReason: 'x',
    hoursPerMonth: '60',
    start: '2025-02-01',
    end: '2025-07-31',
    bescheidDate: '2025-01-20',
  };
  const invoiced45 = () => [...granted(schulbegleitung, [perMonth('2025-02', '2025-07', '2310.00')]), invoiceSubmitted(1, 'TR-E', '2025-03', '45', '1732.50')];

  it('a verified invoice lower than the month releases the difference on the date of the second step', () => {
    const events = verify
      .given([...invoiced45(), invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-08')])
      .when({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: '2025-04-08' }, open)
      .events();
    expect(moneyLines(events)).toEqual([['CommitmentReleased', 2025, 'TR-E', '2025-03', '577.50']]);
    expect(events[1]).toMatchObject({ businessDate: '2025-04-08', data: { reason: 'invoice-lower', total: '577.50' } });
  });

  it('an invoice only submitted or checked sachlich richtig binds the approved amount still', () => {
    const state = verify.given([...invoiced45(), invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-08')]).state;
    expect(expectedCommitment(state, state.approvals[A], 2025).get('2025-03|TR-E')?.toFixed(2)).toBe('2310.00');
    expect(reconcileApproval(state, A, '2025-04-08', { recorded: 'x', released: 'y' })).toEqual([]);
  });

  it('a Storno re-opens the month at the approved amount; the expenditure is reversed', () => {
    const paid = [
      ...invoiced45(),
      invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-08'),
      invoiceVerified(1, 'rechnerisch-richtig', 'wiju-2', '2025-04-08'),
      commitmentReleased(schulbegleitung, [['2025-03', '577.50']], 'invoice-lower', '2025-04-08'),
      ...paymentOrdered(schulbegleitung, 1, '2025-03', '1732.50', '2025-04-10'),
    ];
    const events = reverse
      .given(paid)
      .when({ invoiceId: `${A}-R1`, reason: 'falscher Monat', businessDate: '2025-04-20' }, open)
      .events();
    expect(moneyLines(events)).toEqual([
      ['ExpenditureReversed', 2025, 'TR-E', '2025-03', '1732.50'],
      ['CommitmentRecorded', 2025, 'TR-E', '2025-03', '577.50'],
    ]);
    expect(events.find((e) => e.type === 'CommitmentRecorded')).toMatchObject({ businessDate: '2025-04-20', data: { reason: 'reversal-reopened' } });
  });

  it('a paid month stays bound at what was paid when a termination shortens the period around it', () => {
    const paidMarch = [
      ...granted(schulbegleitung, [perMonth('2025-02', '2025-07', '2310.00')]),
      invoiceSubmitted(1, 'TR-E', '2025-03', '60', '2310.00'),
      invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-08'),
      invoiceVerified(1, 'rechnerisch-richtig', 'wiju-2', '2025-04-08'),
      ...paymentOrdered(schulbegleitung, 1, '2025-03', '2310.00', '2025-04-10'),
    ];
    const events = terminate
      .given(paidMarch)
      .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-31', note: null, businessDate: '2025-04-15' }, open)
      .events();
    expect(moneyLines(events).map((l) => [l[0], l[3], l[4]])).toEqual(
      ['2025-04', '2025-05', '2025-06', '2025-07'].map((m) => ['CommitmentReleased', m, '2310.00']),
    );
  });
});
