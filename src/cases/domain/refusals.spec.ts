import { decideChangeScope, decideExtendApproval, decideGrantApproval, decideOpenCase, decideTerminateApproval } from './approval.decisions';
import { decideOrderPayment, decideRejectInvoice, decideSubmitInvoice, decideVerifyInvoice } from './invoice.decisions';
import { decideClaimKostenerstattung, decideFixKostenbeitrag } from './revenue.decisions';
import { apply, granted, lookups, open, openedCase } from './case.fixtures';
import { CaseState, initialCaseState } from './case-state';
import { refusal } from '../../../test/support/refusal';

const A = 'TW-25-001-B1';
const fls = { legalBasis: '31' as const, providerId: 'TR-E', rateType: 'hourly' as const, rate: '65.00', rateReason: 'x', hoursPerMonth: '20' };
const dailyRate = { legalBasis: '34' as const, providerId: 'TR-F', rateType: 'daily' as const, rate: '195.00', rateReason: 'x' };
const flat = { legalBasis: '32' as const, providerId: 'TR-G', rateType: 'monthly' as const, rate: '2450.00', rateReason: 'x' };

const fixedFls = () => granted({ ...fls, start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' }).state;
const openEndedFls = () => granted({ ...fls, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }).state;

function invoiced(state: CaseState, providerId: string, month: string, quantity?: string): CaseState {
  return apply(state, decideSubmitInvoice({ submittedOn: '2099-12-31', approvalId: A, providerId, serviceMonth: month, quantity, invoiceNumber: `RE-${month}` }, state, open));
}

/** Every refusal of the case deciders by its problem code, one focused case each. */
describe('case refusals by problem code', () => {
  describe('cases and approvals', () => {
    it('case-exists: a case reference is opened once', () => {
      expect(refusal(() => decideOpenCase({ caseRef: 'TW-25-001', sozialraumId: 'HRO-TW' }, openedCase())).problem).toBe('case-exists');
    });

    it('case-not-found (404): no approval for a case that was never opened', () => {
      const error = refusal(() => decideGrantApproval({ ...fls, start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, initialCaseState, lookups(), open));
      expect([error.problem, error.status]).toEqual(['case-not-found', 404]);
    });

    it('approval-not-found (404): an unknown approval id', () => {
      const error = refusal(() => decideExtendApproval({ approvalId: 'TW-25-001-B9', newEnd: null, reason: 'x', businessDate: '2025-03-01' }, fixedFls(), null, open));
      expect([error.problem, error.status]).toEqual(['approval-not-found', 404]);
    });

    it('amount-not-positive: a rate of 0.00 given with a reason', () => {
      expect(refusal(() => decideGrantApproval({ ...flat, rate: '0.00', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, openedCase(), lookups(), open)).problem).toBe('amount-not-positive');
    });

    it('hours-not-applicable: hoursPerMonth on a daily rate', () => {
      expect(refusal(() => decideGrantApproval({ ...dailyRate, hoursPerMonth: '20', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, openedCase(), lookups(), open)).problem).toBe('hours-not-applicable');
    });

    it('hours-not-positive: an FLS approval with 0 hours', () => {
      expect(refusal(() => decideGrantApproval({ ...fls, hoursPerMonth: '0', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, openedCase(), lookups(), open)).problem).toBe('hours-not-positive');
    });

    it('already-open-ended: an open-ended approval has no end to extend', () => {
      expect(refusal(() => decideExtendApproval({ approvalId: A, newEnd: '2025-12-31', reason: 'x', businessDate: '2025-03-01' }, openEndedFls(), null, open)).problem).toBe('already-open-ended');
    });

    it('approval-terminated: a terminated approval is neither extended, changed nor terminated again', () => {
      const state = fixedFls();
      const terminated = apply(state, decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-31', note: null, businessDate: '2025-03-20' }, state, open));
      expect(refusal(() => decideExtendApproval({ approvalId: A, newEnd: '2025-09-30', reason: 'x', businessDate: '2025-04-01' }, terminated, null, open)).problem).toBe('approval-terminated');
      expect(refusal(() => decideChangeScope({ approvalId: A, from: '2025-03-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-04-01' }, terminated, lookups(), open)).problem).toBe('approval-terminated');
      expect(refusal(() => decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-15', note: null, businessDate: '2025-04-01' }, terminated, open)).problem).toBe('approval-terminated');
    });

    it('not-a-termination: an effective end after the approved end', () => {
      expect(refusal(() => decideTerminateApproval({ approvalId: A, reason: 'planmaessig', effectiveEnd: '2025-07-31', note: null, businessDate: '2025-06-01' }, fixedFls(), open)).problem).toBe('not-a-termination');
    });

    it('invalid-period: a termination effective before the start', () => {
      expect(refusal(() => decideTerminateApproval({ approvalId: A, reason: 'abbruch', effectiveEnd: '2024-12-31', note: null, businessDate: '2025-01-05' }, fixedFls(), open)).problem).toBe('invalid-period');
    });

    it('outside-approved-period: a change of scope before the start or after the end', () => {
      expect(refusal(() => decideChangeScope({ approvalId: A, from: '2024-12-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-01-05' }, fixedFls(), lookups(), open)).problem).toBe('outside-approved-period');
      expect(refusal(() => decideChangeScope({ approvalId: A, from: '2025-07-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-06-05' }, fixedFls(), lookups(), open)).problem).toBe('outside-approved-period');
    });

    it('months-already-invoiced: a change of scope over an invoiced month', () => {
      const state = invoiced(fixedFls(), 'TR-E', '2025-03', '20');
      const error = refusal(() => decideChangeScope({ approvalId: A, from: '2025-03-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-04-05' }, state, lookups(), open));
      expect(error.problem).toBe('months-already-invoiced');
      expect(error.extensions).toMatchObject({ months: ['2025-03'] });
    });

    it('fiscal-year-closed: an extension whose added months fall into a closed year', () => {
      expect(refusal(() => decideExtendApproval({ approvalId: A, newEnd: '2026-03-31', reason: 'x', businessDate: '2025-06-01' }, fixedFls(), null, { closedYears: [2026] })).problem).toBe('fiscal-year-closed');
    });
  });

  describe('invoices', () => {
    it('quantity-required: an hourly or daily invoice without hours or days', () => {
      expect(refusal(() => invoiced(fixedFls(), 'TR-E', '2025-02')).problem).toBe('quantity-required');
    });

    it('quantity-not-applicable: a flat month invoiced with a quantity', () => {
      const state = granted({ ...flat, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }).state;
      expect(refusal(() => invoiced(state, 'TR-G', '2025-02', '1')).problem).toBe('quantity-not-applicable');
    });

    it('quantity-not-positive: 0 hours delivered', () => {
      expect(refusal(() => invoiced(fixedFls(), 'TR-E', '2025-02', '0')).problem).toBe('quantity-not-positive');
    });

    it('days-not-whole: days of presence are whole days', () => {
      const state = granted({ ...dailyRate, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }).state;
      expect(refusal(() => invoiced(state, 'TR-F', '2025-02', '10.5')).problem).toBe('days-not-whole');
    });

    it('service-month-not-begun: no invoice for a month that has not begun on the submission date', () => {
      const state = fixedFls();
      const early = () => decideSubmitInvoice({ submittedOn: '2025-02-28', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '20', invoiceNumber: 'RE-2025-03' }, state, open);
      expect(refusal(early).problem).toBe('service-month-not-begun');
      // Within the month itself (an end-of-month invoice) it is taken.
      expect(decideSubmitInvoice({ submittedOn: '2025-03-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '20', invoiceNumber: 'RE-2025-03' }, state, open)[0].type).toBe('InvoiceSubmitted');
    });

    it('invoice-not-found (404): an unknown invoice id', () => {
      const error = refusal(() => decideOrderPayment({ invoiceId: `${A}-R9`, businessDate: '2025-03-05' }, fixedFls(), open));
      expect([error.problem, error.status]).toEqual(['invoice-not-found', 404]);
    });

    it('invoice-not-awaiting-verification: a rejected invoice is not verified', () => {
      const state = invoiced(fixedFls(), 'TR-E', '2025-02', '20');
      const rejected = apply(state, decideRejectInvoice({ invoiceId: `${A}-R1`, reason: 'Nachweis fehlt' }, state));
      expect(refusal(() => decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, rejected, open)).problem).toBe(
        'invoice-not-awaiting-verification',
      );
    });

    it('invoice-not-rejectable: a verified invoice awaiting its payment order is not rejected', () => {
      let state = invoiced(fixedFls(), 'TR-E', '2025-02', '20');
      state = apply(state, decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, state, open));
      state = apply(state, decideVerifyInvoice({ invoiceId: `${A}-R1`, step: 'rechnerisch-richtig', verifiedBy: 'wiju-2', businessDate: '2025-03-05' }, state, open));
      expect(refusal(() => decideRejectInvoice({ invoiceId: `${A}-R1`, reason: 'x' }, state)).problem).toBe('invoice-not-rejectable');
    });
  });

  describe('revenue', () => {
    it('invalid-period: a Kostenbeitrag ending before it starts', () => {
      expect(refusal(() => decideFixKostenbeitrag({ approvalId: A, monthlyAmount: '50.00', from: '2025-03-01', to: '2025-02-28', businessDate: '2025-03-01' }, fixedFls(), open)).problem).toBe('invalid-period');
    });

    it('outside-approved-period: a Kostenbeitrag from before the start or after the end', () => {
      expect(refusal(() => decideFixKostenbeitrag({ approvalId: A, monthlyAmount: '50.00', from: '2024-12-01', to: null, businessDate: '2025-01-10' }, fixedFls(), open)).problem).toBe('outside-approved-period');
      expect(refusal(() => decideFixKostenbeitrag({ approvalId: A, monthlyAmount: '50.00', from: '2025-07-01', to: null, businessDate: '2025-01-10' }, fixedFls(), open)).problem).toBe('outside-approved-period');
    });

    it('fiscal-year-closed: a Kostenerstattung for a service month of a closed year', () => {
      expect(
        refusal(() => decideClaimKostenerstattung({ approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-02', amount: '1300.00', reference: 'KE-1', businessDate: '2026-01-20' }, fixedFls(), { closedYears: [2025] })).problem,
      ).toBe('fiscal-year-closed');
    });
  });
});
