import { deciderSpec } from '../../../test/support/decider-spec';
import { decideChangeScope, decideExtendApproval, decideGrantApproval, decideOpenCase, decideTerminateApproval } from './approval.decisions';
import { CaseStreamEvent } from './case.events';
import { caseDecider } from './case-state';
import {
  A,
  GivenApproval,
  caseOpened,
  commitmentReleased,
  granted,
  grantFacts,
  invoiceRejected,
  invoiceSubmitted,
  invoiceVerified,
  open,
  perDay,
  perMonth,
  scopeFacts,
} from './case.fixtures';
import { decideOrderPayment, decideRejectInvoice, decideSubmitInvoice, decideVerifyInvoice } from './invoice.decisions';
import { decideClaimKostenerstattung, decideFixKostenbeitrag } from './revenue.decisions';

const fls = { legalBasis: '31' as const, providerId: 'TR-E', rateType: 'hourly' as const, rate: '65.00', rateReason: 'x', hoursPerMonth: '20' };
const dailyRate = { legalBasis: '34' as const, providerId: 'TR-F', rateType: 'daily' as const, rate: '195.00', rateReason: 'x' };
const flat = { legalBasis: '32' as const, providerId: 'TR-G', rateType: 'monthly' as const, rate: '2450.00', rateReason: 'x' };

const fixedFlsApproval: GivenApproval = { ...fls, start: '2025-01-01', end: '2025-06-30', bescheidDate: '2024-12-15' };
const fixedFls = () => granted(fixedFlsApproval, [perMonth('2025-01', '2025-06', '1300.00')]);
const openEndedFls = () => granted({ ...fls, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }, [perMonth('2025-01', '2025-12', '1300.00')]);
const openEndedDaily = () =>
  granted({ ...dailyRate, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }, [perDay('195.00', '2025-01-01', '2025-12-31')]);
const openEndedFlat = () => granted({ ...flat, start: '2025-01-01', end: null, bescheidDate: '2024-12-15' }, [perMonth('2025-01', '2025-12', '2450.00')]);

const openCase = deciderSpec(caseDecider, decideOpenCase);
const grant = deciderSpec(caseDecider, decideGrantApproval);
const extend = deciderSpec(caseDecider, decideExtendApproval);
const changeScope = deciderSpec(caseDecider, decideChangeScope);
const terminate = deciderSpec(caseDecider, decideTerminateApproval);
const submit = deciderSpec(caseDecider, decideSubmitInvoice);
const verify = deciderSpec(caseDecider, decideVerifyInvoice);
const reject = deciderSpec(caseDecider, decideRejectInvoice);
const orderPayment = deciderSpec(caseDecider, decideOrderPayment);
const fixKostenbeitrag = deciderSpec(caseDecider, decideFixKostenbeitrag);
const claimKostenerstattung = deciderSpec(caseDecider, decideClaimKostenerstattung);

const invoice = (history: CaseStreamEvent[], providerId: string, month: string, quantity?: string) =>
  submit.given(history).when({ submittedOn: '2099-12-31', approvalId: A, providerId, serviceMonth: month, quantity, invoiceNumber: `RE-${month}` }, open);

/** FLS of the first half of 2025 terminated effective 31.03. (the months after it released). */
const terminatedFls = () => [
  ...fixedFls(),
  {
    type: 'ApprovalTerminated' as const,
    data: { approvalId: A, reason: 'abbruch' as const, effectiveEnd: '2025-03-31', note: null },
    businessDate: '2025-03-20',
  },
  commitmentReleased(fixedFlsApproval, perMonth('2025-04', '2025-06', '1300.00'), 'termination', '2025-03-20'),
];

/** Every refusal of the case deciders by its problem code, one focused case each. */
describe('case refusals by problem code', () => {
  describe('cases and approvals', () => {
    it('case-exists: a case reference is opened once', () => {
      openCase.given([caseOpened]).when({ caseRef: 'TW-25-001', sozialraumId: 'HRO-TW' }).thenRefused('case-exists');
    });

    it('case-not-found (404): no approval for a case that was never opened', () => {
      const error = grant
        .given([])
        .when({ ...fls, start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, grantFacts())
        .thenRefused('case-not-found');
      expect([error.problem, error.status]).toEqual(['case-not-found', 404]);
    });

    it('approval-not-found (404): an unknown approval id', () => {
      const error = extend
        .given(fixedFls())
        .when({ approvalId: 'TW-25-001-B9', newEnd: null, reason: 'x', businessDate: '2025-03-01' }, { ...open, scope: null })
        .thenRefused('approval-not-found');
      expect([error.problem, error.status]).toEqual(['approval-not-found', 404]);
    });

    it('amount-not-positive: a rate of 0.00 given with a reason', () => {
      grant
        .given([caseOpened])
        .when({ ...flat, rate: '0.00', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, grantFacts())
        .thenRefused('amount-not-positive');
    });

    it('hours-not-applicable: hoursPerMonth on a daily rate', () => {
      grant
        .given([caseOpened])
        .when({ ...dailyRate, hoursPerMonth: '20', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, grantFacts())
        .thenRefused('hours-not-applicable');
    });

    it('hours-not-positive: an FLS approval with 0 hours', () => {
      grant
        .given([caseOpened])
        .when({ ...fls, hoursPerMonth: '0', start: '2025-01-01', end: null, bescheidDate: '2025-01-01' }, grantFacts())
        .thenRefused('hours-not-positive');
    });

    it('already-open-ended: an open-ended approval has no end to extend', () => {
      extend
        .given(openEndedFls())
        .when({ approvalId: A, newEnd: '2025-12-31', reason: 'x', businessDate: '2025-03-01' }, { ...open, scope: null })
        .thenRefused('already-open-ended');
    });

    it('approval-terminated: a terminated approval is neither extended, changed nor terminated again', () => {
      extend
        .given(terminatedFls())
        .when({ approvalId: A, newEnd: '2025-09-30', reason: 'x', businessDate: '2025-04-01' }, { ...open, scope: null })
        .thenRefused('approval-terminated');
      changeScope
        .given(terminatedFls())
        .when({ approvalId: A, from: '2025-03-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-04-01' }, scopeFacts())
        .thenRefused('approval-terminated');
      terminate
        .given(terminatedFls())
        .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2025-03-15', note: null, businessDate: '2025-04-01' }, open)
        .thenRefused('approval-terminated');
    });

    it('not-a-termination: an effective end after the approved end', () => {
      terminate
        .given(fixedFls())
        .when({ approvalId: A, reason: 'planmaessig', effectiveEnd: '2025-07-31', note: null, businessDate: '2025-06-01' }, open)
        .thenRefused('not-a-termination');
    });

    it('invalid-period: a termination effective before the start', () => {
      terminate
        .given(fixedFls())
        .when({ approvalId: A, reason: 'abbruch', effectiveEnd: '2024-12-31', note: null, businessDate: '2025-01-05' }, open)
        .thenRefused('invalid-period');
    });

    it('outside-approved-period: a change of scope before the start or after the end', () => {
      changeScope
        .given(fixedFls())
        .when({ approvalId: A, from: '2024-12-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-01-05' }, scopeFacts())
        .thenRefused('outside-approved-period');
      changeScope
        .given(fixedFls())
        .when({ approvalId: A, from: '2025-07-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-06-05' }, scopeFacts())
        .thenRefused('outside-approved-period');
    });

    it('months-already-invoiced: a change of scope over an invoiced month', () => {
      const history = [...fixedFls(), invoiceSubmitted(1, 'TR-E', '2025-03', '20', '1300.00')];
      const error = changeScope
        .given(history)
        .when({ approvalId: A, from: '2025-03-01', hoursPerMonth: '10', reason: 'x', businessDate: '2025-04-05' }, scopeFacts())
        .thenRefused('months-already-invoiced');
      expect(error.extensions).toMatchObject({ months: ['2025-03'] });
    });

    it('fiscal-year-closed: an extension whose added months fall into a closed year', () => {
      extend
        .given(fixedFls())
        .when({ approvalId: A, newEnd: '2026-03-31', reason: 'x', businessDate: '2025-06-01' }, { closedYears: [2026], scope: null })
        .thenRefused('fiscal-year-closed');
    });

    it('fiscal-year-closed: a decision dated into a closed year, even one that books only an open year; another refusal comes first', () => {
      const backDated = { approvalId: A, newEnd: '2026-03-31', reason: 'x', businessDate: '2025-12-20' };
      const error = extend
        .given(fixedFls())
        .when(backDated, { closedYears: [2025], scope: null })
        .thenRefused('fiscal-year-closed', '2025 is closed; a decision dated 2025-12-20 cannot be recorded any more');
      expect(error.extensions).toEqual({ fiscalYear: 2025 });
      extend
        .given(fixedFls())
        .when({ ...backDated, newEnd: '2025-05-31' }, { closedYears: [2025], scope: null })
        .thenRefused('not-an-extension');
    });
  });

  describe('invoices', () => {
    it('quantity-required: an hourly or daily invoice without hours or days', () => {
      invoice(fixedFls(), 'TR-E', '2025-02').thenRefused('quantity-required');
    });

    it('quantity-not-applicable: a flat month invoiced with a quantity', () => {
      invoice(openEndedFlat(), 'TR-G', '2025-02', '1').thenRefused('quantity-not-applicable');
    });

    it('quantity-not-positive: 0 hours delivered', () => {
      invoice(fixedFls(), 'TR-E', '2025-02', '0').thenRefused('quantity-not-positive');
    });

    it('days-not-whole: days of presence are whole days', () => {
      invoice(openEndedDaily(), 'TR-F', '2025-02', '10.5').thenRefused('days-not-whole');
    });

    it('service-month-not-begun: no invoice for a month that has not begun on the submission date', () => {
      const given = submit.given(fixedFls());
      given
        .when({ submittedOn: '2025-02-28', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '20', invoiceNumber: 'RE-2025-03' }, open)
        .thenRefused('service-month-not-begun');
      // Within the month itself (an end-of-month invoice) it is taken.
      expect(
        given
          .when({ submittedOn: '2025-03-31', approvalId: A, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '20', invoiceNumber: 'RE-2025-03' }, open)
          .events()[0].type,
      ).toBe('InvoiceSubmitted');
    });

    it('invoice-not-found (404): an unknown invoice id', () => {
      const error = orderPayment
        .given(fixedFls())
        .when({ invoiceId: `${A}-R9`, businessDate: '2025-03-05' }, open)
        .thenRefused('invoice-not-found');
      expect([error.problem, error.status]).toEqual(['invoice-not-found', 404]);
    });

    it('invoice-not-awaiting-verification: a rejected invoice is not verified', () => {
      const rejected = [...fixedFls(), invoiceSubmitted(1, 'TR-E', '2025-02', '20', '1300.00'), invoiceRejected(1, 'Nachweis fehlt')];
      verify
        .given(rejected)
        .when({ invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1', businessDate: '2025-03-05' }, open)
        .thenRefused('invoice-not-awaiting-verification');
    });

    it('invoice-not-rejectable: a verified invoice awaiting its payment order is not rejected', () => {
      const history = [
        ...fixedFls(),
        invoiceSubmitted(1, 'TR-E', '2025-02', '20', '1300.00'),
        invoiceVerified(1, 'sachlich-richtig', 'wiju-1', '2025-03-05'),
        invoiceVerified(1, 'rechnerisch-richtig', 'wiju-2', '2025-03-05'),
      ];
      reject
        .given(history)
        .when({ invoiceId: `${A}-R1`, reason: 'x', businessDate: '2025-03-06' }, open)
        .thenRefused('invoice-not-rejectable');
    });
  });

  describe('revenue', () => {
    it('invalid-period: a Kostenbeitrag ending before it starts', () => {
      fixKostenbeitrag
        .given(fixedFls())
        .when({ approvalId: A, monthlyAmount: '50.00', from: '2025-03-01', to: '2025-02-28', businessDate: '2025-03-01' }, open)
        .thenRefused('invalid-period');
    });

    it('outside-approved-period: a Kostenbeitrag from before the start or after the end', () => {
      fixKostenbeitrag
        .given(fixedFls())
        .when({ approvalId: A, monthlyAmount: '50.00', from: '2024-12-01', to: null, businessDate: '2025-01-10' }, open)
        .thenRefused('outside-approved-period');
      fixKostenbeitrag
        .given(fixedFls())
        .when({ approvalId: A, monthlyAmount: '50.00', from: '2025-07-01', to: null, businessDate: '2025-01-10' }, open)
        .thenRefused('outside-approved-period');
    });

    it('fiscal-year-closed: a Kostenerstattung for a service month of a closed year', () => {
      claimKostenerstattung
        .given(fixedFls())
        .when(
          { approvalId: A, debtorAuthority: 'LRO-JA', serviceMonth: '2025-02', amount: '1300.00', reference: 'KE-1', businessDate: '2026-01-20' },
          { closedYears: [2025] },
        )
        .thenRefused('fiscal-year-closed');
    });
  });
});
