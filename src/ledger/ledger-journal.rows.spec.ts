import { stored } from '../../test/support/stored-event';
import { LedgerEvent } from './ledger-events';
import { ledgerJournalChanges } from './ledger-journal.rows';

const dimensions = {
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  category: 'FS' as const,
  inBudget: false,
  outOfBudgetReason: 'high-cost' as const,
  providerId: 'TR-E',
  source: { kind: 'approval' as const, id: 'TW-25-001-B1', caseRef: 'TW-25-001' },
};
const at = new Date('2025-02-03T12:00:00.000Z');
const on = (event: LedgerEvent | { type: string; data: unknown; businessDate?: string | null }) => stored('HRO-JA/case/TW-25-001', event, { recordedAt: at });
const rowsOf = (event: ReturnType<typeof on>) => ledgerJournalChanges([event]).map((c) => c.kind === 'insert' && c.row);
const common = (event: ReturnType<typeof on>) => ({
  event_id: event.eventId,
  global_position: event.globalPosition.toString(),
  tenant_id: 'HRO-JA',
  stream_id: 'HRO-JA/case/TW-25-001',
  event_type: event.type,
  sozialraum_id: 'HRO-TW',
  fiscal_year: 2025,
  provider_id: 'TR-E',
  source_kind: 'approval',
  source_id: 'TW-25-001-B1',
  case_ref: 'TW-25-001',
  recorded_at: at,
});

describe('ledger journal rows', () => {
  it('journals a commitment as one forecast line per month, numbered within the event, on its business date; an event journaled before stays', () => {
    const recorded = on({
      type: 'CommitmentRecorded',
      data: {
        ...dimensions,
        lines: [
          { month: '2025-01', amount: '1300.00' },
          { month: '2025-02', amount: '1300.5' },
        ],
        total: '2600.50',
        reason: 'approval',
      },
      businessDate: '2025-01-01',
    });
    const changes = ledgerJournalChanges([recorded]);
    expect(changes.every((c) => c.kind === 'insert' && c.table === 'ledger_entries' && c.onConflict === 'ignore')).toBe(true);
    const line = { ...common(recorded), category: 'FS', in_budget: false, out_of_budget_reason: 'high-cost', measure: 'forecast', business_date: '2025-01-01' };
    expect(rowsOf(recorded)).toEqual([
      { ...line, line: 0, month: '2025-01', amount: '1300.00' },
      { ...line, line: 1, month: '2025-02', amount: '1300.50' },
    ]);
  });

  it('signs releases and reversals negative', () => {
    const released = on({
      type: 'CommitmentReleased',
      data: {
        ...dimensions,
        inBudget: true,
        outOfBudgetReason: undefined,
        lines: [{ month: '2025-10', amount: '900.00' }],
        total: '900.00',
        reason: 'termination',
      },
    });
    const reversed = on({
      type: 'ExpenditureReversed',
      data: { ...dimensions, month: '2025-03', amount: '1300.00', reference: 'TW-25-001-B1-R1', reason: 'Storno' },
    });
    expect(rowsOf(released)).toEqual([
      {
        ...common(released),
        line: 0,
        category: 'FS',
        in_budget: true,
        out_of_budget_reason: null,
        measure: 'forecast',
        month: '2025-10',
        amount: '-900.00',
        business_date: '2025-03-01',
      },
    ]);
    expect(rowsOf(reversed)).toMatchObject([{ measure: 'actual', month: '2025-03', amount: '-1300.00' }]);
  });

  it('journals revenue beside the budget, without a category', () => {
    const revenue = on({
      type: 'RevenueRecorded',
      data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-04', kind: 'kostenbeitrag', amount: '120.00', source: dimensions.source },
    });
    expect(rowsOf(revenue)).toEqual([
      {
        ...common(revenue),
        provider_id: null,
        line: 0,
        category: null,
        in_budget: false,
        out_of_budget_reason: null,
        measure: 'revenue',
        month: '2025-04',
        amount: '120.00',
        business_date: '2025-03-01',
      },
    ]);
  });

  it('fails the batch for a money movement without a business date instead of journaling it on none', () => {
    const undated = on({ type: 'ExpenditureAccrued', data: { ...dimensions, month: '2025-03', amount: '1.00', reference: 'x' }, businessDate: null });
    expect(() => ledgerJournalChanges([undated])).toThrow('has no business date');
  });

  it('ignores everything but money movements', () => {
    expect(ledgerJournalChanges([on({ type: 'ApprovalGranted', data: { approvalId: 'TW-25-001-B1' } })])).toEqual([]);
  });
});
