import { deciderSpec } from '../../../test/support/decider-spec';
import { ProviderEvent, decideChangeProvider, decideRegisterProvider, providerDecider } from './provider';
import { RateAgreementEvent, decideConcludeRateAgreement, decideEndRateAgreement, rateAgreementOn, rateAgreementsDecider } from './rate-agreements';
import {
  SozialraumEvent,
  decideChangeSozialraum,
  decideFormTraegerverbund,
  decideRegisterSozialraum,
  sozialraumDecider,
  sozialraumOn,
  traegerverbundOn,
} from './sozialraum';

const registered: SozialraumEvent = {
  type: 'SozialraumRegistered',
  data: { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' },
  businessDate: '2024-01-01',
};
const formed = (effectiveFrom: string, leadProviderId: string, memberProviderIds: string[]): SozialraumEvent => ({
  type: 'TraegerverbundFormed',
  data: { sozialraumId: 'HRO-TW', effectiveFrom, leadProviderId, memberProviderIds },
  businessDate: effectiveFrom,
});

describe('Sozialraum', () => {
  const register = deciderSpec(sozialraumDecider, decideRegisterSozialraum);
  const change = deciderSpec(sozialraumDecider, decideChangeSozialraum);
  const form = deciderSpec(sozialraumDecider, decideFormTraegerverbund);
  const known = { unregisteredProviderIds: [] };

  it('keeps the history of its facts by validity date', () => {
    register
      .given([])
      .when({ sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' })
      .thenEvents([registered]);
    const state = change.given([registered]).when({ residents: 14350, validFrom: '2026-01-01', reason: 'Statistik 2025' }).thenState();
    expect(sozialraumOn(state, '2025-12-31')).toMatchObject({ residents: 14200, residentsUnder21: 2900 });
    expect(sozialraumOn(state, '2026-01-01')).toMatchObject({ residents: 14350, residentsUnder21: 2900, name: 'Toitenwinkel', reason: 'Statistik 2025' });
    expect(sozialraumOn(state, '2023-12-31')).toBeNull();
  });

  it('refuses a second registration, changes before it exists and inconsistent residents', () => {
    expect(
      register
        .given([registered])
        .when({ sozialraumId: 'HRO-TW', name: 'x', residents: null, residentsUnder21: null, validFrom: '2024-01-01' })
        .thenRefused('sozialraum-exists').status,
    ).toBe(409);
    change.given([registered]).when({ validFrom: '2023-06-01', reason: 'x' }).thenRefused('before-registration');
    change.given([registered]).when({ residentsUnder21: 20000, validFrom: '2025-01-01', reason: 'x' }).thenRefused('residents-inconsistent');
    expect(change.given([]).when({ validFrom: '2025-01-01', reason: 'x' }).thenRefused('sozialraum-not-found').status).toBe(404);
  });

  it('changes the Trägerverbund with an effective date; the lead is not a member of itself', () => {
    form
      .given([registered])
      .when({ effectiveFrom: '2024-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F'] }, known)
      .thenEvents([formed('2024-01-01', 'TR-E', ['TR-F'])]);
    const history = [registered, formed('2024-01-01', 'TR-E', ['TR-F'])];
    const state = form
      .given(history)
      .when({ effectiveFrom: '2026-01-01', leadProviderId: 'TR-F', memberProviderIds: ['TR-E', 'TR-G'] }, known)
      .thenState();
    expect(traegerverbundOn(state, '2025-12-31')?.leadProviderId).toBe('TR-E');
    expect(traegerverbundOn(state, '2026-01-01')).toMatchObject({ leadProviderId: 'TR-F', memberProviderIds: ['TR-E', 'TR-G'] });
    form
      .given([...history, formed('2026-01-01', 'TR-F', ['TR-E', 'TR-G'])])
      .when({ effectiveFrom: '2026-06-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-E'] }, known)
      .thenRefused('lead-among-members');
  });
});

describe('providers', () => {
  const register = deciderSpec(providerDecider, decideRegisterProvider);
  const change = deciderSpec(providerDecider, decideChangeProvider);
  const tre: ProviderEvent = { type: 'ProviderRegistered', data: { providerId: 'TR-E', name: 'Jugendhilfe e.V.', legalForm: 'e.V.' } };

  it('registers once and records changes of name or legal form with a reason', () => {
    register.given([]).when({ providerId: 'TR-E', name: 'Jugendhilfe e.V.', legalForm: 'e.V.' }).thenEvents([tre]);
    register.given([tre]).when({ providerId: 'TR-E', name: 'x', legalForm: 'e.V.' }).thenRefused('provider-exists');
    expect(change.given([tre]).when({ legalForm: 'gGmbH', reason: 'Umwandlung' }).events()[0].data).toMatchObject({
      legalForm: 'gGmbH',
      name: 'Jugendhilfe e.V.',
    });
    change.given([tre]).when({ legalForm: 'e.V.', reason: 'nichts' }).thenEvents([]);
  });
});

describe('rate agreements', () => {
  const conclude = deciderSpec(rateAgreementsDecider, decideConcludeRateAgreement);
  const end = deciderSpec(rateAgreementsDecider, decideEndRateAgreement);
  const registeredProvider = { providerRegistered: true };
  const base = { providerId: 'TR-E', legalBasis: '31' as const, rateType: 'hourly' as const, amount: '65.00', reference: null };
  const concluded = (n: number, terms: { amount?: string; validFrom: string; validTo: string | null }): RateAgreementEvent => ({
    type: 'RateAgreementConcluded',
    data: { agreementId: `EV-TR-E-${n}`, ...base, ...terms },
    businessDate: terms.validFrom,
  });

  it('refuses overlapping validity for the same provider and help, allows adjacent periods and other help', () => {
    conclude
      .given([])
      .when({ ...base, validFrom: '2025-01-01', validTo: '2025-12-31' }, registeredProvider)
      .thenEvents([concluded(1, { validFrom: '2025-01-01', validTo: '2025-12-31' })]);
    const history = [concluded(1, { validFrom: '2025-01-01', validTo: '2025-12-31' })];
    expect(
      conclude
        .given(history)
        .when({ ...base, validFrom: '2025-12-31', validTo: null }, registeredProvider)
        .thenRefused('rate-agreement-overlap').status,
    ).toBe(409);
    expect(
      conclude
        .given(history)
        .when({ ...base, amount: '67.00', validFrom: '2026-01-01', validTo: null }, registeredProvider)
        .events(),
    ).toHaveLength(1);
    expect(
      conclude
        .given(history)
        .when({ ...base, legalBasis: '30', validFrom: '2025-06-01', validTo: null }, registeredProvider)
        .events(),
    ).toHaveLength(1);
    conclude
      .given(history)
      .when({ ...base, validFrom: '2026-02-01', validTo: '2026-01-01' }, registeredProvider)
      .thenRefused('invalid-period');
  });

  it('finds the agreement in force on a date and ends one early to make room', () => {
    const open = [concluded(1, { validFrom: '2025-01-01', validTo: null })];
    expect(rateAgreementOn(conclude.given(open).state, '31', '2030-01-01')?.amount).toBe('65.00');
    const endedEvents = end
      .given(open)
      .when({ providerId: 'TR-E', agreementId: 'EV-TR-E-1', validTo: '2025-06-30', reason: 'Neuverhandlung' }, registeredProvider)
      .events();
    const ended = [...open, ...endedEvents];
    expect(rateAgreementOn(end.given(ended).state, '31', '2025-07-01')).toBeNull();
    conclude
      .given(ended)
      .when({ ...base, amount: '68.00', validFrom: '2025-07-01', validTo: null }, registeredProvider)
      .thenEvents([concluded(2, { amount: '68.00', validFrom: '2025-07-01', validTo: null })]);
    const followed = [...ended, concluded(2, { amount: '68.00', validFrom: '2025-07-01', validTo: null })];
    const { state } = end.given(followed);
    expect(rateAgreementOn(state, '31', '2025-06-30')?.amount).toBe('65.00');
    expect(rateAgreementOn(state, '31', '2025-07-01')).toMatchObject({ agreementId: 'EV-TR-E-2', amount: '68.00' });
    end
      .given(followed)
      .when({ providerId: 'TR-E', agreementId: 'EV-TR-E-1', validTo: '2025-09-30', reason: 'x' }, registeredProvider)
      .thenRefused('extension-not-allowed');
    expect(
      end
        .given(followed)
        .when({ providerId: 'TR-E', agreementId: 'EV-TR-E-9', validTo: '2025-09-30', reason: 'x' }, registeredProvider)
        .thenRefused('rate-agreement-not-found').status,
    ).toBe(404);
  });
});
