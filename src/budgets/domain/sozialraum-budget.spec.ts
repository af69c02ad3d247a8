import { Decimal, ZERO } from '../../../libs/money';
import { CommitmentRecordedData } from '../../ledger';
import { deciderSpec } from '../../../test/support/decider-spec';
import { BudgetStreamEvent, Party } from './sozialraum-budget.events';
import { sozialraumBudgetDecider, totalPlanned } from './sozialraum-budget';
import {
  ProposeReallocation,
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
const year = { sozialraumId: 'HRO-TW', fiscalYear: 2025 };
const registered = { sozialraumRegistered: true };

const allocate = deciderSpec(sozialraumBudgetDecider, decideAllocate);
const open = deciderSpec(sozialraumBudgetDecider, decideOpen);
const amend = deciderSpec(sozialraumBudgetDecider, decideAmend);
const propose = deciderSpec(sozialraumBudgetDecider, decideProposeReallocation);
const agree = deciderSpec(sozialraumBudgetDecider, decideAgreeReallocation);
const reject = deciderSpec(sozialraumBudgetDecider, decideRejectReallocation);
const withdraw = deciderSpec(sozialraumBudgetDecider, decideWithdrawReallocation);
const freeze = deciderSpec(sozialraumBudgetDecider, decideFreeze);
const close = deciderSpec(sozialraumBudgetDecider, decideClose);
const applySettlement = deciderSpec(sozialraumBudgetDecider, decideApplySettlement);

/** Toitenwinkel 2025: FS 130,000, FÜ 30,000, FU 40,000. */
const allocation = { ...year, planned: { FS: d('130000'), FUE: d('30000'), FU: d('40000') }, decisionReference: 'BV 2024/123', reason: 'Haushalt 2025' };
const allocated: BudgetStreamEvent = {
  type: 'BudgetAllocated',
  data: {
    ...year,
    planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
    total: '200000.00',
    decisionReference: 'BV 2024/123',
    reason: 'Haushalt 2025',
  },
};
const toitenwinkel: BudgetStreamEvent[] = [allocated];

const commitmentData = (category: 'FUE' | 'FU', total: string, inBudget = true): CommitmentRecordedData => ({
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  category,
  inBudget,
  providerId: 'TR-E',
  source: { kind: 'subsidy', id: 'S1' },
  lines: [],
  total,
  reason: 'subsidy',
});
const commitment = (category: 'FUE' | 'FU', total: string, inBudget = true): BudgetStreamEvent => ({
  type: 'CommitmentRecorded',
  data: commitmentData(category, total, inBudget),
});

const proposal = (amount: string, proposalId = 'UMS-2025-1', businessDate?: string): BudgetStreamEvent => ({
  type: 'ReallocationProposed',
  data: { proposalId, from: 'FUE', to: 'FU', amount, reason: 'mehr offene Jugendarbeit', proposedBy: 'lead-provider', proposerOrganisationId: 'TR-E' },
  ...(businessDate ? { businessDate } : {}),
});
const closed: BudgetStreamEvent = { type: 'BudgetClosed', data: { reason: 'Jahresabschluss' } };

const proposing = (amount = '5000', party: Party = 'lead-provider'): [ProposeReallocation, { party: Party; boundElsewhereInFrom: Decimal }] => [
  { ...year, from: 'FUE', to: 'FU', amount: d(amount), reason: 'mehr offene Jugendarbeit', organisationId: party === 'jugendamt' ? 'HRO-JA' : 'TR-E' },
  { party, boundElsewhereInFrom: ZERO },
];
const jugendamt = { party: 'jugendamt' as const, boundElsewhereInFrom: ZERO };
const leadProvider = { party: 'lead-provider' as const, boundElsewhereInFrom: ZERO };
const answer = (reason: string, organisationId: string, businessDate?: string) => ({
  ...year,
  proposalId: 'UMS-2025-1',
  reason,
  organisationId,
  ...(businessDate ? { businessDate } : {}),
});

describe('Sozialraum budget', () => {
  it('allocates B as the sum of the categories, once', () => {
    const state = allocate.given([]).when(allocation, registered).thenState();
    expect(state.status).toBe('planned');
    expect(totalPlanned(state).toFixed(2)).toBe('200000.00');
    allocate.given([]).when(allocation, registered).thenEvents([allocated]);
    allocate
      .given(toitenwinkel)
      .when({ ...year, planned: { FS: d('1'), FUE: ZERO, FU: ZERO }, decisionReference: null, reason: 'x' }, registered)
      .thenRefused('budget-exists');
    allocate
      .given([])
      .when({ ...year, planned: { FS: ZERO, FUE: ZERO, FU: ZERO }, decisionReference: null, reason: 'x' }, registered)
      .thenRefused('budget-empty');
  });

  it('allocates only for a registered Sozialraum', () => {
    expect(allocate.given([]).when(allocation, { sozialraumRegistered: false }).thenRefused('sozialraum-not-found').status).toBe(404);
  });

  it('opens a planned budget once and refuses everything on a missing budget', () => {
    expect(
      open
        .given(toitenwinkel)
        .when({ ...year, reason: 'Haushalt rechtskräftig' })
        .thenState().status,
    ).toBe('open');
    open
      .given([...toitenwinkel, { type: 'BudgetOpened', data: { reason: 'Haushalt rechtskräftig' } }])
      .when({ ...year, reason: 'again' })
      .thenRefused('budget-already-open');
    open
      .given([])
      .when({ ...year, reason: 'x' })
      .thenRefused('budget-not-found');
  });

  it('amends a category with reason and decision reference, never below what is committed', () => {
    const history = [...toitenwinkel, commitment('FUE', '24000.00')];
    const nachtrag = { ...year, category: 'FUE' as const, newAmount: d('35000'), reason: 'Nachtrag', decisionReference: 'BV 2025/77' };
    const [amended] = amend.given(history).when(nachtrag, { boundElsewhere: ZERO }).events();
    expect(amended).toMatchObject({
      type: 'BudgetAmended',
      data: { previousAmount: '30000.00', newAmount: '35000.00', delta: '5000.00', decisionReference: 'BV 2025/77' },
    });
    expect(totalPlanned(amend.given(history).when(nachtrag, { boundElsewhere: ZERO }).thenState()).toFixed(2)).toBe('205000.00');
    const below = amend
      .given(history)
      .when({ ...year, category: 'FUE', newAmount: d('20000'), reason: 'x', decisionReference: 'y' }, { boundElsewhere: ZERO })
      .thenRefused('amount-below-commitments', 'Fallübergreifend has 24000.00 committed or spent; it cannot be planned lower.');
    expect([below.detail.de, below.extensions]).toEqual([
      'In der Kategorie fallübergreifend sind 24000.00 EUR gebunden oder ausgegeben; sie kann nicht niedriger geplant werden.',
      { committed: '24000.00' },
    ]);
    amend
      .given(history)
      .when({ ...year, category: 'FS', newAmount: d('100000'), reason: 'x', decisionReference: 'y' }, { boundElsewhere: d('104702.50') })
      .thenRefused('amount-below-commitments');
    amend
      .given(history)
      .when({ ...year, category: 'FUE', newAmount: d('30000'), reason: 'x', decisionReference: 'y' }, { boundElsewhere: ZERO })
      .thenRefused('no-change');
  });

  describe('reallocation (R11)', () => {
    it('a one-sided proposal changes nothing until the other party agrees; B unchanged', () => {
      const base = [...toitenwinkel, commitment('FUE', '24000.00')];
      propose
        .given(base)
        .when(...proposing())
        .thenEvents([proposal('5000.00')]);
      const proposedState = propose
        .given(base)
        .when(...proposing())
        .thenState();
      expect(proposedState.planned.FUE.toFixed(2)).toBe('30000.00');
      expect(proposedState.openProposals).toHaveLength(1);
      const proposed = [...base, proposal('5000.00')];
      agree.given(proposed).when(answer('einverstanden', 'TR-E'), leadProvider).thenRefused('agreement-by-other-party-required');
      const [agreedEvent] = agree.given(proposed).when(answer('einverstanden', 'HRO-JA'), jugendamt).events();
      const agreed = agree.given(proposed).when(answer('einverstanden', 'HRO-JA'), jugendamt).thenState();
      expect(agreed.planned.FUE.toFixed(2)).toBe('25000.00');
      expect(agreed.planned.FU.toFixed(2)).toBe('45000.00');
      expect(totalPlanned(agreed).toFixed(2)).toBe('200000.00');
      expect(agreed.openProposals).toHaveLength(0);
      agree
        .given([...proposed, agreedEvent])
        .when(answer('einverstanden', 'HRO-JA'), jugendamt)
        .thenRefused('proposal-not-open');
    });

    it('numbers proposals per budget and refuses an id the stream holds already', () => {
      expect(
        propose
          .given([...toitenwinkel, proposal('1000.00')])
          .when(...proposing('1000'))
          .events()[0].data,
      ).toMatchObject({ proposalId: 'UMS-2025-2' });
      expect(
        propose
          .given([...toitenwinkel, proposal('1000.00', 'UMS-2025-2')])
          .when(...proposing())
          .thenRefused('proposal-exists').status,
      ).toBe(409);
    });

    it('refuses to move committed money, at proposal and again at agreement', () => {
      const base = [...toitenwinkel, commitment('FUE', '24000.00')];
      propose
        .given(base)
        .when(...proposing('6000.01'))
        .thenRefused('reallocation-moves-committed-money');
      propose
        .given(base)
        .when(...proposing('6000'))
        .thenEvents([proposal('6000.00')]);
      const later = [...base, proposal('6000.00'), commitment('FUE', '1.00')];
      agree.given(later).when(answer('ok', 'HRO-JA'), jugendamt).thenRefused('reallocation-moves-committed-money');
      propose
        .given(base)
        .when(
          { ...year, from: 'FS', to: 'FU', amount: d('30000'), reason: 'x', organisationId: 'HRO-JA' },
          { party: 'jugendamt', boundElsewhereInFrom: d('104702.50') },
        )
        .thenRefused('reallocation-moves-committed-money');
    });

    it('refuses an answer dated before the proposal, whichever the answer', () => {
      const proposed = [...toitenwinkel, proposal('5000.00', 'UMS-2025-1', '2025-05-20')];
      expect(agree.given(proposed).state.openProposals[0].proposedOn).toBe('2025-05-20');
      agree
        .given(proposed)
        .when(answer('x', 'HRO-JA', '2025-05-19'), jugendamt)
        .thenRefused('answer-before-proposal');
      reject
        .given(proposed)
        .when(answer('x', 'HRO-JA', '2025-05-19'), { party: 'jugendamt' })
        .thenRefused('answer-before-proposal');
      withdraw
        .given(proposed)
        .when(answer('x', 'TR-E', '2025-05-19'), { party: 'lead-provider' })
        .thenRefused('answer-before-proposal');
      // The same day is fine.
      expect(
        agree
          .given(proposed)
          .when(answer('x', 'HRO-JA', '2025-05-20'), jugendamt)
          .thenState().openProposals,
      ).toHaveLength(0);
    });

    it('refuses same category, non-positive amounts and duplicate ids; rejection by the other party, withdrawal by the proposer', () => {
      propose
        .given(toitenwinkel)
        .when({ ...year, from: 'FU', to: 'FU', amount: d('1'), reason: 'x', organisationId: 'HRO-JA' }, jugendamt)
        .thenRefused('reallocation-same-category');
      propose
        .given(toitenwinkel)
        .when(...proposing('0'))
        .thenRefused('amount-not-positive');
      const proposed = [...toitenwinkel, proposal('5000.00')];
      reject.given(proposed).when(answer('nein', 'TR-E'), { party: 'lead-provider' }).thenRefused('rejection-by-other-party-required');
      withdraw.given(proposed).when(answer('nein', 'HRO-JA'), { party: 'jugendamt' }).thenRefused('withdrawal-by-proposer-required');
      const rejected = reject.given(proposed).when(answer('nein', 'HRO-JA'), { party: 'jugendamt' }).thenState();
      expect(rejected.openProposals).toHaveLength(0);
      expect(rejected.planned.FUE.toFixed(2)).toBe('30000.00');
      expect(withdraw.given(proposed).when(answer('nein', 'TR-E'), { party: 'lead-provider' }).thenState().openProposals).toHaveLength(0);
    });
  });

  it('freezes only flexible money (R8) and lifts a freeze', () => {
    const sperre = (imposed: boolean, categories: Array<'FS' | 'FUE' | 'FU'>, reason = 'Haushaltssperre') => ({ ...year, imposed, categories, reason });
    freeze
      .given(toitenwinkel)
      .when(sperre(true, ['FS']))
      .thenRefused('freeze-only-flexible');
    expect(
      freeze
        .given(toitenwinkel)
        .when(sperre(true, ['FUE', 'FU']))
        .thenState().frozen,
    ).toEqual({ FS: false, FUE: true, FU: true });
    const frozen: BudgetStreamEvent[] = [...toitenwinkel, { type: 'BudgetFreezeImposed', data: { categories: ['FUE', 'FU'], reason: 'Haushaltssperre' } }];
    freeze
      .given(frozen)
      .when(sperre(true, ['FU'], 'again'))
      .thenRefused('already-frozen');
    expect(
      freeze
        .given(frozen)
        .when(sperre(false, ['FU'], 'Sperre aufgehoben'))
        .thenState().frozen,
    ).toEqual({ FS: false, FUE: true, FU: false });
    const lifted: BudgetStreamEvent[] = [...frozen, { type: 'BudgetFreezeLifted', data: { categories: ['FU'], reason: 'Sperre aufgehoben' } }];
    freeze
      .given(lifted)
      .when(sperre(false, ['FU'], 'x'))
      .thenRefused('not-frozen');
  });

  it('a closed year accepts no bookings', () => {
    expect(
      close
        .given(toitenwinkel)
        .when({ ...year, reason: 'Jahresabschluss' })
        .thenState().status,
    ).toBe('closed');
    const closedYear = [...toitenwinkel, closed];
    amend
      .given(closedYear)
      .when({ ...year, category: 'FU', newAmount: d('1'), reason: 'x', decisionReference: 'y' }, { boundElsewhere: ZERO })
      .thenRefused('fiscal-year-closed');
    freeze
      .given(closedYear)
      .when({ ...year, imposed: true, categories: ['FU'], reason: 'x' })
      .thenRefused('fiscal-year-closed');
    close
      .given(closedYear)
      .when({ ...year, reason: 'again' })
      .thenRefused('fiscal-year-closed');
  });

  it('applies a settlement to fallunspezifisch once', () => {
    const next: BudgetStreamEvent[] = [
      {
        type: 'BudgetAllocated',
        data: {
          sozialraumId: 'HRO-TW',
          fiscalYear: 2026,
          planned: { FS: '130000.00', FUE: '25000.00', FU: '45000.00' },
          total: '200000.00',
          decisionReference: null,
          reason: 'Haushalt 2026',
        },
      },
    ];
    const carryForward = {
      sozialraumId: 'HRO-TW',
      fiscalYear: 2026,
      settlementId: 'HRO-TW-2025',
      fromFiscalYear: 2025,
      kind: 'carry-forward' as const,
      amount: d('14248.75'),
    };
    const [applied] = applySettlement
      .given(next)
      .when(carryForward)
      .thenEvents([{ type: 'SavingsCarriedForward', data: { settlementId: 'HRO-TW-2025', fromFiscalYear: 2025, category: 'FU', amount: '14248.75' } }]);
    expect(applySettlement.given(next).when(carryForward).thenState().planned.FU.toFixed(2)).toBe('59248.75');
    applySettlement
      .given([...next, applied])
      .when(carryForward)
      .thenEvents([]);
    const malus = applySettlement
      .given(next)
      .when({ ...carryForward, settlementId: 'X', kind: 'malus', amount: d('5000') })
      .thenState();
    expect(malus.planned.FU.toFixed(2)).toBe('40000.00');
  });

  it('counts only in-budget commitments of this stream as bound', () => {
    const { state } = open.given([
      ...toitenwinkel,
      commitment('FU', '30000.00'),
      commitment('FU', '999.00', false),
      { type: 'CommitmentReleased', data: { ...commitmentData('FU', '500.00'), reason: 'reclaim' } },
    ]);
    expect(state.bound.FU.toFixed(2)).toBe('29500.00');
  });
});
