import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../../libs/ddd/aggregate-store';
import { DomainError } from '../../../../libs/ddd/domain-error';
import { ValidationProblem } from '../../../../libs/http/problem';
import { yearOf } from '../../../../libs/calendar';
import { streams } from '../../../shared/stream-ids';
import { budgetContractDecider, decideConcludeVersion } from '../../domain/budget-contract';
import { BudgetContractTerms, completeTerms } from '../../domain/contract-terms';
import { BudgetQueries } from '../../queries/budget-queries';
import { MasterDataQueries } from '../../../master-data';
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
    if (!(await this.directory.sozialraumExists(ctx.tenantId, sozialraumId))) {
      throw new DomainError('sozialraum-not-found', 'Not found', `Sozialraum ${sozialraumId} is not registered`, 404);
    }
    // A version reaching back into a closed year would re-classify booked money there.
    if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, yearOf(dto.effectiveFrom))) === 'closed') {
      throw new DomainError('fiscal-year-closed', 'Fiscal year closed', `the fiscal year ${yearOf(dto.effectiveFrom)} of ${sozialraumId} is closed; a contract version cannot take effect in it`, 422);
    }
    const handled = await this.aggregates.handle(streams.contract(ctx.tenantId, sozialraumId), budgetContractDecider, ctx, (state) =>
      decideConcludeVersion({ sozialraumId, effectiveFrom: dto.effectiveFrom, terms, decisionReference: dto.decisionReference ?? null, reason: dto.reason }, state),
      { retryOnConflict: true },
    );
    return { sozialraumId, version: handled.version, versions: handled.state.versions };
  }
}
