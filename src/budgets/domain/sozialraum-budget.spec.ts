import { DomainError } from '../../../libs/ddd/domain-error';
import { Decimal, ZERO } from '../../../libs/money';
import { BudgetStreamEvent } from './sozialraum-budget.events';
import { SozialraumBudgetState, evolveBudget, initialBudgetState, totalPlanned } from './sozialraum-budget';
import {
  decideAgreeReallocation,
  decideAllocate,
  decideAmend,
  decideApplySettlement,
  decideClose,
  decideFreeze,
  decideOpen,
  decideProposeReallocation,
  decideRejectReallocation,
  decideWithdrawReallocation,
} from './sozialraum-budget.decisions';

const d = (v: string) => new Decimal(v);
const fold = (events: BudgetStreamEvent[], from: SozialraumBudgetState = initialBudgetState) => events.reduce(evolveBudget, from);

function refusedWith(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.problem;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Toitenwinkel 2025: FS 130,000, FÜ 30,000, FU 40,000. */
function toitenwinkel(): SozialraumBudgetState {
  return fold(
    decideAllocate(
      { sozialraumId: 'HRO-TW', fiscalYear: 2025, planned: { FS: d('130000'), FUE: d('30000'), FU: d('40000') }, decisionReference: 'BV 2024/123', reason: 'Haushalt 2025' },
      initialBudgetState,
    ),
  );
}

const commitment = (category: 'FUE' | 'FU', total: string, inBudget = true): BudgetStreamEvent => ({
  type: 'CommitmentRecorded',
  data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, category, inBudget, providerId: 'TR-E', source: { kind: 'subsidy', id: 'S1' }, lines: [], total, reason: 'subsidy' },
});

describe('Sozialraum budget', () => {
  it('allocates B as the sum of the categories, once', () => {
    const state = toitenwinkel();
    expect(state.status).toBe('planned');
    expect(totalPlanned(state).toFixed(2)).toBe('200000.00');
    expect(refusedWith(() => decideAllocate({ sozialraumId: 'HRO-TW', fiscalYear: 2025, planned: { FS: d('1'), FUE: ZERO, FU: ZERO }, decisionReference: null, reason: 'x' }, state))).toBe('budget-exists');
    expect(refusedWith(() => decideAllocate({ sozialraumId: 'HRO-TW', fiscalYear: 2025, planned: { FS: ZERO, FUE: ZERO, FU: ZERO }, decisionReference: null, reason: 'x' }, initialBudgetState))).toBe('budget-empty');
  });

  it('opens a planned budget once and refuses everything on a missing budget', () => {
    const open = fold(decideOpen('Haushalt rechtskräftig', toitenwinkel(), 'HRO-TW', 2025), toitenwinkel());
    expect(open.status).toBe('open');
    expect(refusedWith(() => decideOpen('again', open, 'HRO-TW', 2025))).toBe('budget-already-open');
    expect(refusedWith(() => decideOpen('x', initialBudgetState, 'HRO-TW', 2025))).toBe('budget-not-found');
  });

  it('amends a category with reason and decision reference, never below what is committed', () => {
    const state = fold([commitment('FUE', '24000.00')], toitenwinkel());
    const [amended] = decideAmend({ category: 'FUE', newAmount: d('35000'), reason: 'Nachtrag', decisionReference: 'BV 2025/77', boundElsewhere: ZERO }, state, 'HRO-TW', 2025);
    expect(amended).toMatchObject({ type: 'BudgetAmended', data: { previousAmount: '30000.00', newAmount: '35000.00', delta: '5000.00', decisionReference: 'BV 2025/77' } });
    expect(totalPlanned(fold([amended], state)).toFixed(2)).toBe('205000.00');
    expect(refusedWith(() => decideAmend({ category: 'FUE', newAmount: d('20000'), reason: 'x', decisionReference: 'y', boundElsewhere: ZERO }, state, 'HRO-TW', 2025))).toBe('amount-below-commitments');
    expect(refusedWith(() => decideAmend({ category: 'FS', newAmount: d('100000'), reason: 'x', decisionReference: 'y', boundElsewhere: d('104702.50') }, state, 'HRO-TW', 2025))).toBe('amount-below-commitments');
    expect(refusedWith(() => decideAmend({ category: 'FUE', newAmount: d('30000'), reason: 'x', decisionReference: 'y', boundElsewhere: ZERO }, state, 'HRO-TW', 2025))).toBe('no-change');
  });

  describe('reallocation (R11)', () => {
    const propose = (state: SozialraumBudgetState, amount = '5000', party: 'jugendamt' | 'lead-provider' = 'lead-provider') =>
      decideProposeReallocation(
        { proposalId: 'R1', from: 'FUE', to: 'FU', amount: d(amount), reason: 'mehr offene Jugendarbeit', party, organisationId: party === 'jugendamt' ? 'HRO-JA' : 'TR-E', boundElsewhereInFrom: ZERO },
        state,
        'HRO-TW',
        2025,
      );

    it('a one-sided proposal changes nothing until the other party agrees; B unchanged', () => {
      const base = fold([commitment('FUE', '24000.00')], toitenwinkel());
      const proposed = fold(propose(base), base);
      expect(proposed.planned.FUE.toFixed(2)).toBe('30000.00');
      expect(proposed.openProposals).toHaveLength(1);
      const answer = { proposalId: 'R1', reason: 'einverstanden', boundElsewhereInFrom: ZERO };
      expect(refusedWith(() => decideAgreeReallocation({ ...answer, party: 'lead-provider', organisationId: 'TR-E' }, proposed, 'HRO-TW', 2025))).toBe('agreement-by-other-party-required');
      const agreed = fold(decideAgreeReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025), proposed);
      expect(agreed.planned.FUE.toFixed(2)).toBe('25000.00');
      expect(agreed.planned.FU.toFixed(2)).toBe('45000.00');
      expect(totalPlanned(agreed).toFixed(2)).toBe('200000.00');
      expect(agreed.openProposals).toHaveLength(0);
      expect(refusedWith(() => decideAgreeReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, agreed, 'HRO-TW', 2025))).toBe('proposal-not-open');
    });

    it('refuses to move committed money, at proposal and again at agreement', () => {
      const base = fold([commitment('FUE', '24000.00')], toitenwinkel());
      expect(refusedWith(() => propose(base, '6000.01'))).toBe('reallocation-moves-committed-money');
      const proposed = fold(propose(base, '6000'), base);
      const later = fold([commitment('FUE', '1.00')], proposed);
      expect(refusedWith(() => decideAgreeReallocation({ proposalId: 'R1', reason: 'ok', party: 'jugendamt', organisationId: 'HRO-JA', boundElsewhereInFrom: ZERO }, later, 'HRO-TW', 2025))).toBe(
        'reallocation-moves-committed-money',
      );
      expect(refusedWith(() => decideProposeReallocation({ proposalId: 'R2', from: 'FS', to: 'FU', amount: d('30000'), reason: 'x', party: 'jugendamt', organisationId: 'HRO-JA', boundElsewhereInFrom: d('104702.50') }, base, 'HRO-TW', 2025))).toBe(
        'reallocation-moves-committed-money',
      );
    });

    it('refuses an answer dated before the proposal, whichever the answer', () => {
      const base = toitenwinkel();
      const proposed = fold(propose(base).map((e) => ({ ...e, businessDate: '2025-05-20' })), base);
      expect(proposed.openProposals[0].proposedOn).toBe('2025-05-20');
      const answer = { proposalId: 'R1', reason: 'x', boundElsewhereInFrom: ZERO, businessDate: '2025-05-19' };
      expect(refusedWith(() => decideAgreeReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025))).toBe('answer-before-proposal');
      expect(refusedWith(() => decideRejectReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025))).toBe('answer-before-proposal');
      expect(refusedWith(() => decideWithdrawReallocation({ ...answer, party: 'lead-provider', organisationId: 'TR-E' }, proposed, 'HRO-TW', 2025))).toBe('answer-before-proposal');
      // The same day is fine.
      const agreed = fold(decideAgreeReallocation({ ...answer, businessDate: '2025-05-20', party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025), proposed);
      expect(agreed.openProposals).toHaveLength(0);
    });

    it('refuses same category, non-positive amounts and duplicate ids; rejection by the other party, withdrawal by the proposer', () => {
      const base = toitenwinkel();
      expect(refusedWith(() => decideProposeReallocation({ proposalId: 'R', from: 'FU', to: 'FU', amount: d('1'), reason: 'x', party: 'jugendamt', organisationId: 'HRO-JA', boundElsewhereInFrom: ZERO }, base, 'HRO-TW', 2025))).toBe('reallocation-same-category');
      expect(refusedWith(() => propose(base, '0'))).toBe('amount-not-positive');
      const proposed = fold(propose(base), base);
      expect(refusedWith(() => propose(proposed))).toBe('proposal-exists');
      const answer = { proposalId: 'R1', reason: 'nein', boundElsewhereInFrom: ZERO };
      expect(refusedWith(() => decideRejectReallocation({ ...answer, party: 'lead-provider', organisationId: 'TR-E' }, proposed, 'HRO-TW', 2025))).toBe('rejection-by-other-party-required');
      expect(refusedWith(() => decideWithdrawReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025))).toBe('withdrawal-by-proposer-required');
      const rejected = fold(decideRejectReallocation({ ...answer, party: 'jugendamt', organisationId: 'HRO-JA' }, proposed, 'HRO-TW', 2025), proposed);
      expect(rejected.openProposals).toHaveLength(0);
      expect(rejected.planned.FUE.toFixed(2)).toBe('30000.00');
      const withdrawn = fold(decideWithdrawReallocation({ ...answer, party: 'lead-provider', organisationId: 'TR-E' }, proposed, 'HRO-TW', 2025), proposed);
      expect(withdrawn.openProposals).toHaveLength(0);
    });
  });

  it('freezes only flexible money (R8) and lifts a freeze', () => {
    const base = toitenwinkel();
    expect(refusedWith(() => decideFreeze(true, ['FS'], 'Haushaltssperre', base, 'HRO-TW', 2025))).toBe('freeze-only-flexible');
    const frozen = fold(decideFreeze(true, ['FUE', 'FU'], 'Haushaltssperre', base, 'HRO-TW', 2025), base);
    expect(frozen.frozen).toEqual({ FS: false, FUE: true, FU: true });
    expect(refusedWith(() => decideFreeze(true, ['FU'], 'again', frozen, 'HRO-TW', 2025))).toBe('already-frozen');
    const lifted = fold(decideFreeze(false, ['FU'], 'Sperre aufgehoben', frozen, 'HRO-TW', 2025), frozen);
    expect(lifted.frozen).toEqual({ FS: false, FUE: true, FU: false });
    expect(refusedWith(() => decideFreeze(false, ['FU'], 'x', lifted, 'HRO-TW', 2025))).toBe('not-frozen');
  });

  it('a closed year accepts no bookings', () => {
    const closed = fold(decideClose('Jahresabschluss', toitenwinkel(), 'HRO-TW', 2025), toitenwinkel());
    expect(closed.status).toBe('closed');
    expect(refusedWith(() => decideAmend({ category: 'FU', newAmount: d('1'), reason: 'x', decisionReference: 'y', boundElsewhere: ZERO }, closed, 'HRO-TW', 2025))).toBe('fiscal-year-closed');
    expect(refusedWith(() => decideFreeze(true, ['FU'], 'x', closed, 'HRO-TW', 2025))).toBe('fiscal-year-closed');
    expect(refusedWith(() => decideClose('again', closed, 'HRO-TW', 2025))).toBe('fiscal-year-closed');
  });

  it('applies a settlement to fallunspezifisch once', () => {
    const next = fold(
      decideAllocate({ sozialraumId: 'HRO-TW', fiscalYear: 2026, planned: { FS: d('130000'), FUE: d('25000'), FU: d('45000') }, decisionReference: null, reason: 'Haushalt 2026' }, initialBudgetState),
    );
    const events = decideApplySettlement({ settlementId: 'HRO-TW-2025', fromFiscalYear: 2025, kind: 'carry-forward', amount: d('14248.75') }, next, 'HRO-TW', 2026);
    const applied = fold(events, next);
    expect(applied.planned.FU.toFixed(2)).toBe('59248.75');
    expect(decideApplySettlement({ settlementId: 'HRO-TW-2025', fromFiscalYear: 2025, kind: 'carry-forward', amount: d('14248.75') }, applied, 'HRO-TW', 2026)).toEqual([]);
    const malus = fold(decideApplySettlement({ settlementId: 'X', fromFiscalYear: 2025, kind: 'malus', amount: d('5000') }, next, 'HRO-TW', 2026), next);
    expect(malus.planned.FU.toFixed(2)).toBe('40000.00');
  });

  it('counts only in-budget commitments of this stream as bound', () => {
    const state = fold([commitment('FU', '30000.00'), commitment('FU', '999.00', false), { type: 'CommitmentReleased', data: { ...commitment('FU', '500.00').data, reason: 'reclaim' } }], toitenwinkel());
    expect(state.bound.FU.toFixed(2)).toBe('29500.00');
  });
});
