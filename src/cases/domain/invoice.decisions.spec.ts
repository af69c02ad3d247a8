import { Decimal, formatAmount } from '../../../libs/money';
import { deciderSpec } from '../../../test/support/decider-spec';
import { decideTerminateApproval } from './approval.decisions';
import { CaseStreamEvent } from './case.events';
import { caseDecider } from './case-state';
import {
  A,
  GivenApproval,
  commitmentReleased,
  dataOfAll,
  granted,
  invoiceSubmitted,
  invoiceVerified,
  moneyLines,
  open,
  paymentOrdered,
  perDay,
  perMonth,
} from './case.fixtures';
import { fiscalYearsConcerned, fiscalYearsOf } from './closed-years';
import { decideOrderPayment, decideRejectInvoice, decideReversePayment, decideSubmitInvoice, decideVerifyInvoice } from './invoice.decisions';
import { decideClaimKostenerstattung, decideFixKostenbeitrag } from './revenue.decisions';

const submit = deciderSpec(caseDecider, decideSubmitInvoice);
const verify = deciderSpec(caseDecider, decideVerifyInvoice);
const reject = deciderSpec(caseDecider, decideRejectInvoice);
const orderPayment = deciderSpec(caseDecider, decideOrderPayment);
const reverse = deciderSpec(caseDecider, decideReversePayment);
const terminate = deciderSpec(caseDecider, decideTerminateApproval);
const fixKostenbeitrag = deciderSpec(caseDecider, decideFixKostenbeitrag);
const claimKostenerstattung = deciderSpec(caseDecider, decideClaimKostenerstattung);

/** Schulbegleitung, 60 h × 38.50 = 2,310.00 a month, February to July 2025. */
const schul: GivenApproval = {
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
const schulbegleitung = () => granted(schul, [perMonth('2025-02', '2025-07', '2310.00')]);

/** Day rate 195.00 from 10.03.2025 without an end. */
const stay: GivenApproval = {
  legalBasis: '34',
  providerId: 'TR-F',
  rateType: 'daily',
  rate: '195.00',
  rateReason: 'x',
  start: '2025-03-10',
  end: null,
  bescheidDate: '2025-03-01',
};
const stayHistory = () => granted(stay, [perDay('195.00', '2025-03-10', '2025-12-31')]);

const invoiceCount = (history: CaseStreamEvent[]) => history.filter((e) => e.type === 'InvoiceSubmitted').length;

/** The history with the next invoice of the Schulbegleitung: the hours at 38.50. */
function submitted(history: CaseStreamEvent[], month: string, hours: string): CaseStreamEvent[] {
  return [...history, invoiceSubmitted(invoiceCount(history) + 1, 'TR-E', month, hours, formatAmount(new Decimal(hours).times('38.50')))];
}

/** Both verification steps of invoice n, with the release of what it is below the approved month. */
function verified(history: CaseStreamEvent[], n: number, month: string, below: string | null, date = '2025-04-08'): CaseStreamEvent[] {
  return [
    ...history,
    invoiceVerified(n, 'sachlich-richtig', 'wiju-1', date),
    invoiceVerified(n, 'rechnerisch-richtig', 'wiju-2', date),
    ...(below ? [commitmentReleased(schul, [[month, below]], 'invoice-lower', date)] : []),
  ];
}

const submitCmd = (month: string, quantity: string | undefined, invoiceNumber: string, providerId = 'TR-E') => ({
  submittedOn: '2099-12-31',
  approvalId: A,
  providerId,
  serviceMonth: month,
  quantity,
  invoiceNumber,
});

describe('invoices (R4) and payments (R3, R5)', () => {
  it('computes hours × rate and releases the difference of a lower invoice when verified', () => {
    expect(
      submit
        .given(schulbegleitung())
        .when(submitCmd('2025-03', '45', 'RE-2025-03'), open)
        .thenState().invoices[`${A}-R1`].amount,
    ).toBe('1732.50');
    const history = [...submitted(schulbegleitung(), '2025-03', '45'), invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-08')];
    const events = verify
      .given(history)
      .when({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: '2025-04-08' }, open)
      .events();
    expect(moneyLines(events)).toEqual([['CommitmentReleased', 2025, 'TR-E', '2025-03', '577.50']]);
    expect(events.find((e) => e.type === 'CommitmentReleased')!.businessDate).toBe('2025-04-08');
    const paid = orderPayment
      .given([...history, ...events])
      .when({ invoiceId: `${A}-R1`, businessDate: '2025-04-10' }, open)
      .events();
    expect(moneyLines(paid)).toEqual([['ExpenditureAccrued', 2025, 'TR-E', '2025-03', '1732.50']]);
  });

  it('refuses over-billing with the approved amount, double billing, and months outside the period', () => {
    const given = submit.given(schulbegleitung());
    const over = given.when(submitCmd('2025-03', '61', 'x'), open).thenRefused('invoice-exceeds-approval');
    expect(over.extensions).toMatchObject({ approvedHours: '60', approvedAmount: '2310.00' });
    submit
      .given(submitted(schulbegleitung(), '2025-03', '45'))
      .when(submitCmd('2025-03', '10', 'y'), open)
      .thenRefused('month-already-invoiced');
    given.when(submitCmd('2025-08', '10', 'z'), open).thenRefused('outside-approved-period');
    expect(given.when(submitCmd('2025-03', '10', 'z', 'TR-F'), open).thenRefused('approval-not-found').status).toBe(404);
  });

  it('bills days at most the approved days of the month', () => {
    const given = submit.given(stayHistory());
    const over = given.when(submitCmd('2025-03', '23', 'x', 'TR-F'), open).thenRefused('invoice-exceeds-approval');
    expect(over.extensions).toMatchObject({ approvedDays: 22 });
    expect(given.when(submitCmd('2025-03', '22', 'x', 'TR-F'), open).thenState().invoices[`${A}-R1`].amount).toBe('4290.00');
  });

  it('enforces four eyes: the same person cannot verify twice; the order of steps is fixed', () => {
    const history = submitted(schulbegleitung(), '2025-02', '60');
    verify
      .given(history)
      .when({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, open)
      .thenRefused('wrong-verification-step');
    const first = [...history, invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-03-05')];
    verify
      .given(first)
      .when({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, open)
      .thenRefused('four-eyes-principle');
    orderPayment
      .given(first)
      .when({ invoiceId: `${A}-R1`, businessDate: '2025-03-05' }, open)
      .thenRefused('invoice-not-verified');
  });

  it('rejects an invoice awaiting verification so the month can be invoiced again', () => {
    const history = submitted(schulbegleitung(), '2025-02', '60');
    const rejection = reject.given(history).when({ invoiceId: `${A}-R1`, reason: 'Stundennachweis fehlt', businessDate: '2025-03-05' }, open);
    expect(rejection.thenState().invoices[`${A}-R1`].status).toBe('rejected');
    const rejected = [...history, ...rejection.events()];
    expect(
      submit
        .given(rejected)
        .when(submitCmd('2025-02', '58', 'RE-2025-02'), open)
        .thenState().invoices[`${A}-R2`].amount,
    ).toBe('2233.00');
  });

  it('reverses a payment (Storno), re-opens the commitment at the approved amount, and allows a new invoice', () => {
    const paid = [
      ...verified(submitted(schulbegleitung(), '2025-03', '45'), 1, '2025-03', '577.50'),
      ...paymentOrdered(schul, 1, '2025-03', '1732.50', '2025-04-10'),
    ];
    const storno = reverse.given(paid).when({ invoiceId: `${A}-R1`, reason: 'falscher Monat', businessDate: '2025-04-20' }, open);
    const reversal = storno.events();
    expect(moneyLines(reversal)).toEqual([
      ['ExpenditureReversed', 2025, 'TR-E', '2025-03', '1732.50'],
      ['CommitmentRecorded', 2025, 'TR-E', '2025-03', '577.50'],
    ]);
    expect(storno.thenState().invoices[`${A}-R1`].status).toBe('reversed');
    const after = [...paid, ...reversal];
    expect(
      submit
        .given(after)
        .when(submitCmd('2025-03', '50', 'RE-2025-03'), open)
        .thenState().invoices[`${A}-R2`].amount,
    ).toBe('1925.00');
    reverse
      .given(after)
      .when({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2025-04-21' }, open)
      .thenRefused('invoice-not-paid');
  });

  it('refuses a termination before months already invoiced', () => {
    terminate
      .given(submitted(schulbegleitung(), '2025-05', '60'))
      .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-04-30', note: null, businessDate: '2025-05-02' }, open)
      .thenRefused('months-already-invoiced');
  });

  it('refuses a termination that leaves a day-rate invoice with more days than the shortened month approves', () => {
    const invoice = (days: string) => [...stayHistory(), invoiceSubmitted(1, 'TR-F', '2025-03', days, formatAmount(new Decimal(days).times('195.00')))];
    const terminateOn25th = (history: CaseStreamEvent[]) =>
      terminate.given(history).when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-25', note: null, businessDate: '2025-03-26' }, open);
    // 10.03.–25.03. are 16 days of presence, although the end is the 25th of the month.
    const refused = terminateOn25th(invoice('22')).thenRefused('months-already-invoiced');
    expect(refused.extensions).toMatchObject({ months: ['2025-03'] });
    terminateOn25th(invoice('17')).thenRefused('months-already-invoiced');
    expect(
      terminateOn25th(invoice('16'))
        .events()
        .some((e) => e.type === 'ApprovalTerminated'),
    ).toBe(true);
  });

  it('keeps a flat month and the FLS hours of the end month: their invoices fit a mid-month termination', () => {
    const flat: GivenApproval = {
      legalBasis: '32',
      providerId: 'TR-E',
      rateType: 'monthly',
      rate: '2450.00',
      rateReason: 'x',
      start: '2025-05-01',
      end: null,
      bescheidDate: '2025-04-10',
    };
    const flatInvoiced = [...granted(flat, [perMonth('2025-05', '2025-12', '2450.00')]), invoiceSubmitted(1, 'TR-E', '2025-09', null, '2450.00')];
    expect(
      terminate
        .given(flatInvoiced)
        .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-09-15', note: null, businessDate: '2025-09-20' }, open)
        .events()[0].type,
    ).toBe('ApprovalTerminated');
    const fls = submitted(schulbegleitung(), '2025-05', '60');
    expect(
      terminate.given(fls).when({ approvalId: A, reason: 'planmaessig', effectiveEnd: '2025-05-10', note: null, businessDate: '2025-05-20' }, open).events()[0]
        .type,
    ).toBe('ApprovalTerminated');
  });

  it('refuses a payment order into a closed year', () => {
    orderPayment
      .given(verified(submitted(schulbegleitung(), '2025-03', '45'), 1, '2025-03', '577.50'))
      .when({ invoiceId: `${A}-R1`, businessDate: '2026-01-10' }, { closedYears: [2025] })
      .thenRefused('fiscal-year-closed');
  });
});

describe('a closed year accepts no bookings, also where no money moves yet', () => {
  const closed2025 = { closedYears: [2025] };

  it('refuses an invoice for a service month of a closed year', () => {
    submit
      .given(schulbegleitung())
      .when(submitCmd('2025-03', '45', 'x'), closed2025)
      .thenRefused('fiscal-year-closed');
  });

  it('refuses both verification steps, the payment order and the Storno for an invoice of a closed year; a rejection stays possible', () => {
    const history = submitted(schulbegleitung(), '2025-03', '60');
    verify
      .given(history)
      .when({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2026-01-10' }, closed2025)
      .thenRefused('fiscal-year-closed');
    const first = [...history, invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-04-02')];
    // 60 hours equal the committed month: no money moves, still refused.
    verify
      .given(first)
      .when({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: '2026-01-10' }, closed2025)
      .thenRefused('fiscal-year-closed');
    expect(
      reject
        .given(first)
        .when({ invoiceId: `${A}-R1`, reason: 'nicht mehr prüfbar', businessDate: '2026-01-10' }, closed2025)
        .events()[0].type,
    ).toBe('InvoiceRejected');
    const verifiedHistory = verified(history, 1, '2025-03', null);
    orderPayment
      .given(verifiedHistory)
      .when({ invoiceId: `${A}-R1`, businessDate: '2026-01-10' }, closed2025)
      .thenRefused('fiscal-year-closed');
    const paid = [...verifiedHistory, ...paymentOrdered(schul, 1, '2025-03', '2310.00', '2025-04-10')];
    reverse
      .given(paid)
      .when({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2026-01-10' }, closed2025)
      .thenRefused('fiscal-year-closed');
  });

  it('names the fiscal years a decision concerns: bookings and the service months of invoices, not a rejection', () => {
    const given = verify.given(submitted(schulbegleitung(), '2025-03', '60'));
    const verification = given.when({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2026-01-10' }, open).events();
    expect(fiscalYearsOf(verification)).toEqual([]);
    expect(fiscalYearsConcerned(given.state, verification)).toEqual([2025]);
    const submission = submit
      .given(submitted(schulbegleitung(), '2025-03', '60'))
      .when(submitCmd('2025-04', '60', 'y'), open)
      .events();
    expect(fiscalYearsConcerned(given.state, submission)).toEqual([2025]);
    const rejection = reject
      .given(submitted(schulbegleitung(), '2025-03', '60'))
      .when({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2025-04-02' }, open)
      .events();
    expect(fiscalYearsConcerned(given.state, rejection)).toEqual([]);
  });
});

describe('revenue (R2)', () => {
  const placement: GivenApproval = {
    legalBasis: '34',
    providerId: 'TR-F',
    rateType: 'daily',
    rate: '195.00',
    rateReason: 'x',
    start: '2025-03-01',
    end: null,
    bescheidDate: '2025-02-20',
  };
  const placementHistory = () => granted(placement, [perDay('195.00', '2025-03-01', '2025-12-31')]);

  it('records a Kostenbeitrag per covered month as revenue, never touching commitments', () => {
    const events = fixKostenbeitrag
      .given(placementHistory())
      .when({ approvalId: A, monthlyAmount: '180.00', from: '2025-03-01', to: null, businessDate: '2025-03-10' }, open)
      .events();
    const revenue = dataOfAll(events, 'RevenueRecorded');
    expect(revenue).toHaveLength(10);
    expect(revenue.every((d) => d.amount === '180.00' && d.kind === 'kostenbeitrag')).toBe(true);
    expect(events.some((e) => e.type.startsWith('Commitment'))).toBe(false);
  });

  it('records a Kostenerstattung claim as revenue of its service month', () => {
    const given = claimKostenerstattung.given(placementHistory());
    const events = given
      .when({ approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-04', amount: '5850.00', reference: 'KE-1', businessDate: '2025-05-10' }, open)
      .events();
    expect(events[1]).toMatchObject({ type: 'RevenueRecorded', data: { kind: 'kostenerstattung', month: '2025-04', amount: '5850.00' } });
    given
      .when({ approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-02', amount: '1.00', reference: 'x', businessDate: '2025-05-10' }, open)
      .thenRefused('outside-approved-period');
  });

  it('refuses a Kostenerstattung of a service month in a closed year, and any revenue dated into one', () => {
    const given = claimKostenerstattung.given(placementHistory());
    given
      .when(
        { approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-04', amount: '5850.00', reference: 'KE-1', businessDate: '2026-01-20' },
        { closedYears: [2025] },
      )
      .thenRefused('fiscal-year-closed', 'The fiscal year 2025 is closed and accepts no bookings.');
    fixKostenbeitrag
      .given(placementHistory())
      .when({ approvalId: A, monthlyAmount: '180.00', from: '2025-03-01', to: null, businessDate: '2025-12-20' }, { closedYears: [2025] })
      .thenRefused('fiscal-year-closed', '2025 is closed; a decision dated 2025-12-20 cannot be recorded any more');
  });
});
