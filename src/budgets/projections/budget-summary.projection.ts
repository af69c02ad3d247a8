import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { writeRowChanges } from '../../../libs/event-store/row-changes';
import { budgetSummaryChanges } from './budget-summary.rows';

/** Keeps budget_summaries in step with the planning events of every budget stream. */
@Injectable()
@AsProjection('budget-summaries')
export class BudgetSummaryProjection implements Projection {
  readonly tables = ['budget_summaries'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    await writeRowChanges(manager, budgetSummaryChanges(events));
  }
}
