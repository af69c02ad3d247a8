import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { onBusinessDate } from '../../../../libs/ddd/command-context';
import { parseAmount } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { MasterDataQueries } from '../../../master-data';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { decideAllocate } from '../../domain/sozialraum-budget.decisions';
import { AllocateBudgetCommand, BudgetCommandResult } from '../budget.commands';

@CommandHandler(AllocateBudgetCommand)
export class AllocateBudgetHandler implements ICommandHandler<AllocateBudgetCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly directory: MasterDataQueries,
  ) {}

  async execute({ ctx, dto }: AllocateBudgetCommand): Promise<BudgetCommandResult> {
    const { sozialraumId, fiscalYear } = dto;
    const planned = { FS: parseAmount(dto.planned.FS), FUE: parseAmount(dto.planned.FUE), FU: parseAmount(dto.planned.FU) };
    const command = { sozialraumId, fiscalYear, planned, decisionReference: dto.decisionReference ?? null, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.budget(ctx.tenantId, sozialraumId, fiscalYear),
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      {
        facts: async () => ({ sozialraumRegistered: await this.directory.sozialraumExists(ctx.tenantId, sozialraumId) }),
        decide: (state, facts) => decideAllocate(command, state, facts),
      },
    );
    return { sozialraumId, fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
