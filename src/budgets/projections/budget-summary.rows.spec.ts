import { add, subtract } from '../../../libs/event-store/row-changes';
import { stored } from '../../../test/support/stored-event';
import { SozialraumBudgetEvent } from '../domain/sozialraum-budget.events';
import { budgetSummaryChanges } from './budget-summary.rows';

const STREAM = 'HRO-JA/budget/HRO-TW/2025';
const key = { tenant_id: 'HRO-JA', sozialraum_id: 'HRO-TW', fiscal_year: 2025 };
const at = new Date('2025-03-01T09:30:00.000Z');
const on = (event: SozialraumBudgetEvent | { type: string; data: unknown }, streamVersion = 7) => stored(STREAM, event, { streamVersion, recordedAt: at });
const update = (set: object, version = 7) => ({ kind: 'update', table: 'budget_summaries', where: key, set: { ...set, version, updated_at: at } });

describe('budget summary rows', () => {
  it('creates the row of a budget with its planned amounts when it is allocated, keeping a row that exists', () => {
    const allocated = on(
      {
        type: 'BudgetAllocated',
        data: {
          sozialraumId: 'HRO-TW',
          fiscalYear: 2025,
          planned: { FS: '900000.00', FUE: '60000.00', FU: '40000.00' },
          total: '1000000.00',
          decisionReference: null,
          reason: 'Haushalt',
        },
      },
      1,
    );
    expect(budgetSummaryChanges([allocated])).toEqual([
      {
        kind: 'insert',
        table: 'budget_summaries',
        row: { ...key, status: 'planned', planned_fs: '900000.00', planned_fue: '60000.00', planned_fu: '40000.00', version: 1, updated_at: at },
        onConflict: 'ignore',
      },
    ]);
  });

  it('follows the status: opened, closed', () => {
    expect(budgetSummaryChanges([on({ type: 'BudgetOpened', data: { reason: 'x' } }, 2), on({ type: 'BudgetClosed', data: { reason: 'y' } }, 3)])).toEqual([
      update({ status: 'open' }, 2),
      update({ status: 'closed' }, 3),
    ]);
  });

  it('sets the amended category to its new amount', () => {
    const amended = on({
      type: 'BudgetAmended',
      data: { category: 'FUE', previousAmount: '60000.00', newAmount: '65000.00', delta: '5000.00', reason: 'Nachtrag', decisionReference: 'BV-1' },
    });
    expect(budgetSummaryChanges([amended])).toEqual([update({ planned_fue: '65000.00' })]);
  });

  it('counts open proposals and moves an agreed reallocation from one category to the other', () => {
    const proposal = { proposalId: 'P1', from: 'FS' as const, to: 'FU' as const, amount: '1500.00' };
    const changes = budgetSummaryChanges([
      on({ type: 'ReallocationProposed', data: { ...proposal, reason: 'x', proposedBy: 'jugendamt', proposerOrganisationId: 'HRO-JA' } }),
      on({ type: 'ReallocationAgreed', data: { ...proposal, agreedBy: 'lead-provider', agreerOrganisationId: 'TR-E' } }),
      on({ type: 'ReallocationRejected', data: { proposalId: 'P2', reason: 'x', by: 'jugendamt' } }),
      on({ type: 'ReallocationWithdrawn', data: { proposalId: 'P3', reason: 'x', by: 'jugendamt' } }),
    ]);
    expect(changes).toEqual([
      update({ open_proposals: add(1) }),
      update({ planned_fs: subtract('1500.00'), planned_fu: add('1500.00'), open_proposals: subtract(1) }),
      update({ open_proposals: subtract(1) }),
      update({ open_proposals: subtract(1) }),
    ]);
  });

  it('marks frozen flexible categories; FS is never frozen and a change naming only FS changes nothing', () => {
    const changes = budgetSummaryChanges([
      on({ type: 'BudgetFreezeImposed', data: { categories: ['FS', 'FUE', 'FU'], reason: 'Sperre' } }),
      on({ type: 'BudgetFreezeLifted', data: { categories: ['FU'], reason: 'Aufhebung' } }),
      on({ type: 'BudgetFreezeLifted', data: { categories: ['FS'], reason: 'Aufhebung' } }),
    ]);
    expect(changes).toEqual([update({ frozen_fue: true, frozen_fu: true }), update({ frozen_fu: false })]);
  });

  it('applies the previous year’s settlement to the fallunspezifisch budget', () => {
    const settlement = { settlementId: 'S-2024', fromFiscalYear: 2024, category: 'FU' as const, amount: '12000.00' };
    expect(budgetSummaryChanges([on({ type: 'SavingsCarriedForward', data: settlement }), on({ type: 'MalusApplied', data: settlement })])).toEqual([
      update({ planned_fu: add('12000.00') }),
      update({ planned_fu: subtract('12000.00') }),
    ]);
  });

  it('moves only the version for the other events of a budget stream (flexible money, ledger)', () => {
    expect(budgetSummaryChanges([on({ type: 'SubsidyGranted', data: { subsidyId: 'ZUW-2025-1' } }, 9)])).toEqual([update({}, 9)]);
  });

  it('ignores events of other streams', () => {
    const elsewhere = stored('HRO-JA/case/TW-25-001', { type: 'BudgetOpened', data: { reason: 'x' } });
    expect(budgetSummaryChanges([elsewhere, stored('HRO-JA/budget/HRO-TW/25', { type: 'BudgetOpened', data: { reason: 'x' } })])).toEqual([]);
  });
});
