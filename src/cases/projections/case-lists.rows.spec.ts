import { appendDistinct } from '../../../libs/event-store/row-changes';
import { stored } from '../../../test/support/stored-event';
import { CaseDomainEvent } from '../domain/case.events';
import { approvalsOfInvoices, caseListChanges } from './case-lists.rows';

const STREAM = 'HRO-JA/case/TW-25-001';
const at = new Date('2025-04-02T08:00:00.000Z');
const on = (event: CaseDomainEvent | { type: string; data: unknown }, streamVersion = 5, streamId = STREAM) =>
  stored(streamId, event, { streamVersion, recordedAt: at });
const segment = (providerId: string) => ({
  from: '2025-03-01',
  providerId,
  rate: '65.00',
  hoursPerMonth: '20',
  agreementId: null,
  rateReason: 'Einzelvereinbarung',
});

const granted = on(
  {
    type: 'ApprovalGranted',
    data: {
      approvalId: 'TW-25-001-B1',
      caseRef: 'TW-25-001',
      sozialraumId: 'HRO-TW',
      legalBasis: '§ 31',
      rateType: 'hourly',
      bescheidDate: '2025-02-20',
      start: '2025-03-01',
      end: null,
      segment: segment('TR-E'),
      classification: { inBudget: true, reason: 'in-budget', explanation: 'x', contractVersion: 1 },
      committedThrough: 2025,
    },
  },
  2,
);
const submitted = (approvalId: string, invoiceId: string, streamId = STREAM) =>
  on(
    {
      type: 'InvoiceSubmitted',
      data: { invoiceId, approvalId, providerId: 'TR-E', serviceMonth: '2025-03', quantity: '20', amount: '1300.00', invoiceNumber: 'RE-1', leitwegId: null },
    },
    6,
    streamId,
  );
const approvalWhere = { tenant_id: 'HRO-JA', approval_id: 'TW-25-001-B1' };
const invoiceWhere = { tenant_id: 'HRO-JA', invoice_id: 'TW-25-001-B1-R1' };

describe('case list rows', () => {
  it('lists a granted approval as running with its first provider, keeping a row that exists', () => {
    expect(caseListChanges([granted], [])).toEqual([
      {
        kind: 'insert',
        table: 'case_approvals',
        row: {
          ...approvalWhere,
          case_ref: 'TW-25-001',
          sozialraum_id: 'HRO-TW',
          legal_basis: '§ 31',
          rate_type: 'hourly',
          provider_ids: ['TR-E'],
          start_date: '2025-03-01',
          end_date: null,
          bescheid_date: '2025-02-20',
          in_budget: true,
          status: 'running',
          version: 2,
        },
        onConflict: 'ignore',
      },
    ]);
  });

  it('follows extensions, scope changes and terminations, adding providers once each', () => {
    const changes = caseListChanges(
      [
        on(
          {
            type: 'ApprovalExtended',
            data: {
              approvalId: 'TW-25-001-B1',
              previousEnd: '2025-06-30',
              newEnd: '2025-12-31',
              committedThrough: 2025,
              reason: 'x',
              segment: segment('TR-K'),
            },
          },
          3,
        ),
        on({ type: 'ApprovalExtended', data: { approvalId: 'TW-25-001-B1', previousEnd: '2025-12-31', newEnd: null, committedThrough: 2025, reason: 'x' } }, 4),
        on({ type: 'ApprovalScopeChanged', data: { approvalId: 'TW-25-001-B1', segment: segment('TR-M'), reason: 'x' } }, 5),
        on({ type: 'ApprovalTerminated', data: { approvalId: 'TW-25-001-B1', reason: 'abbruch', effectiveEnd: '2025-09-30', note: null } }, 6),
      ],
      [],
    );
    expect(changes).toEqual([
      { kind: 'update', table: 'case_approvals', where: approvalWhere, set: { end_date: '2025-12-31', provider_ids: appendDistinct('TR-K'), version: 3 } },
      { kind: 'update', table: 'case_approvals', where: approvalWhere, set: { end_date: null, version: 4 } },
      { kind: 'update', table: 'case_approvals', where: approvalWhere, set: { provider_ids: appendDistinct('TR-M'), version: 5 } },
      { kind: 'update', table: 'case_approvals', where: approvalWhere, set: { end_date: '2025-09-30', status: 'terminated', version: 6 } },
    ]);
  });

  it('lists a submitted invoice under the case and Sozialraum of its stored approval', () => {
    const changes = caseListChanges(
      [submitted('TW-25-001-B1', 'TW-25-001-B1-R1')],
      [{ tenantId: 'HRO-JA', approvalId: 'TW-25-001-B1', caseRef: 'TW-25-001', sozialraumId: 'HRO-EV' }],
    );
    expect(changes).toEqual([
      {
        kind: 'insert',
        table: 'case_invoices',
        row: {
          ...invoiceWhere,
          case_ref: 'TW-25-001',
          approval_id: 'TW-25-001-B1',
          sozialraum_id: 'HRO-EV',
          provider_id: 'TR-E',
          service_month: '2025-03',
          amount: '1300.00',
          invoice_number: 'RE-1',
          status: 'awaiting-first-verification',
          submitted_at: at,
        },
        onConflict: 'ignore',
      },
    ]);
  });

  it('takes an invoice’s approval from the same batch, where the stored row is not there yet; a stored row wins as the insert keeps it', () => {
    const fromBatch = caseListChanges([granted, submitted('TW-25-001-B1', 'TW-25-001-B1-R1')], []);
    expect(fromBatch[1]).toMatchObject({ table: 'case_invoices', row: { case_ref: 'TW-25-001', sozialraum_id: 'HRO-TW' } });
    const stored = caseListChanges(
      [granted, submitted('TW-25-001-B1', 'TW-25-001-B1-R1')],
      [{ tenantId: 'HRO-JA', approvalId: 'TW-25-001-B1', caseRef: 'TW-25-001', sozialraumId: 'HRO-EV' }],
    );
    expect(stored[1]).toMatchObject({ table: 'case_invoices', row: { sozialraum_id: 'HRO-EV' } });
  });

  it('fails the batch for an invoice whose approval is not listed', () => {
    expect(() => caseListChanges([submitted('TW-25-001-B9', 'TW-25-001-B9-R1')], [])).toThrow('TW-25-001-B9');
  });

  it('names the stored approvals the batch’s invoices need, each once per tenant', () => {
    const other = submitted('TW-25-001-B1', 'TW-25-001-B1-R2', 'HRO-X/case/TW-25-001');
    expect(approvalsOfInvoices([granted, submitted('TW-25-001-B1', 'TW-25-001-B1-R1'), submitted('TW-25-001-B1', 'TW-25-001-B1-R2'), other])).toEqual([
      { tenantId: 'HRO-JA', approvalId: 'TW-25-001-B1' },
      { tenantId: 'HRO-X', approvalId: 'TW-25-001-B1' },
    ]);
  });

  it('moves an invoice through both verifications to payment, or to rejection and reversal', () => {
    const changes = caseListChanges(
      [
        on({ type: 'InvoiceVerified', data: { invoiceId: 'TW-25-001-B1-R1', step: 'sachlich-richtig', verifiedBy: 'u-1' } }),
        on({ type: 'InvoiceVerified', data: { invoiceId: 'TW-25-001-B1-R1', step: 'rechnerisch-richtig', verifiedBy: 'u-2' } }),
        on({ type: 'PaymentOrdered', data: { invoiceId: 'TW-25-001-B1-R1', amount: '1300.00', serviceMonth: '2025-03' } }),
        on({ type: 'PaymentReversed', data: { invoiceId: 'TW-25-001-B1-R1', amount: '1300.00', reason: 'x' } }),
        on({ type: 'InvoiceRejected', data: { invoiceId: 'TW-25-001-B1-R1', reason: 'x' } }),
      ],
      [],
    );
    expect(changes.map((c) => c.kind === 'update' && c.set)).toEqual([
      { status: 'awaiting-second-verification', first_verifier: 'u-1' },
      { status: 'awaiting-payment-order' },
      { status: 'paid' },
      { status: 'reversed' },
      { status: 'rejected' },
    ]);
    expect(changes.every((c) => c.table === 'case_invoices' && c.kind === 'update' && c.where.invoice_id === 'TW-25-001-B1-R1')).toBe(true);
  });

  it('ignores other events and other streams', () => {
    const ledger = on({ type: 'CommitmentRecorded', data: { sozialraumId: 'HRO-TW' } });
    const budgetStream = on({ type: 'InvoiceRejected', data: { invoiceId: 'X', reason: 'x' } }, 1, 'HRO-JA/budget/HRO-TW/2025');
    expect(caseListChanges([ledger, budgetStream, on({ type: 'CaseOpened', data: { caseRef: 'TW-25-001', sozialraumId: 'HRO-TW' } })], [])).toEqual([]);
  });
});
