import { DomainError } from '../../../libs/ddd/domain-error';
import { Decimal, ZERO } from '../../../libs/money';
import { BudgetStreamEvent, decideAgreeReallocation, decideAllocate, decideClose, decideFreeze, decideOpen, decideProposeReallocation } from '../../budgets';
import { FlexibleBudgetState, evolveFlexibleBudget, initialFlexibleBudgetState } from './flexible-budget';

/** Helpers of the unit tests: a budget stream folded in memory, events dated like the store dates them. */
export const d = (value: string) => new Decimal(value);

export class Stream {
  events: BudgetStreamEvent[] = [];
  state: FlexibleBudgetState = initialFlexibleBudgetState;

  /** Appends what a decision returns, on the command's business date unless an event carries its own. */
  apply(on: string, events: BudgetStreamEvent[]): BudgetStreamEvent[] {
    const dated = events.map((e) => ({ ...e, businessDate: e.businessDate ?? on }));
    this.events.push(...dated);
    this.state = dated.reduce(evolveFlexibleBudget, this.state);
    return dated;
  }

  decide(on: string, decision: (state: FlexibleBudgetState) => BudgetStreamEvent[]): BudgetStreamEvent[] {
    return this.apply(on, decision(this.state));
  }
}

/** Toitenwinkel 2025 (worked example): FS 130,000.00, FÜ 30,000.00, FU 40,000.00, open. */
export function toitenwinkel(): Stream {
  const stream = new Stream();
  stream.decide('2024-12-10', (s) =>
    decideAllocate({ sozialraumId: 'HRO-TW', fiscalYear: 2025, planned: { FS: d('130000'), FUE: d('30000'), FU: d('40000') }, decisionReference: 'BV 2024/123', reason: 'Haushalt 2025' }, s.budget),
  );
  stream.decide('2025-01-01', (s) => decideOpen('Haushalt rechtskräftig', s.budget, 'HRO-TW', 2025));
  return stream;
}

/** R11 as in the example: TR-E proposes FÜ → FU 5,000.00 on 20.05., the Jugendamt agrees on 01.06. */
export function reallocateFueToFu(stream: Stream, amount = '5000'): void {
  stream.decide('2025-05-20', (s) =>
    decideProposeReallocation(
      { proposalId: 'UMS-2025-1', from: 'FUE', to: 'FU', amount: d(amount), reason: 'mehr offene Jugendarbeit', party: 'lead-provider', organisationId: 'TR-E', boundElsewhereInFrom: ZERO },
      s.budget,
      'HRO-TW',
      2025,
    ),
  );
  stream.decide('2025-06-01', (s) =>
    decideAgreeReallocation({ proposalId: 'UMS-2025-1', party: 'jugendamt', organisationId: 'HRO-JA', reason: 'einverstanden', boundElsewhereInFrom: ZERO }, s.budget, 'HRO-TW', 2025),
  );
}

export function freeze(stream: Stream, on: string, imposed: boolean, categories: Array<'FUE' | 'FU'>): void {
  stream.decide(on, (s) => decideFreeze(imposed, categories, 'Haushaltssperre', s.budget, 'HRO-TW', 2025));
}

export function close(stream: Stream): void {
  stream.decide('2026-01-31', (s) => decideClose('Jahresabschluss', s.budget, 'HRO-TW', 2025));
}

/** The problem a decision is refused with, and its extensions. */
export function refusal(fn: () => unknown): { problem: string; status: number; extensions: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { problem: error.problem, status: error.status, extensions: error.extensions };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The Trägerverbund of Toitenwinkel in the example year: TR-E leads, TR-F and TR-G are members. */
export const TOITENWINKEL_VERBUND = { leadProviderId: 'TR-E', memberIds: ['TR-F', 'TR-G'] };
