import { Injectable } from '@nestjs/common';
import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { AggregateStore } from '../../../libs/ddd/aggregate-store';
import { streams } from '../../shared/stream-ids';
import { actingProvider } from '../commands/budget-year';
import { BudgetYear } from '../commands/flexible.commands';
import { flexibleBudgetDecider } from '../domain/flexible-budget';
import { flexibleFigures } from '../domain/flexible-figures';
import { activityOf, subsidyOf } from '../domain/lookups';
import { activityView, subsidyView } from './flexible-views';
import { Static } from '../../../libs/http/contract/schema-types';
import { ActivityView, FlexibleFiguresView, SubsidyView } from '../flexible.schemas';

/** Reads folded from the budget stream: immediately consistent with the limit that decides. */
@Injectable()
export class FlexibleQueries {
  constructor(private readonly aggregates: AggregateStore) {}

  private load(ctx: CommandContext, year: BudgetYear) {
    return this.aggregates.load(streams.budget(ctx.tenantId, year.sozialraumId, year.fiscalYear), flexibleBudgetDecider);
  }

  async figures(ctx: CommandContext, year: BudgetYear): Promise<Static<typeof FlexibleFiguresView>> {
    const { state, version } = await this.load(ctx, year);
    if (state.budget.status === 'none') {
      throw new NotFound(
        SHARED_PROBLEMS['budget-not-found'],
        text(
          `Für den Sozialraum ${year.sozialraumId} gibt es kein Budget für das Haushaltsjahr ${year.fiscalYear}.`,
          `There is no budget of ${year.sozialraumId} for ${year.fiscalYear}.`,
        ),
      );
    }
    return { sozialraumId: year.sozialraumId, fiscalYear: year.fiscalYear, status: state.budget.status, version, categories: flexibleFigures(state) };
  }

  async subsidy(ctx: CommandContext, year: BudgetYear, subsidyId: string): Promise<Static<typeof SubsidyView>> {
    const { state, version } = await this.load(ctx, year);
    return { ...subsidyView(year.sozialraumId, year.fiscalYear, subsidyOf(state, subsidyId, actingProvider(ctx))), version };
  }

  async activity(ctx: CommandContext, year: BudgetYear, activityId: string): Promise<Static<typeof ActivityView>> {
    const { state, version } = await this.load(ctx, year);
    return { ...activityView(year.sozialraumId, year.fiscalYear, activityOf(state, activityId, actingProvider(ctx))), version };
  }
}
