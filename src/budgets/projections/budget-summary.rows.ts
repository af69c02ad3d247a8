import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { eventsOf } from '../../../libs/event-store/event-union';
import { RowChange, add, subtract } from '../../../libs/event-store/row-changes';
import { BudgetCategory } from '../../shared/budget-category';
import { SozialraumBudgetEvent } from '../domain/sozialraum-budget.events';

export type BudgetSummaryTables = {
  budget_summaries: {
    tenant_id: string;
    sozialraum_id: string;
    fiscal_year: number;
    status?: 'planned' | 'open' | 'closed';
    planned_fs?: string;
    planned_fue?: string;
    planned_fu?: string;
    frozen_fue?: boolean;
    frozen_fu?: boolean;
    open_proposals?: number;
    version: number;
    updated_at: Date;
  };
};
export type BudgetSummaryChange = RowChange<BudgetSummaryTables>;
type Summary = BudgetSummaryTables['budget_summaries'];
type SummarySet = Extract<BudgetSummaryChange, { kind: 'update' }>['set'];

const PLANNED = { FS: 'planned_fs', FUE: 'planned_fue', FU: 'planned_fu' } as const satisfies Record<BudgetCategory, keyof Summary>;
const FROZEN = { FUE: 'frozen_fue', FU: 'frozen_fu' } as const satisfies Partial<Record<BudgetCategory, keyof Summary>>;
const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

const isPlanningEvent = eventsOf<SozialraumBudgetEvent>({
  BudgetAllocated: true,
  BudgetOpened: true,
  BudgetAmended: true,
  ReallocationProposed: true,
  ReallocationAgreed: true,
  ReallocationRejected: true,
  ReallocationWithdrawn: true,
  BudgetFreezeImposed: true,
  BudgetFreezeLifted: true,
  BudgetClosed: true,
  SavingsCarriedForward: true,
  MalusApplied: true,
  PerformanceBonusApplied: true,
});

/**
 * The changes of budget_summaries: one row per budget stream, created by its allocation; every
 * later event of the stream (flexible money and ledger events too) moves its version.
 */
export function budgetSummaryChanges(events: readonly StoredEvent[]): BudgetSummaryChange[] {
  const changes: BudgetSummaryChange[] = [];
  for (const event of events) {
    const match = BUDGET_STREAM.exec(event.streamId);
    if (!match) continue;
    const key = { tenant_id: match[1], sozialraum_id: match[2], fiscal_year: Number(match[3]) };
    const touch = { version: event.streamVersion, updated_at: event.recordedAt };
    const update = (set: SummarySet) => changes.push({ kind: 'update', table: 'budget_summaries', where: key, set: { ...set, ...touch } });
    if (!isPlanningEvent(event)) {
      update({});
      continue;
    }
    switch (event.type) {
      case 'BudgetAllocated': {
        const { planned } = event.data;
        changes.push({
          kind: 'insert',
          table: 'budget_summaries',
          row: { ...key, status: 'planned', planned_fs: planned.FS, planned_fue: planned.FUE, planned_fu: planned.FU, ...touch },
          onConflict: 'ignore',
        });
        break;
      }
      case 'BudgetOpened':
        update({ status: 'open' });
        break;
      case 'BudgetClosed':
        update({ status: 'closed' });
        break;
      case 'BudgetAmended':
        update({ [PLANNED[event.data.category]]: event.data.newAmount });
        break;
      case 'ReallocationProposed':
        update({ open_proposals: add(1) });
        break;
      case 'ReallocationAgreed':
        update({ [PLANNED[event.data.from]]: subtract(event.data.amount), [PLANNED[event.data.to]]: add(event.data.amount), open_proposals: subtract(1) });
        break;
      case 'ReallocationRejected':
      case 'ReallocationWithdrawn':
        update({ open_proposals: subtract(1) });
        break;
      case 'BudgetFreezeImposed':
      case 'BudgetFreezeLifted': {
        const frozen = event.type === 'BudgetFreezeImposed';
        const set: Partial<Record<(typeof FROZEN)[keyof typeof FROZEN], boolean>> = {};
        for (const category of event.data.categories) if (category !== 'FS') set[FROZEN[category]] = frozen;
        // A freeze of FS alone (refused by the decider, but stored streams are read as they are) changes nothing.
        if (Object.keys(set).length) update(set);
        break;
      }
      // Settlements change the fallunspezifisch budget (R10).
      case 'SavingsCarriedForward':
      case 'PerformanceBonusApplied':
        update({ planned_fu: add(event.data.amount) });
        break;
      case 'MalusApplied':
        update({ planned_fu: subtract(event.data.amount) });
        break;
    }
  }
  return changes;
}
