import { fold } from '../../../libs/ddd/decider';
import {
  RateAgreement,
  RateAgreementsState,
  decideConcludeRateAgreement,
  decideEndRateAgreement,
  rateAgreementOn,
  rateAgreementsDecider,
} from './rate-agreements';
import { refusal } from '../../../test/support/refusal';

type Terms = Omit<RateAgreement, 'agreementId'>;
const fls: Terms = { providerId: 'TR-E', legalBasis: '31', rateType: 'hourly', amount: '65.00', validFrom: '2025-01-01', validTo: '2025-12-31', reference: 'EV 2025/31-E' };

function conclude(state: RateAgreementsState, terms: Partial<Terms>): RateAgreementsState {
  return fold(rateAgreementsDecider, decideConcludeRateAgreement({ ...fls, ...terms }, state), state);
}

describe('concluding a rate agreement (Entgeltvereinbarung)', () => {
  it('numbers agreements per provider and uses validFrom as business date', () => {
    const events = decideConcludeRateAgreement(fls, rateAgreementsDecider.initialState);
    expect(events).toEqual([{ type: 'RateAgreementConcluded', data: { agreementId: 'EV-TR-E-1', ...fls }, businessDate: '2025-01-01' }]);
    const state = conclude(conclude(rateAgreementsDecider.initialState, {}), { legalBasis: '30' });
    expect(state.agreements.map((a) => a.agreementId)).toEqual(['EV-TR-E-1', 'EV-TR-E-2']);
  });

  it('refuses a period ending before it begins; a single day is a valid period', () => {
    const error = refusal(() => decideConcludeRateAgreement({ ...fls, validFrom: '2025-07-01', validTo: '2025-06-30' }, rateAgreementsDecider.initialState));
    expect(error).toMatchObject({ problem: 'invalid-period', status: 422 });
    expect(decideConcludeRateAgreement({ ...fls, validFrom: '2025-07-01', validTo: '2025-07-01' }, rateAgreementsDecider.initialState)).toHaveLength(1);
  });

  describe('overlap with an agreement for the same help', () => {
    const existing = () => conclude(rateAgreementsDecider.initialState, {}); // 2025-01-01 – 2025-12-31

    it.each([
      ['sharing the last day', '2025-12-31', null],
      ['sharing the first day', '2024-01-01', '2025-01-01'],
      ['inside it', '2025-03-01', '2025-03-31'],
      ['around it', '2024-01-01', '2026-12-31'],
      ['open-ended from inside it', '2025-06-01', null],
      ['open-ended from before it', '2020-01-01', null],
    ])('is refused with 409 when %s', (_label, validFrom, validTo) => {
      const error = refusal(() => decideConcludeRateAgreement({ ...fls, amount: '70.00', validFrom: validFrom as string, validTo: validTo as string | null }, existing()));
      expect(error).toMatchObject({ problem: 'rate-agreement-overlap', status: 409, extensions: { conflictingAgreementId: 'EV-TR-E-1' } });
    });

    it('is refused also when the rate type differs (same provider, same kind of help)', () => {
      const error = refusal(() => decideConcludeRateAgreement({ ...fls, rateType: 'monthly', amount: '1300.00', validFrom: '2025-06-01' }, existing()));
      expect(error.problem).toBe('rate-agreement-overlap');
    });

    it('is refused when an open-ended agreement exists and the new one starts years later', () => {
      const open = conclude(rateAgreementsDecider.initialState, { validTo: null });
      const error = refusal(() => decideConcludeRateAgreement({ ...fls, validFrom: '2031-01-01', validTo: '2031-12-31' }, open));
      expect(error.detail).toContain('open end');
    });

    it('allows adjacent periods before and after, and other kinds of help in the same period', () => {
      let state = existing();
      state = conclude(state, { amount: '67.50', validFrom: '2026-01-01', validTo: null });
      state = conclude(state, { amount: '62.00', validFrom: '2024-01-01', validTo: '2024-12-31' });
      state = conclude(state, { legalBasis: '35a', amount: '38.50', validFrom: '2025-01-01', validTo: null });
      expect(state.agreements.map((a) => [a.agreementId, a.legalBasis, a.validFrom, a.validTo])).toEqual([
        ['EV-TR-E-1', '31', '2025-01-01', '2025-12-31'],
        ['EV-TR-E-2', '31', '2026-01-01', null],
        ['EV-TR-E-3', '31', '2024-01-01', '2024-12-31'],
        ['EV-TR-E-4', '35a', '2025-01-01', null],
      ]);
    });

    it('names the agreement it collides with when there are several', () => {
      let state = existing();
      state = conclude(state, { validFrom: '2026-01-01', validTo: null });
      const error = refusal(() => decideConcludeRateAgreement({ ...fls, validFrom: '2026-07-01', validTo: null }, state));
      expect(error.extensions).toEqual({ conflictingAgreementId: 'EV-TR-E-2' });
    });
  });
});

describe('the agreement in force on a date', () => {
  const state = (() => {
    let s = conclude(rateAgreementsDecider.initialState, {});
    s = conclude(s, { amount: '67.50', validFrom: '2026-01-01', validTo: null });
    return conclude(s, { legalBasis: '34', rateType: 'daily', amount: '195.00', validFrom: '2025-03-01', validTo: '2025-03-01' });
  })();

  it('includes the first and the last day of the period', () => {
    expect(rateAgreementOn(state, '31', '2024-12-31')).toBeNull();
    expect(rateAgreementOn(state, '31', '2025-01-01')?.amount).toBe('65.00');
    expect(rateAgreementOn(state, '31', '2025-12-31')?.amount).toBe('65.00');
    expect(rateAgreementOn(state, '31', '2026-01-01')?.amount).toBe('67.50');
    expect(rateAgreementOn(state, '31', '2040-06-30')?.agreementId).toBe('EV-TR-E-2');
  });

  it('looks only at the kind of help asked for', () => {
    expect(rateAgreementOn(state, '34', '2025-03-01')).toMatchObject({ rateType: 'daily', amount: '195.00' });
    expect(rateAgreementOn(state, '34', '2025-03-02')).toBeNull();
    expect(rateAgreementOn(state, '30', '2025-06-01')).toBeNull();
  });
});

describe('ending a rate agreement', () => {
  const open = () => conclude(rateAgreementsDecider.initialState, { validTo: null });

  it('refuses an unknown agreement (404)', () => {
    const error = refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-2', validTo: '2025-06-30', reason: 'x' }, open()));
    expect(error).toMatchObject({ problem: 'rate-agreement-not-found', status: 404 });
  });

  it('refuses an end before the agreement began', () => {
    const error = refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2024-12-31', reason: 'x' }, open()));
    expect(error).toMatchObject({ problem: 'invalid-period', status: 422 });
  });

  it('refuses to extend an agreement that already has an end', () => {
    const state = conclude(rateAgreementsDecider.initialState, {});
    const error = refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2026-01-01', reason: 'Verlängerung' }, state));
    expect(error).toMatchObject({ problem: 'extension-not-allowed', status: 422 });
  });

  it('ends an open-ended agreement, or shortens an ended one, and makes room for the successor', () => {
    let state = open();
    const events = decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-09-30', reason: 'Neuverhandlung' }, state);
    expect(events).toEqual([{ type: 'RateAgreementEnded', data: { agreementId: 'EV-TR-E-1', providerId: 'TR-E', validTo: '2025-09-30', reason: 'Neuverhandlung' } }]);
    state = fold(rateAgreementsDecider, events, state);
    state = fold(rateAgreementsDecider, decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-06-30', reason: 'früher' }, state), state);
    expect(state.agreements[0].validTo).toBe('2025-06-30');
    expect(rateAgreementOn(state, '31', '2025-07-01')).toBeNull();
    state = conclude(state, { amount: '68.00', validFrom: '2025-07-01', validTo: null });
    expect(rateAgreementOn(state, '31', '2025-06-30')?.amount).toBe('65.00');
    expect(rateAgreementOn(state, '31', '2025-07-01')).toMatchObject({ agreementId: 'EV-TR-E-2', amount: '68.00' });
    // Now the first agreement cannot grow back into the successor's period.
    expect(refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-08-31', reason: 'x' }, state)).problem).toBe('extension-not-allowed');
  });

  it('accepts an end on the first day (a one-day agreement) and leaves other agreements alone', () => {
    let state = conclude(open(), { legalBasis: '30', validTo: null });
    state = fold(rateAgreementsDecider, decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-01-01', reason: 'Fehleingabe' }, state), state);
    expect(state.agreements.map((a) => [a.agreementId, a.validTo])).toEqual([
      ['EV-TR-E-1', '2025-01-01'],
      ['EV-TR-E-2', null],
    ]);
  });
});
