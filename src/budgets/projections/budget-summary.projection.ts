import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';

const COLUMN = { FS: 'planned_fs', FUE: 'planned_fue', FU: 'planned_fu' } as const;
const BUDGET_STREAM = /^([^/]+)\/budget\/([^/]+)\/(\d{4})$/;

/** Keeps budget_summaries in step with the planning events of every budget stream. */
@Injectable()
@AsProjection('budget-summaries')
export class BudgetSummaryProjection implements Projection {
  readonly tables = ['budget_summaries'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const match = BUDGET_STREAM.exec(event.streamId);
      if (!match) continue;
      const key = [match[1], match[2], Number(match[3])];
      const d: any = event.data;
      const touch = `version = $4, updated_at = $5`;
      const args = [...key, event.streamVersion, event.recordedAt];
      const update = (set: string, extra: unknown[] = []) =>
        manager.query(`update budget_summaries set ${set}, ${touch} where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3`, [...args, ...extra]);
      switch (event.type) {
        case 'BudgetAllocated':
          await manager.query(
            `insert into budget_summaries (tenant_id, sozialraum_id, fiscal_year, status, planned_fs, planned_fue, planned_fu, version, updated_at)
             values ($1, $2, $3, 'planned', $6, $7, $8, $4, $5) on conflict do nothing`,
            [...args, d.planned.FS, d.planned.FUE, d.planned.FU],
          );
          break;
        case 'BudgetOpened':
          await update(`status = 'open'`);
          break;
        case 'BudgetClosed':
          await update(`status = 'closed'`);
          break;
        case 'BudgetAmended':
          await update(`${COLUMN[d.category as keyof typeof COLUMN]} = $6`, [d.newAmount]);
          break;
        case 'ReallocationProposed':
          await update('open_proposals = open_proposals + 1');
          break;
        case 'ReallocationAgreed':
          await update(
            `${COLUMN[d.from as keyof typeof COLUMN]} = ${COLUMN[d.from as keyof typeof COLUMN]} - $6, ${COLUMN[d.to as keyof typeof COLUMN]} = ${COLUMN[d.to as keyof typeof COLUMN]} + $6, open_proposals = open_proposals - 1`,
            [d.amount],
          );
          break;
        case 'ReallocationRejected':
        case 'ReallocationWithdrawn':
          await update('open_proposals = open_proposals - 1');
          break;
        case 'BudgetFreezeImposed':
        case 'BudgetFreezeLifted': {
          const value = event.type === 'BudgetFreezeImposed';
          const sets = (d.categories as string[]).filter((c) => c !== 'FS').map((c) => `frozen_${c.toLowerCase()} = ${value}`);
          if (sets.length) await update(sets.join(', '));
          break;
        }
        case 'SavingsCarriedForward':
          await update(`planned_fu = planned_fu + $6`, [d.amount]);
          break;
        case 'MalusApplied':
          await update(`planned_fu = planned_fu - $6`, [d.amount]);
          break;
        default:
          await update('open_proposals = open_proposals');
      }
    }
  }
}
