import { stored } from '../../../test/support/stored-event';
import { LedgerEvent } from '../../ledger';
import { sozialraumYearOf } from './sozialraum-year-key';
import { timelineChanges } from './timeline-changes.rows';

const TABLE = 'forecast_timeline_changes';
const BUDGET = 'HRO-JA/budget/HRO-TW/2025';
const CASE = 'HRO-JA/case/TW-25-001';
const source = { kind: 'approval' as const, id: 'TW-25-001-B1', caseRef: 'TW-25-001' };
const approval = { sozialraumId: 'HRO-TW', fiscalYear: 2025, category: 'FS' as const, inBudget: true, providerId: 'TR-E', source };
const money = (event: LedgerEvent, businessDate = '2025-03-01') => stored(CASE, { ...event, businessDate });
const planning = { category: 'FUE', previousAmount: '60000.00', newAmount: '65000.00', delta: '5000.00', reason: 'Nachtrag', decisionReference: 'BV-1' };
const amended = stored(BUDGET, { type: 'BudgetAmended', data: planning, businessDate: '2025-02-15' });
const year = { tenant_id: 'HRO-JA', sozialraum_id: 'HRO-TW', fiscal_year: 2025 };

describe('timeline change rows', () => {
  it('records a commitment of the budget as a change of the forecast, with its cause', () => {
    const recorded = money({
      type: 'CommitmentRecorded',
      data: {
        ...approval,
        lines: [
          { month: '2025-03', amount: '1300.00' },
          { month: '2025-04', amount: '1300.00' },
        ],
        total: '2600.00',
        reason: 'approval',
      },
    });
    const { changes, touched } = timelineChanges(TABLE, [recorded]);
    expect(changes).toEqual([
      {
        kind: 'insert',
        table: TABLE,
        row: {
          ...year,
          global_position: recorded.globalPosition.toString(),
          transaction_id: recorded.transactionId.toString(),
          business_date: '2025-03-01',
          event_id: recorded.eventId,
          type: 'CommitmentRecorded',
          delta: '2600.00',
          planning: null,
          cause: JSON.stringify({ ...source, reason: 'approval' }),
        },
        onConflict: 'ignore',
      },
    ]);
    expect(touched).toEqual([{ key: { tenantId: 'HRO-JA', sozialraumId: 'HRO-TW', fiscalYear: 2025 }, cause: recorded }]);
  });

  it('records a planning event of the budget stream as a change of B, carrying its data', () => {
    const { changes } = timelineChanges('steering_watch_changes', [amended]);
    expect(changes).toEqual([
      expect.objectContaining({
        table: 'steering_watch_changes',
        row: expect.objectContaining({
          business_date: '2025-02-15',
          type: 'BudgetAmended',
          delta: '0.00',
          planning: JSON.stringify(planning),
          cause: JSON.stringify({ kind: 'budget', id: BUDGET, reason: 'Nachtrag' }),
        }),
      }),
    ]);
  });

  it('names each year it changes once, with the last event of the batch that changed it', () => {
    const released = money(
      { type: 'CommitmentReleased', data: { ...approval, lines: [{ month: '2025-10', amount: '500.00' }], total: '500.00', reason: 'termination' } },
      '2025-09-15',
    );
    const { changes, touched } = timelineChanges(TABLE, [amended, released]);
    expect(changes.map((c) => c.kind === 'insert' && c.row.delta)).toEqual(['0.00', '-500.00']);
    expect(touched).toEqual([{ key: { tenantId: 'HRO-JA', sozialraumId: 'HRO-TW', fiscalYear: 2025 }, cause: released }]);
  });

  it('leaves out what changes neither forecast nor B: actuals, money beside the budget, revenue, other events', () => {
    const accrued = money({ type: 'ExpenditureAccrued', data: { ...approval, month: '2025-03', amount: '1300.00', reference: 'x' } });
    const outside = money({
      type: 'CommitmentRecorded',
      data: { ...approval, inBudget: false, outOfBudgetReason: 'high-cost', lines: [{ month: '2025-03', amount: '1.00' }], total: '1.00', reason: 'approval' },
    });
    const revenue = money({
      type: 'RevenueRecorded',
      data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-03', kind: 'kostenbeitrag', amount: '10.00', source },
    });
    const opened = stored(BUDGET, { type: 'BudgetOpened', data: { reason: 'x' } });
    expect(timelineChanges(TABLE, [accrued, outside, revenue, opened])).toEqual({ changes: [], touched: [] });
  });
});

describe('sozialraumYearOf', () => {
  it('takes the year of a money movement from its data and that of a planning event from its budget stream', () => {
    const moved = money({
      type: 'ExpenditureAccrued',
      data: { ...approval, sozialraumId: 'HRO-EV', fiscalYear: 2024, month: '2024-12', amount: '1.00', reference: 'x' },
    });
    expect(sozialraumYearOf(moved)).toEqual({ tenantId: 'HRO-JA', sozialraumId: 'HRO-EV', fiscalYear: 2024 });
    expect(sozialraumYearOf(amended)).toEqual({ tenantId: 'HRO-JA', sozialraumId: 'HRO-TW', fiscalYear: 2025 });
  });

  it('gives no year for revenue (R2), planning events outside budget streams and other events', () => {
    const revenue = money({
      type: 'RevenueRecorded',
      data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-03', kind: 'kostenbeitrag', amount: '10.00', source },
    });
    expect(
      [revenue, stored(CASE, { type: 'BudgetAmended', data: planning }), stored(BUDGET, { type: 'BudgetOpened', data: { reason: 'x' } })].map(sozialraumYearOf),
    ).toEqual([null, null, null]);
  });
});
