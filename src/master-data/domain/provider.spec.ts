import { fold } from '../../../libs/ddd/decider';
import { LEGAL_FORMS, ProviderState, decideChangeProvider, decideRegisterProvider, providerDecider } from './provider';
import { refusal } from '../../../test/support/refusal';

const tre = { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' as const };

function registered(): ProviderState {
  return fold(providerDecider, decideRegisterProvider(tre, providerDecider.initialState));
}

describe('providers (freie Träger)', () => {
  it('registers a provider with name and legal form', () => {
    const events = decideRegisterProvider(tre, providerDecider.initialState);
    expect(events).toEqual([{ type: 'ProviderRegistered', data: tre }]);
    expect(fold(providerDecider, events)).toEqual({ providerId: 'TR-E', facts: { name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' } });
  });

  it('knows the legal forms of freie Träger', () => {
    expect(LEGAL_FORMS).toEqual(expect.arrayContaining(['e.V.', 'gGmbH', 'Stiftung', 'sonstige']));
  });

  it('refuses a second registration (409), even with other facts', () => {
    const error = refusal(() => decideRegisterProvider({ providerId: 'TR-E', name: 'Anderer Träger gGmbH', legalForm: 'gGmbH' }, registered()));
    expect(error).toMatchObject({ problem: 'provider-exists', status: 409 });
  });

  it('refuses a change of an unregistered provider (404)', () => {
    const error = refusal(() => decideChangeProvider({ name: 'x', reason: 'x' }, providerDecider.initialState));
    expect(error).toMatchObject({ problem: 'provider-not-found', status: 404 });
  });

  it('changes the name only, keeping the legal form, with the reason', () => {
    const events = decideChangeProvider({ name: 'Jugendhilfeverbund Rostock Nordost e.V.', reason: 'Satzungsänderung' }, registered());
    expect(events).toEqual([
      { type: 'ProviderChanged', data: { providerId: 'TR-E', reason: 'Satzungsänderung', name: 'Jugendhilfeverbund Rostock Nordost e.V.', legalForm: 'e.V.' } },
    ]);
  });

  it('changes the legal form (Umwandlung) and keeps the latest facts', () => {
    let state = registered();
    state = fold(providerDecider, decideChangeProvider({ legalForm: 'gGmbH', name: 'Jugendhilfeverbund Nordost gGmbH', reason: 'Umwandlung' }, state), state);
    expect(state.facts).toEqual({ name: 'Jugendhilfeverbund Nordost gGmbH', legalForm: 'gGmbH' });
    state = fold(providerDecider, decideChangeProvider({ legalForm: 'GmbH', reason: 'Verlust der Gemeinnützigkeit' }, state), state);
    expect(state).toEqual({ providerId: 'TR-E', facts: { name: 'Jugendhilfeverbund Nordost gGmbH', legalForm: 'GmbH' } });
  });

  it('writes nothing when nothing changes', () => {
    expect(decideChangeProvider({ reason: 'nur Begründung' }, registered())).toEqual([]);
    expect(decideChangeProvider({ name: tre.name, legalForm: 'e.V.', reason: 'gleich' }, registered())).toEqual([]);
  });
});
