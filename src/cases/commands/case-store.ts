import { Injectable } from '@nestjs/common';
import { AggregateStore, Handled } from '../../../libs/ddd/aggregate-store';
import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { CASE_PROBLEMS } from '../cases.problems';
import { BudgetQueries } from '../../budgets';
import { streams } from '../../shared/stream-ids';
import { CaseStreamEvent } from '../domain/case.events';
import { CaseState, caseDecider } from '../domain/case-state';
import { yearsAtStake } from '../domain/closed-years';

export function caseNotFound(caseRef: string): never {
  throw new NotFound(CASE_PROBLEMS['case-not-found'], text(`Der Fall ${caseRef} wurde nicht gefunden.`, `Case ${caseRef} was not found.`));
}

/** How a command decides on a case: the facts looked up once the case is loaded, then the pure decision. */
export interface CaseDecision<F> {
  facts: (state: CaseState) => Promise<F>;
  decide: (state: CaseState, facts: F) => CaseStreamEvent[];
}

/**
 * Loads a case, looks up the facts of a decision, decides and appends. A decision depends only on
 * the case stream and on facts that `facts` looks up again after a lost race (which fiscal years
 * are closed, the contract and the rate agreement in force), so it is re-decided on the newer
 * state. A case that does not exist is refused before anything is looked up.
 */
@Injectable()
export class CaseStore {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
  ) {}

  load(tenantId: string, caseRef: string) {
    return this.aggregates.load(streams.case(tenantId, caseRef), caseDecider);
  }

  /**
   * The closed fiscal years of the case's Sozialraum among those a decision on the given
   * approvals and dates may concern (`yearsAtStake`); none before the case is opened.
   */
  async closedYears(
    tenantId: string,
    state: CaseState,
    approvalIds: ReadonlyArray<string | undefined>,
    dates: ReadonlyArray<string | null | undefined>,
  ): Promise<number[]> {
    if (!state.sozialraumId) return [];
    return this.budgets.closedYears(tenantId, state.sozialraumId, yearsAtStake(state, approvalIds, dates));
  }

  handle<F>(
    ctx: CommandContext,
    caseRef: string,
    decision: CaseDecision<F>,
    options: { mustExist?: boolean } = { mustExist: true },
  ): Promise<Handled<CaseState, CaseStreamEvent>> {
    const missing = (state: CaseState) => options.mustExist !== false && state.caseRef === null;
    return this.aggregates.handle<CaseState, CaseStreamEvent, F | null>(
      streams.case(ctx.tenantId, caseRef),
      caseDecider,
      ctx,
      {
        facts: async (state) => (missing(state) ? null : decision.facts(state)),
        decide: (state, facts) => {
          if (missing(state)) caseNotFound(caseRef);
          return decision.decide(state, facts as F);
        },
      },
      { retryOnConflict: true },
    );
  }
}
