import { Injectable } from '@nestjs/common';
import { AggregateStore, Handled } from '../../../libs/ddd/aggregate-store';
import { CommandContext, onBusinessDate } from '../../../libs/ddd/command-context';
import { DomainError } from '../../../libs/ddd/domain-error';
import { BudgetQueries } from '../../budgets';
import { streams } from '../../shared/stream-ids';
import { CaseStreamEvent } from '../domain/case.events';
import { CaseState, caseDecider } from '../domain/case-state';
import { DecisionContext } from '../domain/approval.decisions';
import { fiscalYearsConcerned } from '../domain/reconcile';

/**
 * Loads a case, decides and appends. A decision only depends on the case stream and on which
 * fiscal years are closed, so a lost race is re-decided on the newer state. A decision that
 * concerns a closed year is refused by the decider (fiscal-year-closed) and writes nothing.
 */
@Injectable()
export class CaseStore {
  constructor(private readonly aggregates: AggregateStore, private readonly budgets: BudgetQueries) {}

  load(tenantId: string, caseRef: string) {
    return this.aggregates.load(streams.case(tenantId, caseRef), caseDecider);
  }

  async handle(
    requestCtx: CommandContext,
    caseRef: string,
    businessDate: string | undefined,
    decide: (state: CaseState, decision: DecisionContext, ctx: CommandContext) => CaseStreamEvent[] | Promise<CaseStreamEvent[]>,
    options: { mustExist?: boolean } = { mustExist: true },
  ): Promise<Handled<CaseState, CaseStreamEvent>> {
    const ctx = onBusinessDate(requestCtx, businessDate);
    return this.aggregates.handle(
      streams.case(ctx.tenantId, caseRef),
      caseDecider,
      ctx,
      async (state) => {
        if (options.mustExist !== false && state.caseRef === null) throw new DomainError('case-not-found', 'Not found', `case ${caseRef} was not found`, 404);
        // Decide once to see which fiscal years the decision concerns (bookings and the service
        // months of invoices), then again knowing which of them are closed. The year of the
        // business date is asked along: back-dating into a closed year is refused whatever the
        // command books.
        const dateYear = Number(ctx.businessDate.slice(0, 4));
        const tentative = await decide(state, { closedYears: [] }, ctx);
        const closedYears = await this.closedYears(ctx.tenantId, state.sozialraumId, [...new Set([dateYear, ...fiscalYearsConcerned(state, tentative)])]);
        if (closedYears.includes(dateYear)) {
          throw new DomainError('fiscal-year-closed', 'Fiscal year closed', `${dateYear} is closed; a decision dated ${ctx.businessDate} cannot be recorded any more`, 422, { fiscalYear: dateYear });
        }
        const events = closedYears.length ? await decide(state, { closedYears }, ctx) : tentative;
        return events.map((e) => ({ ...e, businessDate: e.businessDate ?? ctx.businessDate }));
      },
      { retryOnConflict: true },
    );
  }

  private async closedYears(tenantId: string, sozialraumId: string | null, years: number[]): Promise<number[]> {
    if (!sozialraumId) return [];
    const closed: number[] = [];
    for (const year of years) if ((await this.budgets.budgetStatus(tenantId, sozialraumId, year)) === 'closed') closed.push(year);
    return closed;
  }
}
