import { Injectable } from '@nestjs/common';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { CommandContext } from '../../libs/ddd/command-context';
import { streams } from '../shared/stream-ids';
import { AsYearEndParticipant, PendingItem, YearEndParticipant } from '../steering';
import { flexibleBudgetDecider } from './domain/flexible-budget';
import { flexiblePendingWork } from './domain/flexible-year-end';

/**
 * Flexible money at year close: read from the budget stream itself (no projection lag), see
 * flexiblePendingWork for what blocks. Nothing rolls over: subsidies and activities belong to
 * one fiscal year.
 */
@Injectable()
@AsYearEndParticipant()
export class FlexibleYearEnd implements YearEndParticipant {
  constructor(private readonly aggregates: AggregateStore) {}

  async pendingWork(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingItem[]> {
    const { state } = await this.aggregates.load(streams.budget(tenantId, sozialraumId, fiscalYear), flexibleBudgetDecider);
    return flexiblePendingWork(state.flexible);
  }

  async rollOver(_ctx: CommandContext, _sozialraumId: string, _fiscalYear: number): Promise<void> {
    // Nothing to carry: every instalment and activity lies in its own fiscal year.
  }
}
