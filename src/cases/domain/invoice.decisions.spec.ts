import { decideOrderPayment, decideRejectInvoice, decideReversePayment, decideSubmitInvoice, decideVerifyInvoice } from './invoice.decisions';
import { decideTerminateApproval } from './approval.decisions';
import { decideClaimKostenerstattung, decideFixKostenbeitrag } from './revenue.decisions';
import { apply, granted, moneyLines, open } from './case.fixtures';
import { CaseState } from './case-state';
import { fiscalYearsConcerned, fiscalYearsOf } from './reconcile';
import { refusal } from '../../../test/support/refusal';

const A = 'TW-25-001-B1';
const schulbegleitung = () =>
  granted({ legalBasis: '35a', providerId: 'TR-E', rateType: 'hourly', rate: '38.50', rateReason: 'x', hoursPerMonth: '60', start: '2025-02-01', end: '2025-07-31', bescheidDate: '2025-01-20' }).state;

function submitted(state: CaseState, month: string, quantity?: string): CaseState {
  return apply(state, decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: month, quantity, invoiceNumber: `RE-${month}` }, state, open));
}

function verified(state: CaseState, invoiceId: string, date = '2025-04-08'): { state: CaseState; events: ReturnType<typeof decideVerifyInvoice> } {
  const first = apply(state, decideVerifyInvoice({ invoiceId, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: date }, state, open));
  const events = decideVerifyInvoice({ invoiceId, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: date }, first, open);
  return { state: apply(first, events), events };
}

describe('invoices (R4) and payments (R3, R5)', () => {
  it('computes hours × rate and releases the difference of a lower invoice when verified', () => {
    const state = submitted(schulbegleitung(), '2025-03', '45');
    expect(state.invoices[`${A}-R1`].amount).toBe('1732.50');
    const { state: after, events } = verified(state, `${A}-R1`);
    expect(moneyLines(events)).toEqual([['CommitmentReleased', 2025, 'TR-E', '2025-03', '577.50']]);
    expect(events.find((e) => e.type === 'CommitmentReleased')!.businessDate).toBe('2025-04-08');
    const paid = decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2025-04-10' }, after, open);
    expect(moneyLines(paid)).toEqual([['ExpenditureAccrued', 2025, 'TR-E', '2025-03', '1732.50']]);
  });

  it('refuses over-billing with the approved amount, double billing, and months outside the period', () => {
    const state = schulbegleitung();
    const over = refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '61', invoiceNumber: 'x' }, state, open));
    expect(over.problem).toBe('invoice-exceeds-approval');
    expect(over.extensions).toMatchObject({ approvedHours: '60', approvedAmount: '2310.00' });
    const once = submitted(state, '2025-03', '45');
    expect(refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '10', invoiceNumber: 'y' }, once, open)).problem).toBe('month-already-invoiced');
    expect(refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-08', quantity: '10', invoiceNumber: 'z' }, state, open)).problem).toBe('outside-approved-period');
    expect(refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-F', serviceMonth: '2025-03', quantity: '10', invoiceNumber: 'z' }, state, open)).status).toBe(404);
  });

  it('bills days at most the approved days of the month', () => {
    const { state } = granted({ legalBasis: '34', providerId: 'TR-F', rateType: 'daily', rate: '195.00', rateReason: 'x', start: '2025-03-10', end: null, bescheidDate: '2025-03-01' });
    const over = refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-F', serviceMonth: '2025-03', quantity: '23', invoiceNumber: 'x' }, state, open));
    expect(over.extensions).toMatchObject({ approvedDays: 22 });
    const ok = apply(state, decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-F', serviceMonth: '2025-03', quantity: '22', invoiceNumber: 'x' }, state, open));
    expect(ok.invoices[`${A}-R1`].amount).toBe('4290.00');
  });

  it('enforces four eyes: the same person cannot verify twice; the order of steps is fixed', () => {
    const state = submitted(schulbegleitung(), '2025-02', '60');
    expect(refusal(() => decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, state, open)).problem).toBe('wrong-verification-step');
    const first = apply(state, decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, state, open));
    expect(refusal(() => decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, first, open)).problem).toBe('four-eyes-principle');
    expect(refusal(() => decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2025-03-05' }, first, open)).problem).toBe('invoice-not-verified');
  });

  it('rejects an invoice awaiting verification so the month can be invoiced again', () => {
    const state = submitted(schulbegleitung(), '2025-02', '60');
    const rejected = apply(state, decideRejectInvoice({ invoiceId: `${A}-R1`, reason: 'Stundennachweis fehlt' }, state));
    expect(rejected.invoices[`${A}-R1`].status).toBe('rejected');
    expect(submitted(rejected, '2025-02', '58').invoices[`${A}-R2`].amount).toBe('2233.00');
  });

  it('reverses a payment (Storno), re-opens the commitment at the approved amount, and allows a new invoice', () => {
    const state = verified(submitted(schulbegleitung(), '2025-03', '45'), `${A}-R1`).state;
    const paid = apply(state, decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2025-04-10' }, state, open));
    const reversal = decideReversePayment({ invoiceId: `${A}-R1`, reason: 'falscher Monat', businessDate: '2025-04-20' }, paid, open);
    expect(moneyLines(reversal)).toEqual([
      ['ExpenditureReversed', 2025, 'TR-E', '2025-03', '1732.50'],
      ['CommitmentRecorded', 2025, 'TR-E', '2025-03', '577.50'],
    ]);
    const after = apply(paid, reversal);
    expect(after.invoices[`${A}-R1`].status).toBe('reversed');
    expect(submitted(after, '2025-03', '50').invoices[`${A}-R2`].amount).toBe('1925.00');
    expect(refusal(() => decideReversePayment({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2025-04-21' }, after, open)).problem).toBe('invoice-not-paid');
  });

  it('refuses a termination before months already invoiced', () => {
    const state = submitted(schulbegleitung(), '2025-05', '60');
    expect(refusal(() => decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-04-30', note: null, businessDate: '2025-05-02' }, state, open)).problem).toBe('months-already-invoiced');
  });

  it('refuses a termination that leaves a day-rate invoice with more days than the shortened month approves', () => {
    const { state } = granted({ legalBasis: '34', providerId: 'TR-F', rateType: 'daily', rate: '195.00', rateReason: 'x', start: '2025-03-10', end: null, bescheidDate: '2025-03-01' });
    const invoice = (days: string) => apply(state, decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-F', serviceMonth: '2025-03', quantity: days, invoiceNumber: 'RE-03' }, state, open));
    const terminate = (s: CaseState) => decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-25', note: null, businessDate: '2025-03-26' }, s, open);
    // 10.03.–25.03. are 16 days of presence, although the end is the 25th of the month.
    const refused = refusal(() => terminate(invoice('22')));
    expect(refused.problem).toBe('months-already-invoiced');
    expect(refused.extensions).toMatchObject({ months: ['2025-03'] });
    expect(refusal(() => terminate(invoice('17'))).problem).toBe('months-already-invoiced');
    expect(terminate(invoice('16')).some((e) => e.type === 'ApprovalTerminated')).toBe(true);
  });

  it('keeps a flat month and the FLS hours of the end month: their invoices fit a mid-month termination', () => {
    const flat = granted({ legalBasis: '32', providerId: 'TR-E', rateType: 'monthly', rate: '2450.00', rateReason: 'x', start: '2025-05-01', end: null, bescheidDate: '2025-04-10' }).state;
    const flatInvoiced = submitted(flat, '2025-09');
    expect(decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-09-15', note: null, businessDate: '2025-09-20' }, flatInvoiced, open)[0].type).toBe('ApprovalTerminated');
    const fls = submitted(schulbegleitung(), '2025-05', '60');
    expect(decideTerminateApproval({ approvalId: A, reason: 'planmaessig', effectiveEnd: '2025-05-10', note: null, businessDate: '2025-05-20' }, fls, open)[0].type).toBe('ApprovalTerminated');
  });

  it('refuses a payment order into a closed year', () => {
    const state = verified(submitted(schulbegleitung(), '2025-03', '45'), `${A}-R1`).state;
    expect(refusal(() => decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2026-01-10' }, state, { closedYears: [2025] })).problem).toBe('fiscal-year-closed');
  });
});

describe('a closed year accepts no bookings, also where no money moves yet', () => {
  const closed2025 = { closedYears: [2025] };

  it('refuses an invoice for a service month of a closed year', () => {
    expect(refusal(() => decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '45', invoiceNumber: 'x' }, schulbegleitung(), closed2025)).problem).toBe('fiscal-year-closed');
  });

  it('refuses both verification steps, the payment order and the Storno for an invoice of a closed year; a rejection stays possible', () => {
    const state = submitted(schulbegleitung(), '2025-03', '60');
    expect(refusal(() => decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2026-01-10' }, state, closed2025)).problem).toBe('fiscal-year-closed');
    const first = apply(state, decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2025-04-02' }, state, open));
    // 60 hours equal the committed month: no money moves, still refused.
    expect(refusal(() => decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: '2026-01-10' }, first, closed2025)).problem).toBe('fiscal-year-closed');
    expect(decideRejectInvoice({ invoiceId: `${A}-R1`, reason: 'nicht mehr prüfbar' }, first)[0].type).toBe('InvoiceRejected');
    const { state: verifiedState } = verified(state, `${A}-R1`);
    expect(refusal(() => decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2026-01-10' }, verifiedState, closed2025)).problem).toBe('fiscal-year-closed');
    const paid = apply(verifiedState, decideOrderPayment({ invoiceId: `${A}-R1`, businessDate: '2025-04-10' }, verifiedState, open));
    expect(refusal(() => decideReversePayment({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2026-01-10' }, paid, closed2025)).problem).toBe('fiscal-year-closed');
  });

  it('names the fiscal years a decision concerns: bookings and the service months of invoices, not a rejection', () => {
    const state = submitted(schulbegleitung(), '2025-03', '60');
    const verify = decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2026-01-10' }, state, open);
    expect(fiscalYearsOf(verify)).toEqual([]);
    expect(fiscalYearsConcerned(state, verify)).toEqual([2025]);
    const submit = decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-04', quantity: '60', invoiceNumber: 'y' }, state, open);
    expect(fiscalYearsConcerned(state, submit)).toEqual([2025]);
    expect(fiscalYearsConcerned(state, decideRejectInvoice({ invoiceId: `${A}-R1`, reason: 'x' }, state))).toEqual([]);
  });
});

describe('revenue (R2)', () => {
  it('records a Kostenbeitrag per covered month as revenue, never touching commitments', () => {
    const { state } = granted({ legalBasis: '34', providerId: 'TR-F', rateType: 'daily', rate: '195.00', rateReason: 'x', start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    const events = decideFixKostenbeitrag({ approvalId: A, monthlyAmount: '180.00', from: '2025-03-01', to: null, businessDate: '2025-03-10' }, state, open);
    const revenue = events.filter((e) => e.type === 'RevenueRecorded');
    expect(revenue).toHaveLength(10);
    expect(revenue.every((e) => (e.data as any).amount === '180.00' && (e.data as any).kind === 'kostenbeitrag')).toBe(true);
    expect(events.some((e) => e.type.startsWith('Commitment'))).toBe(false);
  });

  it('records a Kostenerstattung claim as revenue of its service month', () => {
    const { state } = granted({ legalBasis: '34', providerId: 'TR-F', rateType: 'daily', rate: '195.00', rateReason: 'x', start: '2025-03-01', end: null, bescheidDate: '2025-02-20' });
    const events = decideClaimKostenerstattung({ approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-04', amount: '5850.00', reference: 'KE-1', businessDate: '2025-05-10' }, state, open);
    expect(events[1]).toMatchObject({ type: 'RevenueRecorded', data: { kind: 'kostenerstattung', month: '2025-04', amount: '5850.00' } });
    expect(refusal(() => decideClaimKostenerstattung({ approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-02', amount: '1.00', reference: 'x', businessDate: '2025-05-10' }, state, open)).problem).toBe('outside-approved-period');
  });
});
