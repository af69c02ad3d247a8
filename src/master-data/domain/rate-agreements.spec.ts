import { deciderSpec } from '../../../test/support/decider-spec';
import {
  RateAgreement,
  RateAgreementEvent,
  decideConcludeRateAgreement,
  decideEndRateAgreement,
  rateAgreementOn,
  rateAgreementsDecider,
} from './rate-agreements';

type Terms = Omit<RateAgreement, 'agreementId'>;
const fls: Terms = {
  providerId: 'TR-E',
  legalBasis: '31',
  rateType: 'hourly',
  amount: '65.00',
  validFrom: '2025-01-01',
  validTo: '2025-12-31',
  reference: 'EV 2025/31-E',
};
const registered = { providerRegistered: true };

const conclude = deciderSpec(rateAgreementsDecider, decideConcludeRateAgreement);
const end = deciderSpec(rateAgreementsDecider, decideEndRateAgreement);

/** The n-th agreement of TR-E as concluded, on its validFrom. */
const concluded = (n: number, terms: Partial<Terms> = {}): RateAgreementEvent => {
  const data = { ...fls, ...terms };
  return { type: 'RateAgreementConcluded', data: { agreementId: `EV-TR-E-${n}`, ...data }, businessDate: data.validFrom };
};
const ended = (n: number, validTo: string, reason: string): RateAgreementEvent => ({
  type: 'RateAgreementEnded',
  data: { agreementId: `EV-TR-E-${n}`, providerId: 'TR-E', validTo, reason },
});
const ending = (agreementId: string, validTo: string, reason: string) => ({ providerId: 'TR-E', agreementId, validTo, reason });

describe('concluding a rate agreement (Entgeltvereinbarung)', () => {
  it('numbers agreements per provider and uses validFrom as business date', () => {
    conclude
      .given([])
      .when(fls, registered)
      .thenEvents([{ type: 'RateAgreementConcluded', data: { agreementId: 'EV-TR-E-1', ...fls }, businessDate: '2025-01-01' }]);
    conclude
      .given([concluded(1)])
      .when({ ...fls, legalBasis: '30' }, registered)
      .thenEvents([concluded(2, { legalBasis: '30' })]);
    expect(conclude.given([concluded(1), concluded(2, { legalBasis: '30' })]).state.agreements.map((a) => a.agreementId)).toEqual(['EV-TR-E-1', 'EV-TR-E-2']);
  });

  it('refuses a period ending before it begins; a single day is a valid period', () => {
    expect(
      conclude
        .given([])
        .when({ ...fls, validFrom: '2025-07-01', validTo: '2025-06-30' }, registered)
        .thenRefused('invalid-period').status,
    ).toBe(422);
    expect(
      conclude
        .given([])
        .when({ ...fls, validFrom: '2025-07-01', validTo: '2025-07-01' }, registered)
        .events(),
    ).toHaveLength(1);
  });

  it('is concluded only for a registered provider', () => {
    expect(conclude.given([]).when(fls, { providerRegistered: false }).thenRefused('provider-not-found').status).toBe(404);
  });

  describe('overlap with an agreement for the same help', () => {
    const existing = [concluded(1)]; // 2025-01-01 – 2025-12-31

    it.each([
      ['sharing the last day', '2025-12-31', null],
      ['sharing the first day', '2024-01-01', '2025-01-01'],
      ['inside it', '2025-03-01', '2025-03-31'],
      ['around it', '2024-01-01', '2026-12-31'],
      ['open-ended from inside it', '2025-06-01', null],
      ['open-ended from before it', '2020-01-01', null],
    ])('is refused with 409 when %s', (_label, validFrom, validTo) => {
      const error = conclude
        .given(existing)
        .when({ ...fls, amount: '70.00', validFrom: validFrom as string, validTo: validTo as string | null }, registered)
        .thenRefused('rate-agreement-overlap');
      expect(error).toMatchObject({ problem: 'rate-agreement-overlap', status: 409, extensions: { conflictingAgreementId: 'EV-TR-E-1' } });
    });

    it('is refused also when the rate type differs (same provider, same kind of help)', () => {
      conclude
        .given(existing)
        .when({ ...fls, rateType: 'monthly', amount: '1300.00', validFrom: '2025-06-01' }, registered)
        .thenRefused('rate-agreement-overlap');
    });

    it('is refused when an open-ended agreement exists and the new one starts years later', () => {
      const error = conclude
        .given([concluded(1, { validTo: null })])
        .when({ ...fls, validFrom: '2031-01-01', validTo: '2031-12-31' }, registered)
        .thenRefused('rate-agreement-overlap');
      expect(error.detail.en).toContain('open end');
    });

    it('allows adjacent periods before and after, and other kinds of help in the same period', () => {
      const later = { amount: '67.50', validFrom: '2026-01-01', validTo: null };
      const earlier = { amount: '62.00', validFrom: '2024-01-01', validTo: '2024-12-31' };
      const other = { legalBasis: '35a' as const, amount: '38.50', validFrom: '2025-01-01', validTo: null };
      conclude
        .given(existing)
        .when({ ...fls, ...later }, registered)
        .thenEvents([concluded(2, later)]);
      conclude
        .given([...existing, concluded(2, later)])
        .when({ ...fls, ...earlier }, registered)
        .thenEvents([concluded(3, earlier)]);
      const state = conclude
        .given([...existing, concluded(2, later), concluded(3, earlier)])
        .when({ ...fls, ...other }, registered)
        .thenState();
      expect(state.agreements.map((a) => [a.agreementId, a.legalBasis, a.validFrom, a.validTo])).toEqual([
        ['EV-TR-E-1', '31', '2025-01-01', '2025-12-31'],
        ['EV-TR-E-2', '31', '2026-01-01', null],
        ['EV-TR-E-3', '31', '2024-01-01', '2024-12-31'],
        ['EV-TR-E-4', '35a', '2025-01-01', null],
      ]);
    });

    it('names the agreement it collides with when there are several', () => {
      const error = conclude
        .given([...existing, concluded(2, { validFrom: '2026-01-01', validTo: null })])
        .when({ ...fls, validFrom: '2026-07-01', validTo: null }, registered)
        .thenRefused('rate-agreement-overlap');
      expect(error.extensions).toEqual({ conflictingAgreementId: 'EV-TR-E-2' });
    });
  });
});

describe('the agreement in force on a date', () => {
  const { state } = conclude.given([
    concluded(1),
    concluded(2, { amount: '67.50', validFrom: '2026-01-01', validTo: null }),
    concluded(3, { legalBasis: '34', rateType: 'daily', amount: '195.00', validFrom: '2025-03-01', validTo: '2025-03-01' }),
  ]);

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
  const open = [concluded(1, { validTo: null })];

  it('refuses an unknown agreement (404)', () => {
    expect(
      end
        .given(open)
        .when(ending('EV-TR-E-2', '2025-06-30', 'x'), registered)
        .thenRefused('rate-agreement-not-found').status,
    ).toBe(404);
  });

  it('refuses an agreement of an unregistered provider (404)', () => {
    expect(
      end
        .given(open)
        .when(ending('EV-TR-E-1', '2025-06-30', 'x'), { providerRegistered: false })
        .thenRefused('provider-not-found').status,
    ).toBe(404);
  });

  it('refuses an end before the agreement began', () => {
    expect(
      end
        .given(open)
        .when(ending('EV-TR-E-1', '2024-12-31', 'x'), registered)
        .thenRefused('invalid-period').status,
    ).toBe(422);
  });

  it('refuses to extend an agreement that already has an end', () => {
    expect(
      end
        .given([concluded(1)])
        .when(ending('EV-TR-E-1', '2026-01-01', 'Verlängerung'), registered)
        .thenRefused('extension-not-allowed').status,
    ).toBe(422);
  });

  it('ends an open-ended agreement, or shortens an ended one, and makes room for the successor', () => {
    end
      .given(open)
      .when(ending('EV-TR-E-1', '2025-09-30', 'Neuverhandlung'), registered)
      .thenEvents([ended(1, '2025-09-30', 'Neuverhandlung')]);
    const endedLater = [...open, ended(1, '2025-09-30', 'Neuverhandlung')];
    end
      .given(endedLater)
      .when(ending('EV-TR-E-1', '2025-06-30', 'früher'), registered)
      .thenEvents([ended(1, '2025-06-30', 'früher')]);
    const shortened = [...endedLater, ended(1, '2025-06-30', 'früher')];
    const { state } = end.given(shortened);
    expect(state.agreements[0].validTo).toBe('2025-06-30');
    expect(rateAgreementOn(state, '31', '2025-07-01')).toBeNull();
    const successor = { amount: '68.00', validFrom: '2025-07-01', validTo: null };
    conclude
      .given(shortened)
      .when({ ...fls, ...successor }, registered)
      .thenEvents([concluded(2, successor)]);
    const followed = [...shortened, concluded(2, successor)];
    const { state: after } = end.given(followed);
    expect(rateAgreementOn(after, '31', '2025-06-30')?.amount).toBe('65.00');
    expect(rateAgreementOn(after, '31', '2025-07-01')).toMatchObject({ agreementId: 'EV-TR-E-2', amount: '68.00' });
    // Now the first agreement cannot grow back into the successor's period.
    end
      .given(followed)
      .when(ending('EV-TR-E-1', '2025-08-31', 'x'), registered)
      .thenRefused('extension-not-allowed');
  });

  it('accepts an end on the first day (a one-day agreement) and leaves other agreements alone', () => {
    const state = end
      .given([...open, concluded(2, { legalBasis: '30', validTo: null })])
      .when(ending('EV-TR-E-1', '2025-01-01', 'Fehleingabe'), registered)
      .thenState();
    expect(state.agreements.map((a) => [a.agreementId, a.validTo])).toEqual([
      ['EV-TR-E-1', '2025-01-01'],
      ['EV-TR-E-2', null],
    ]);
  });
});
