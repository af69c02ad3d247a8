import { ZERO, formatAmount } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { CaseStreamEvent } from './case.events';
import { CaseState, evolveCase, initialCaseState } from './case-state';
import { DecisionContext, GrantApproval, RateAgreementRef, decideGrantApproval, decideOpenCase } from './approval.decisions';

export const open: DecisionContext = { closedYears: [] };

export const lookups = (agreement: RateAgreementRef | null = null) => ({ agreement, terms: { ...DEFAULT_CONTRACT_TERMS }, contractVersion: 1 });

export function apply(state: CaseState, events: CaseStreamEvent[]): CaseState {
  return events.reduce(evolveCase, state);
}

export function openedCase(caseRef = 'TW-25-001'): CaseState {
  return apply(initialCaseState, decideOpenCase({ caseRef, sozialraumId: 'HRO-TW' }, initialCaseState));
}

export function granted(cmd: GrantApproval, agreement: RateAgreementRef | null = null): { state: CaseState; events: CaseStreamEvent[] } {
  const state = openedCase();
  const events = decideGrantApproval(cmd, state, lookups(agreement), open);
  return { state: apply(state, events), events };
}

/** Ledger lines of a set of events as [type, fiscalYear, providerId, month, amount] rows. */
export function moneyLines(events: CaseStreamEvent[]): Array<[string, number, string, string, string]> {
  const rows: Array<[string, number, string, string, string]> = [];
  for (const e of events) {
    if (e.type === 'CommitmentRecorded' || e.type === 'CommitmentReleased') {
      for (const l of e.data.lines) rows.push([e.type, e.data.fiscalYear, e.data.providerId, l.month, l.amount]);
    }
    if (e.type === 'ExpenditureAccrued' || e.type === 'ExpenditureReversed') rows.push([e.type, e.data.fiscalYear, e.data.providerId, e.data.month, e.data.amount]);
  }
  return rows;
}

export const totalOf = (events: CaseStreamEvent[], type: string) =>
  formatAmount(
    events
      .filter((e) => e.type === type)
      .reduce((sum, e) => sum.plus((e.data as { total?: string; amount?: string }).total ?? (e.data as { amount: string }).amount), ZERO),
  );
