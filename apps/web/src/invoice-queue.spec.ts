/// <reference types="jest" />
import { countInvoices, findCaseInvoice, mayReject, mayTakeNextStep, QUEUES } from './invoice-queue';

describe('work queue of the invoices', () => {
  it('runs first verification, second verification, payment order', () => {
    expect(QUEUES.map((q) => q.status)).toEqual(['awaiting-first-verification', 'awaiting-second-verification', 'awaiting-payment-order']);
  });

  it('never offers the second verification to the person who did the first (four eyes)', () => {
    expect(mayTakeNextStep({ status: 'awaiting-second-verification', firstVerifier: 'wiju-1' }, 'wiju-1')).toBe(false);
    expect(mayTakeNextStep({ status: 'awaiting-second-verification', firstVerifier: 'wiju-1' }, 'wiju-2')).toBe(true);
    expect(mayTakeNextStep({ status: 'awaiting-second-verification', firstVerifier: 'wiju-1' }, '')).toBe(false);
  });

  it('offers the first verification and the payment order to anyone of the queue, nothing for done invoices', () => {
    expect(mayTakeNextStep({ status: 'awaiting-first-verification' }, 'wiju-1')).toBe(true);
    expect(mayTakeNextStep({ status: 'awaiting-payment-order', firstVerifier: 'wiju-1' }, 'wiju-1')).toBe(true);
    expect(mayTakeNextStep({ status: 'paid' }, 'wiju-1')).toBe(false);
  });

  it('lets an invoice be rejected until the payment is ordered', () => {
    expect(mayReject({ status: 'awaiting-first-verification' })).toBe(true);
    expect(mayReject({ status: 'awaiting-second-verification' })).toBe(true);
    expect(mayReject({ status: 'awaiting-payment-order' })).toBe(false);
  });

  it('finds the invoice in its case to show the approved amount', () => {
    const approvals = [
      { approvalId: 'B1', invoices: [{ invoiceId: 'R1', approvedAmount: '1560.00' }] },
      { approvalId: 'B2', invoices: [{ invoiceId: 'R1', approvedAmount: '99.00' }] },
    ];
    expect(findCaseInvoice(approvals, 'B1', 'R1')?.approvedAmount).toBe('1560.00');
    expect(findCaseInvoice(approvals, 'B3', 'R1')).toBeUndefined();
    expect(findCaseInvoice(undefined, 'B1', 'R1')).toBeUndefined();
  });

  it('counts in German', () => {
    expect(countInvoices(1)).toBe('1 Rechnung');
    expect(countInvoices(4)).toBe('4 Rechnungen');
  });
});
