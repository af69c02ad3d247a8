import { add, subtract } from '../../../libs/event-store/row-changes';
import { stored } from '../../../test/support/stored-event';
import { FlexibleEvent } from '../domain/flexible.events';
import { flexibleListChanges } from './flexible-lists.rows';

const STREAM = 'HRO-JA/budget/HRO-TW/2025';
const year = { tenant_id: 'HRO-JA', sozialraum_id: 'HRO-TW', fiscal_year: 2025 };
const at = new Date('2025-05-06T10:00:00.000Z');
const on = (event: FlexibleEvent | { type: string; data: unknown; businessDate?: string | null }, streamId = STREAM) =>
  stored(streamId, { businessDate: '2025-05-05', ...event }, { recordedAt: at });

describe('flexible list rows', () => {
  it('lists a granted subsidy with its number in the year, its total granted and its count of instalments', () => {
    const granted = on({
      type: 'SubsidyGranted',
      data: {
        subsidyId: 'ZUW-2025-12',
        providerId: 'TR-E',
        category: 'FU',
        purpose: 'Stadtteilfest',
        total: '3000.00',
        bescheidDate: '2025-05-02',
        instalments: [
          { instalmentId: 'R1', dueDate: '2025-06-01', month: '2025-06', amount: '1500.00' },
          { instalmentId: 'R2', dueDate: '2025-09-01', month: '2025-09', amount: '1500.00' },
        ],
      },
    });
    expect(flexibleListChanges([granted])).toEqual([
      {
        kind: 'insert',
        table: 'flexible_subsidies',
        row: {
          ...year,
          subsidy_id: 'ZUW-2025-12',
          seq: 12,
          provider_id: 'TR-E',
          category: 'FU',
          purpose: 'Stadtteilfest',
          bescheid_date: '2025-05-02',
          status: 'granted',
          total: '3000.00',
          granted: '3000.00',
          instalments: 2,
          updated_at: at,
        },
        onConflict: 'ignore',
      },
    ]);
  });

  it('sums payments and receipts of a subsidy and lowers what stays granted by a reclaim', () => {
    const where = { ...year, subsidy_id: 'ZUW-2025-1' };
    const changes = flexibleListChanges([
      on({ type: 'SubsidyInstalmentPaymentOrdered', data: { subsidyId: 'ZUW-2025-1', instalmentId: 'R1', month: '2025-06', amount: '1500.00' } }),
      on({ type: 'SubsidyUsageReported', data: { subsidyId: 'ZUW-2025-1', lines: [] } }),
      on({ type: 'SubsidyReclaimed', data: { subsidyId: 'ZUW-2025-1', reason: 'x', releasedInstalments: ['R2'], released: '1500.00', claimed: '200.00' } }),
      on({ type: 'SubsidyReclaimReceived', data: { subsidyId: 'ZUW-2025-1', amount: '200.00', outstanding: '0.00' } }),
    ]);
    expect(changes).toEqual([
      { kind: 'update', table: 'flexible_subsidies', where, set: { paid: add('1500.00'), updated_at: at } },
      { kind: 'update', table: 'flexible_subsidies', where, set: { status: 'reclaimed', granted: subtract('1500.00'), claimed: '200.00', updated_at: at } },
      { kind: 'update', table: 'flexible_subsidies', where, set: { received: add('200.00'), updated_at: at } },
    ]);
  });

  it('lists a reported activity on its business date and follows its decision and actual cost', () => {
    const where = { ...year, activity_id: 'FA-2025-3' };
    const changes = flexibleListChanges([
      on({
        type: 'FlexibleActivityReported',
        data: {
          activityId: 'FA-2025-3',
          providerId: 'TR-K',
          category: 'FUE',
          activityDate: '2025-05-20',
          month: '2025-05',
          amount: '800.00',
          description: 'Elternkurs',
          evidenceReference: null,
        },
      }),
      on({
        type: 'FlexibleActivityApproved',
        data: { activityId: 'FA-2025-3', approvedAmount: '750.00', bescheidDate: '2025-05-07' },
        businessDate: '2025-05-07',
      }),
      on({ type: 'FlexibleActivityActualReported', data: { activityId: 'FA-2025-3', actualAmount: '700.00', released: '50.00' } }),
      on({ type: 'FlexibleActivityRejected', data: { activityId: 'FA-2025-3', reason: 'x' }, businessDate: null }),
    ]);
    expect(changes).toEqual([
      {
        kind: 'insert',
        table: 'flexible_activities',
        row: {
          ...where,
          seq: 3,
          provider_id: 'TR-K',
          category: 'FUE',
          activity_date: '2025-05-20',
          description: 'Elternkurs',
          status: 'reported',
          requested: '800.00',
          reported_on: '2025-05-05',
          updated_at: at,
        },
        onConflict: 'ignore',
      },
      { kind: 'update', table: 'flexible_activities', where, set: { status: 'approved', approved: '750.00', decided_on: '2025-05-07', updated_at: at } },
      { kind: 'update', table: 'flexible_activities', where, set: { status: 'settled', actual: '700.00', updated_at: at } },
      // Without a business date the day it was recorded counts.
      { kind: 'update', table: 'flexible_activities', where, set: { status: 'rejected', decided_on: '2025-05-06', updated_at: at } },
    ]);
  });

  it('ignores planning and ledger events and other streams', () => {
    const elsewhere = on({ type: 'SubsidyReclaimReceived', data: { subsidyId: 'ZUW-2025-1', amount: '1.00', outstanding: '0.00' } }, 'HRO-JA/case/TW-25-001');
    expect(flexibleListChanges([on({ type: 'BudgetOpened', data: { reason: 'x' } }), on({ type: 'CommitmentRecorded', data: {} }), elsewhere])).toEqual([]);
  });
});
