import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { yearOf } from '../../../../libs/calendar';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { ValidationProblem } from '../../../../libs/http/problem';
import { streams } from '../../../shared/stream-ids';
import { MasterDataQueries } from '../../../master-data';
import { budgetContractDecider, decideConcludeVersion } from '../../domain/budget-contract';
import { BudgetContractTerms, completeTerms } from '../../domain/contract-terms';
import { BudgetQueries } from '../../queries/budget-queries';
import { ConcludeContractVersionCommand } from '../budget.commands';

@CommandHandler(ConcludeContractVersionCommand)
export class ConcludeContractVersionHandler implements ICommandHandler<ConcludeContractVersionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly directory: MasterDataQueries,
    private readonly budgets: BudgetQueries,
  ) {}

  async execute({ ctx, sozialraumId, dto }: ConcludeContractVersionCommand) {
    const { terms, errors } = completeTerms(dto.terms as Partial<BudgetContractTerms>);
    if (errors.length) throw new ValidationProblem(errors);
    const command = { sozialraumId, effectiveFrom: dto.effectiveFrom, terms, decisionReference: dto.decisionReference ?? null, reason: dto.reason };
    const handled = await this.aggregates.handle(
      streams.contract(ctx.tenantId, sozialraumId),
      budgetContractDecider,
      ctx,
      {
        facts: async () => ({
          sozialraumRegistered: await this.directory.sozialraumExists(ctx.tenantId, sozialraumId),
          effectiveYearClosed: (await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, yearOf(dto.effectiveFrom))) === 'closed',
        }),
        decide: (state, facts) => decideConcludeVersion(command, state, facts),
      },
      { retryOnConflict: true },
    );
    // The decider appends exactly one BudgetContractVersionConcluded: the version just concluded.
    const versionNumber = handled.events[0].data.versionNumber;
    return { sozialraumId, versionNumber, version: handled.version, versions: handled.state.versions };
  }
}
