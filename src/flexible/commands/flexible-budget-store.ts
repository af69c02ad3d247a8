import { Injectable } from '@nestjs/common';
import { AggregateStore, Handled } from '../../../libs/ddd/aggregate-store';
import { CommandContext, onBusinessDate } from '../../../libs/ddd/command-context';
import { DomainError } from '../../../libs/ddd/domain-error';
import { BudgetStreamEvent } from '../../budgets';
import { streams } from '../../shared/stream-ids';
import { FlexibleBudgetState, flexibleBudgetDecider } from '../domain/flexible-budget';
import { BudgetYear } from './flexible.commands';

/**
 * Every flexible decision depends only on the budget stream, so a lost race is re-decided on the
 * newer state: of two approvals racing for the last euros the second then sees them gone. Each
 * lost race means another command succeeded, so the attempts only need to cover the requests
 * that can arrive at once for one Sozialraum-year.
 */
const HANDLE_OPTIONS = { retryOnConflict: true, maxAttempts: 25 };

@Injectable()
export class FlexibleBudgetStore {
  constructor(private readonly aggregates: AggregateStore) {}

  handle(
    requestCtx: CommandContext,
    year: BudgetYear,
    businessDate: string | undefined,
    decide: (state: FlexibleBudgetState, ctx: CommandContext) => BudgetStreamEvent[],
  ): Promise<Handled<FlexibleBudgetState, BudgetStreamEvent>> {
    const ctx = onBusinessDate(requestCtx, businessDate);
    // Dated here, the state returned after the append folds the same business dates a reload reads.
    const dated = (state: FlexibleBudgetState) => decide(state, ctx).map((e) => ({ ...e, businessDate: e.businessDate ?? ctx.businessDate }));
    return this.aggregates.handle(streams.budget(ctx.tenantId, year.sozialraumId, year.fiscalYear), flexibleBudgetDecider, ctx, dated, HANDLE_OPTIONS);
  }

  load(ctx: CommandContext, year: BudgetYear) {
    return this.aggregates.load(streams.budget(ctx.tenantId, year.sozialraumId, year.fiscalYear), flexibleBudgetDecider);
  }
}

/** The provider a provider user acts for; Jugendamt roles act for no provider. */
export function actingProvider(ctx: CommandContext): string | undefined {
  if (ctx.actor.role !== 'provider') return undefined;
  if (!ctx.providerId) throw new DomainError('forbidden', 'Forbidden', 'a provider user needs a provider claim', 403);
  return ctx.providerId;
}
