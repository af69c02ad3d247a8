import { deciderSpec } from '../../../test/support/decider-spec';
import { LEGAL_FORMS, ProviderEvent, decideChangeProvider, decideRegisterProvider, providerDecider } from './provider';

const tre = { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' as const };
const registered: ProviderEvent = { type: 'ProviderRegistered', data: tre };

const register = deciderSpec(providerDecider, decideRegisterProvider);
const change = deciderSpec(providerDecider, decideChangeProvider);

describe('providers (freie Träger)', () => {
  it('registers a provider with name and legal form', () => {
    register.given([]).when(tre).thenEvents([registered]);
    expect(register.given([]).when(tre).thenState()).toEqual({ providerId: 'TR-E', facts: { name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' } });
  });

  it('knows the legal forms of freie Träger', () => {
    expect(LEGAL_FORMS).toEqual(expect.arrayContaining(['e.V.', 'gGmbH', 'Stiftung', 'sonstige']));
  });

  it('refuses a second registration (409), even with other facts', () => {
    expect(
      register.given([registered]).when({ providerId: 'TR-E', name: 'Anderer Träger gGmbH', legalForm: 'gGmbH' }).thenRefused('provider-exists').status,
    ).toBe(409);
  });

  it('refuses a change of an unregistered provider (404)', () => {
    expect(change.given([]).when({ name: 'x', reason: 'x' }).thenRefused('provider-not-found').status).toBe(404);
  });

  it('changes the name only, keeping the legal form, with the reason', () => {
    change
      .given([registered])
      .when({ name: 'Jugendhilfeverbund Rostock Nordost e.V.', reason: 'Satzungsänderung' })
      .thenEvents([
        {
          type: 'ProviderChanged',
          data: { providerId: 'TR-E', reason: 'Satzungsänderung', name: 'Jugendhilfeverbund Rostock Nordost e.V.', legalForm: 'e.V.' },
        },
      ]);
  });

  it('changes the legal form (Umwandlung) and keeps the latest facts', () => {
    const umwandlung = { legalForm: 'gGmbH' as const, name: 'Jugendhilfeverbund Nordost gGmbH', reason: 'Umwandlung' };
    expect(change.given([registered]).when(umwandlung).thenState().facts).toEqual({ name: 'Jugendhilfeverbund Nordost gGmbH', legalForm: 'gGmbH' });
    const changed: ProviderEvent = { type: 'ProviderChanged', data: { providerId: 'TR-E', ...umwandlung } };
    change.given([registered]).when(umwandlung).thenEvents([changed]);
    expect(change.given([registered, changed]).when({ legalForm: 'GmbH', reason: 'Verlust der Gemeinnützigkeit' }).thenState()).toEqual({
      providerId: 'TR-E',
      facts: { name: 'Jugendhilfeverbund Nordost gGmbH', legalForm: 'GmbH' },
    });
  });

  it('writes nothing when nothing changes', () => {
    change.given([registered]).when({ reason: 'nur Begründung' }).thenEvents([]);
    change.given([registered]).when({ name: tre.name, legalForm: 'e.V.', reason: 'gleich' }).thenEvents([]);
  });
});
