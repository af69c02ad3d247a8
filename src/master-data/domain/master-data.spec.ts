import { fold } from '../../../libs/ddd/decider';
import { decideChangeProvider, decideRegisterProvider, providerDecider } from './provider';
import { decideConcludeRateAgreement, decideEndRateAgreement, rateAgreementOn, rateAgreementsDecider } from './rate-agreements';
import { decideChangeSozialraum, decideFormTraegerverbund, decideRegisterSozialraum, sozialraumDecider, sozialraumOn, traegerverbundOn } from './sozialraum';
import { refusal } from '../../../test/support/refusal';

const registered = () => fold(sozialraumDecider, decideRegisterSozialraum({ sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }, sozialraumDecider.initialState));

describe('Sozialraum', () => {
  it('keeps the history of its facts by validity date', () => {
    let state = registered();
    state = fold(sozialraumDecider, decideChangeSozialraum({ residents: 14350, validFrom: '2026-01-01', reason: 'Statistik 2025' }, state), state);
    expect(sozialraumOn(state, '2025-12-31')).toMatchObject({ residents: 14200, residentsUnder21: 2900 });
    expect(sozialraumOn(state, '2026-01-01')).toMatchObject({ residents: 14350, residentsUnder21: 2900, name: 'Toitenwinkel', reason: 'Statistik 2025' });
    expect(sozialraumOn(state, '2023-12-31')).toBeNull();
  });

  it('refuses a second registration, changes before it exists and inconsistent residents', () => {
    const state = registered();
    expect(refusal(() => decideRegisterSozialraum({ sozialraumId: 'HRO-TW', name: 'x', residents: null, residentsUnder21: null, validFrom: '2024-01-01' }, state)).status).toBe(409);
    expect(refusal(() => decideChangeSozialraum({ validFrom: '2023-06-01', reason: 'x' }, state)).problem).toBe('before-registration');
    expect(refusal(() => decideChangeSozialraum({ residentsUnder21: 20000, validFrom: '2025-01-01', reason: 'x' }, state)).problem).toBe('residents-inconsistent');
    expect(refusal(() => decideChangeSozialraum({ validFrom: '2025-01-01', reason: 'x' }, sozialraumDecider.initialState)).status).toBe(404);
  });

  it('changes the Trägerverbund with an effective date; the lead is not a member of itself', () => {
    let state = registered();
    state = fold(sozialraumDecider, decideFormTraegerverbund({ effectiveFrom: '2024-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F'] }, state), state);
    state = fold(sozialraumDecider, decideFormTraegerverbund({ effectiveFrom: '2026-01-01', leadProviderId: 'TR-F', memberProviderIds: ['TR-E', 'TR-G'] }, state), state);
    expect(traegerverbundOn(state, '2025-12-31')?.leadProviderId).toBe('TR-E');
    expect(traegerverbundOn(state, '2026-01-01')).toMatchObject({ leadProviderId: 'TR-F', memberProviderIds: ['TR-E', 'TR-G'] });
    expect(refusal(() => decideFormTraegerverbund({ effectiveFrom: '2026-06-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-E'] }, state)).problem).toBe('lead-among-members');
  });
});

describe('providers', () => {
  it('registers once and records changes of name or legal form with a reason', () => {
    const state = fold(providerDecider, decideRegisterProvider({ providerId: 'TR-E', name: 'Jugendhilfe e.V.', legalForm: 'e.V.' }, providerDecider.initialState));
    expect(refusal(() => decideRegisterProvider({ providerId: 'TR-E', name: 'x', legalForm: 'e.V.' }, state)).problem).toBe('provider-exists');
    expect(decideChangeProvider({ legalForm: 'gGmbH', reason: 'Umwandlung' }, state)[0].data).toMatchObject({ legalForm: 'gGmbH', name: 'Jugendhilfe e.V.' });
    expect(decideChangeProvider({ legalForm: 'e.V.', reason: 'nichts' }, state)).toEqual([]);
  });
});

describe('rate agreements', () => {
  const base = { providerId: 'TR-E', legalBasis: '31' as const, rateType: 'hourly' as const, amount: '65.00', reference: null };
  const concluded = () => fold(rateAgreementsDecider, decideConcludeRateAgreement({ ...base, validFrom: '2025-01-01', validTo: '2025-12-31' }, rateAgreementsDecider.initialState));

  it('refuses overlapping validity for the same provider and help, allows adjacent periods and other help', () => {
    const state = concluded();
    const overlap = refusal(() => decideConcludeRateAgreement({ ...base, validFrom: '2025-12-31', validTo: null }, state));
    expect(overlap).toMatchObject({ problem: 'rate-agreement-overlap', status: 409 });
    expect(decideConcludeRateAgreement({ ...base, amount: '67.00', validFrom: '2026-01-01', validTo: null }, state)).toHaveLength(1);
    expect(decideConcludeRateAgreement({ ...base, legalBasis: '30', validFrom: '2025-06-01', validTo: null }, state)).toHaveLength(1);
    expect(refusal(() => decideConcludeRateAgreement({ ...base, validFrom: '2026-02-01', validTo: '2026-01-01' }, state)).problem).toBe('invalid-period');
  });

  it('finds the agreement in force on a date and ends one early to make room', () => {
    let state = fold(rateAgreementsDecider, decideConcludeRateAgreement({ ...base, validFrom: '2025-01-01', validTo: null }, rateAgreementsDecider.initialState));
    expect(rateAgreementOn(state, '31', '2030-01-01')?.amount).toBe('65.00');
    state = fold(rateAgreementsDecider, decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-06-30', reason: 'Neuverhandlung' }, state), state);
    expect(rateAgreementOn(state, '31', '2025-07-01')).toBeNull();
    state = fold(rateAgreementsDecider, decideConcludeRateAgreement({ ...base, amount: '68.00', validFrom: '2025-07-01', validTo: null }, state), state);
    expect(rateAgreementOn(state, '31', '2025-06-30')?.amount).toBe('65.00');
    expect(rateAgreementOn(state, '31', '2025-07-01')).toMatchObject({ agreementId: 'EV-TR-E-2', amount: '68.00' });
    expect(refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-1', validTo: '2025-09-30', reason: 'x' }, state)).problem).toBe('extension-not-allowed');
    expect(refusal(() => decideEndRateAgreement({ agreementId: 'EV-TR-E-9', validTo: '2025-09-30', reason: 'x' }, state)).status).toBe(404);
  });
});
