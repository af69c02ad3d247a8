import { DomainError } from '../../../libs/ddd/domain-error';
import { fold } from '../../../libs/ddd/decider';
import { BUILT_IN_INDICATORS } from './indicator-catalogue';
import {
  ProposeTargetAgreement,
  TargetAgreementEvent,
  agreementInForce,
  decideAnswerTargetAgreement,
  decideProposeTargetAgreement,
  targetAgreementDecider,
} from './target-agreement';

const facts = { catalogue: BUILT_IN_INDICATORS, yearClosed: false };
const proposal = (indicators: ProposeTargetAgreement['indicators']): ProposeTargetAgreement => ({
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  party: 'jugendamt',
  organisationId: 'HRO-JA',
  indicators,
  bonus: { pool: { kind: 'amount', amount: '3500.00' }, minimumScorePct: '50' },
  reason: 'Ziele 2025',
});
const ok = [{ indicatorKey: 'planmaessig-beendet', baseline: '60', target: '70', weight: '40' }];
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { type: error.problem, ...error.extensions, detail: error.detail.de };
    throw error;
  }
  throw new Error('not refused');
};
const withEvents = (events: TargetAgreementEvent[]) =>
  fold(
    targetAgreementDecider,
    events.map((e) => ({ ...e, businessDate: e.businessDate ?? '2025-01-08' })),
  );

describe('target agreement (R12)', () => {
  it.each(['hze-dichte', 'kosten-je-jm'])('refuses weighting %s (R8), naming the indicator', (key) => {
    const result = refusal(() =>
      decideProposeTargetAgreement(proposal([...ok, { indicatorKey: key, baseline: '2', target: '1', weight: '10' }]), withEvents([]), facts),
    );
    expect(result).toMatchObject({ type: 'indicator-not-incentivisable', indicatorKey: key, field: 'indicators[1].indicatorKey' });
  });

  it('refuses an unknown indicator, a baseline equal to the target and a target that is no improvement', () => {
    expect(refusal(() => decideProposeTargetAgreement(proposal([{ ...ok[0], indicatorKey: 'gibt-es-nicht' }]), withEvents([]), facts))).toMatchObject({
      type: 'unknown-indicator',
      indicatorKey: 'gibt-es-nicht',
    });
    expect(refusal(() => decideProposeTargetAgreement(proposal([{ ...ok[0], target: '60.00' }]), withEvents([]), facts))).toMatchObject({
      type: 'baseline-equals-target',
      field: 'indicators[0].target',
    });
    expect(refusal(() => decideProposeTargetAgreement(proposal([{ ...ok[0], target: '55' }]), withEvents([]), facts))).toMatchObject({
      type: 'target-not-an-improvement',
    });
    // Lower is better: the target lies below the baseline.
    expect(
      decideProposeTargetAgreement(proposal([{ indicatorKey: 'dauer-beendeter-hilfen', baseline: '10', target: '8', weight: '1' }]), withEvents([]), facts),
    ).toHaveLength(1);
    expect(refusal(() => decideProposeTargetAgreement(proposal([ok[0], ok[0]]), withEvents([]), facts))).toMatchObject({ type: 'indicator-listed-twice' });
  });

  it('is in force once the other party agrees; a later agreed version supersedes it', () => {
    const proposed = decideProposeTargetAgreement(proposal(ok), withEvents([]), facts);
    expect(proposed[0].data).toMatchObject({ agreementId: 'ZV-HRO-TW-2025-1', version: 1, proposedBy: 'jugendamt' });
    let state = withEvents(proposed);
    expect(refusal(() => decideProposeTargetAgreement(proposal(ok), state, facts))).toMatchObject({ type: 'proposal-open' });
    const answer = { agreementId: 'ZV-HRO-TW-2025-1', party: 'jugendamt' as const, organisationId: 'HRO-JA', reason: null, fiscalYear: 2025 };
    expect(refusal(() => decideAnswerTargetAgreement({ ...answer, answer: 'agree' }, state, { yearClosed: false }))).toMatchObject({
      type: 'agreement-by-other-party-required',
    });
    const agreed = decideAnswerTargetAgreement({ ...answer, answer: 'agree', party: 'lead-provider', organisationId: 'TR-E' }, state, { yearClosed: false });
    state = withEvents([...proposed, ...agreed]);
    expect(agreementInForce(state)?.agreementId).toBe('ZV-HRO-TW-2025-1');
    const second = decideProposeTargetAgreement(proposal(ok), state, facts);
    const secondAgreed = decideAnswerTargetAgreement(
      { ...answer, agreementId: 'ZV-HRO-TW-2025-2', answer: 'agree', party: 'lead-provider', organisationId: 'TR-E' },
      withEvents([...proposed, ...agreed, ...second]),
      { yearClosed: false },
    );
    state = withEvents([...proposed, ...agreed, ...second, ...secondAgreed]);
    expect(state.versions.map((v) => v.status)).toEqual(['superseded', 'agreed']);
  });

  it('lets only the proposer withdraw and answers only open proposals; nothing after the year close', () => {
    const proposed = decideProposeTargetAgreement(proposal(ok), withEvents([]), facts);
    const state = withEvents(proposed);
    const answer = { agreementId: 'ZV-HRO-TW-2025-1', organisationId: 'TR-E', reason: 'nein', fiscalYear: 2025 };
    expect(refusal(() => decideAnswerTargetAgreement({ ...answer, answer: 'withdraw', party: 'lead-provider' }, state, { yearClosed: false }))).toMatchObject({
      type: 'withdrawal-by-proposer-only',
    });
    const rejected = withEvents([
      ...proposed,
      ...decideAnswerTargetAgreement({ ...answer, answer: 'reject', party: 'lead-provider' }, state, { yearClosed: false }),
    ]);
    expect(refusal(() => decideAnswerTargetAgreement({ ...answer, answer: 'agree', party: 'lead-provider' }, rejected, { yearClosed: false }))).toMatchObject({
      type: 'agreement-not-open',
    });
    expect(refusal(() => decideProposeTargetAgreement(proposal(ok), withEvents([]), { ...facts, yearClosed: true }))).toMatchObject({
      type: 'fiscal-year-closed',
    });
  });
});
