import { Injectable } from '@nestjs/common';
import { AggregateStore, Handled } from '../../libs/ddd/aggregate-store';
import { CommandContext } from '../../libs/ddd/command-context';
import { streams } from '../shared/stream-ids';
import { SozialraumBudgetState, sozialraumBudgetDecider } from './domain/sozialraum-budget';
import { Settlement, decideApplySettlement, decideClose } from './domain/sozialraum-budget.decisions';
import { BudgetStreamEvent } from './domain/sozialraum-budget.events';

/**
 * What the year end asks of a Sozialraum budget: its version (the aggregate the year close decides
 * on), the close itself, and the application of a settlement to the next year (R10). Steering calls
 * these; the budget decides them on its own stream.
 */
@Injectable()
export class BudgetYearEnd {
  constructor(private readonly aggregates: AggregateStore) {}

  async version(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<number> {
    return (await this.aggregates.load(streams.budget(tenantId, sozialraumId, fiscalYear), sozialraumBudgetDecider)).version;
  }

  close(ctx: CommandContext, sozialraumId: string, fiscalYear: number, reason: string): Promise<Handled<SozialraumBudgetState, BudgetStreamEvent>> {
    const command = { sozialraumId, fiscalYear, reason };
    return this.aggregates.handle(streams.budget(ctx.tenantId, sozialraumId, fiscalYear), sozialraumBudgetDecider, ctx, {
      decide: (state) => decideClose(command, state),
    });
  }

  /** Idempotent per settlement id: a settlement is applied to a budget once. */
  applySettlement(
    ctx: CommandContext,
    sozialraumId: string,
    fiscalYear: number,
    settlement: Settlement,
  ): Promise<Handled<SozialraumBudgetState, BudgetStreamEvent>> {
    const command = { sozialraumId, fiscalYear, ...settlement };
    return this.aggregates.handle(
      streams.budget(ctx.tenantId, sozialraumId, fiscalYear),
      sozialraumBudgetDecider,
      ctx,
      { decide: (state) => decideApplySettlement(command, state) },
      { retryOnConflict: true },
    );
  }
}
