import { stored } from '../../../test/support/stored-event';
import { LedgerEvent } from '../../ledger';
import { plannedYearsOf, utilisationChanges } from './utilisation.rows';

const year = { tenant_id: 'HRO-JA', sozialraum_id: 'HRO-TW', fiscal_year: 2025 };
const BUDGET = 'HRO-JA/budget/HRO-TW/2025';
const CASE = 'HRO-JA/case/TW-25-001';
const approval = {
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  category: 'FS' as const,
  inBudget: true,
  providerId: 'TR-E',
  source: { kind: 'approval' as const, id: 'TW-25-001-B1', caseRef: 'TW-25-001' },
};
const cellKey = ['tenant_id', 'sozialraum_id', 'fiscal_year', 'scope', 'category', 'provider_id', 'month'];
const plannedKey = ['tenant_id', 'sozialraum_id', 'fiscal_year', 'category'];
const money = (event: LedgerEvent, businessDate = '2025-03-01', streamId = CASE) => stored(streamId, { ...event, businessDate });
const allocated = stored(BUDGET, {
  type: 'BudgetAllocated',
  data: {
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    planned: { FS: '900000.00', FUE: '60000.00', FU: '40000.00' },
    total: '1000000.00',
    decisionReference: null,
    reason: 'Haushalt',
  },
});
const cell = (extra: object) => ({ kind: 'upsert', table: 'utilisation_cells', key: cellKey, onConflict: 'add', row: { ...year, ...extra } });

describe('utilisation rows', () => {
  it('adds commitments to the forecast and payment orders to the actual of their cells, one upsert per cell and batch', () => {
    const changes = utilisationChanges(
      [
        money({
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
        }),
        money({ type: 'CommitmentReleased', data: { ...approval, lines: [{ month: '2025-04', amount: '300.00' }], total: '300.00', reason: 'invoice-lower' } }),
        money({ type: 'ExpenditureAccrued', data: { ...approval, month: '2025-03', amount: '1000.00', reference: 'TW-25-001-B1-R1' } }, '2025-04-08'),
      ],
      [],
    );
    expect(changes).toEqual([
      // The payment order counts in the month it was issued (its business date), the actual in the Leistungsmonat.
      {
        kind: 'upsert',
        table: 'utilisation_orders',
        key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'category', 'month'],
        onConflict: 'add',
        row: { ...year, category: 'FS', month: '2025-04', amount: '1000.00' },
      },
      cell({ scope: 'budget', category: 'FS', provider_id: 'TR-E', month: '2025-03', forecast: '1300.00', actual: '1000.00' }),
      cell({ scope: 'budget', category: 'FS', provider_id: 'TR-E', month: '2025-04', forecast: '1000.00' }),
    ]);
  });

  it('keeps money beside the budget under its reason, and no payment order counts against the budget for it', () => {
    const outside = { ...approval, inBudget: false, outOfBudgetReason: 'excluded-legal-basis' as const };
    const changes = utilisationChanges([money({ type: 'ExpenditureAccrued', data: { ...outside, month: '2025-03', amount: '50.00', reference: 'x' } })], []);
    expect(changes).toEqual([cell({ scope: 'excluded-legal-basis', category: 'FS', provider_id: 'TR-E', month: '2025-03', actual: '50.00' })]);
  });

  it('sums revenue per kind and month, apart from the budget (R2)', () => {
    const received = (amount: string) =>
      money({
        type: 'RevenueRecorded',
        data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-05', kind: 'kostenbeitrag', amount, source: approval.source },
      });
    expect(utilisationChanges([received('120.00'), received('80.00')], [])).toEqual([
      {
        kind: 'upsert',
        table: 'utilisation_revenue',
        key: ['tenant_id', 'sozialraum_id', 'fiscal_year', 'kind', 'month'],
        onConflict: 'add',
        row: { ...year, kind: 'kostenbeitrag', month: '2025-05', amount: '200.00' },
      },
    ]);
  });

  it('writes all three planned amounts of a year after its planning events, from the stored ones on', () => {
    const amended = stored(BUDGET, {
      type: 'BudgetAmended',
      data: { category: 'FUE', previousAmount: '60000.00', newAmount: '65000.00', delta: '5000.00', reason: 'Nachtrag', decisionReference: 'BV-1' },
    });
    const agreed = stored(BUDGET, {
      type: 'ReallocationAgreed',
      data: { proposalId: 'P1', from: 'FS', to: 'FU', amount: '1000.00', agreedBy: 'lead-provider', agreerOrganisationId: 'TR-E' },
    });
    const storedRows = [
      { ...year, category: 'FS' as const, planned: '900000.00' },
      { ...year, category: 'FUE' as const, planned: '60000.00' },
      { ...year, category: 'FU' as const, planned: '40000.00' },
    ];
    const planned = (category: string, amount: string) => ({
      kind: 'upsert',
      table: 'utilisation_planned',
      key: plannedKey,
      onConflict: 'replace',
      row: { ...year, category, planned: amount },
    });
    expect(utilisationChanges([amended, agreed], storedRows)).toEqual([planned('FS', '899000.00'), planned('FUE', '65000.00'), planned('FU', '41000.00')]);
    // A year without stored rows starts from zero; an allocation in the batch sets all three.
    expect(utilisationChanges([amended], [])).toEqual([planned('FS', '0.00'), planned('FUE', '65000.00'), planned('FU', '0.00')]);
    expect(utilisationChanges([allocated, agreed], [])).toEqual([planned('FS', '899000.00'), planned('FUE', '60000.00'), planned('FU', '41000.00')]);
  });

  it('names each year whose planned amounts the batch changes once, and only planning events of budget streams', () => {
    const other = stored('HRO-JA/budget/HRO-EV/2026', { ...allocated, data: allocated.data });
    const opened = stored(BUDGET, { type: 'BudgetOpened', data: { reason: 'x' } });
    const elsewhere = stored('HRO-JA/case/TW-25-001', { type: 'BudgetAllocated', data: allocated.data });
    expect(plannedYearsOf([allocated, opened, allocated, other, elsewhere])).toEqual([
      { tenantId: 'HRO-JA', sozialraumId: 'HRO-TW', fiscalYear: 2025 },
      { tenantId: 'HRO-JA', sozialraumId: 'HRO-EV', fiscalYear: 2026 },
    ]);
    expect(utilisationChanges([opened, elsewhere], [])).toEqual([]);
  });
});
