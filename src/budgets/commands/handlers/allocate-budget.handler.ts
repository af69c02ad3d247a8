import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { parseAmount } from '../../../../libs/money';
import { streams } from '../../../shared/stream-ids';
import { decideAllocate } from '../../domain/sozialraum-budget.decisions';
import { sozialraumBudgetDecider } from '../../domain/sozialraum-budget';
import { MasterDataQueries } from '../../../master-data';
import { AllocateBudgetCommand, BudgetCommandResult } from '../budget.commands';
import { onBusinessDate } from '../../../../libs/ddd/command-context';

@CommandHandler(AllocateBudgetCommand)
export class AllocateBudgetHandler implements ICommandHandler<AllocateBudgetCommand> {
  constructor(private readonly aggregates: AggregateStore, private readonly directory: MasterDataQueries) {}

  async execute({ ctx, dto }: AllocateBudgetCommand): Promise<BudgetCommandResult> {
    if (!(await this.directory.sozialraumExists(ctx.tenantId, dto.sozialraumId))) {
      throw new DomainError('sozialraum-not-found', 'Not found', `Sozialraum ${dto.sozialraumId} is not registered`, 404);
    }
    const planned = { FS: parseAmount(dto.planned.FS), FUE: parseAmount(dto.planned.FUE), FU: parseAmount(dto.planned.FU) };
    const handled = await this.aggregates.handle(
      streams.budget(ctx.tenantId, dto.sozialraumId, dto.fiscalYear),
      sozialraumBudgetDecider,
      onBusinessDate(ctx, dto.businessDate),
      (state) => decideAllocate({ sozialraumId: dto.sozialraumId, fiscalYear: dto.fiscalYear, planned, decisionReference: dto.decisionReference ?? null, reason: dto.reason }, state),
    );
    return { sozialraumId: dto.sozialraumId, fiscalYear: dto.fiscalYear, version: handled.version, events: handled.events.map((e) => e.type) };
  }
}
