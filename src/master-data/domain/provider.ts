import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { DomainError, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { MASTER_DATA_PROBLEMS } from '../master-data.problems';

/** Rechtsformen of freie Träger as they appear in Rostock's provider register. */
export const LEGAL_FORMS = ['e.V.', 'gGmbH', 'GmbH', 'gUG', 'Stiftung', 'KdöR', 'Genossenschaft', 'sonstige'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export interface ProviderFacts {
  name: string;
  legalForm: LegalForm;
}

export type ProviderEvent =
  | DomainEvent<'ProviderRegistered', { providerId: string } & ProviderFacts>
  | DomainEvent<'ProviderChanged', { providerId: string; reason: string } & ProviderFacts>;

export interface ProviderState {
  providerId: string | null;
  facts: ProviderFacts | null;
}

export const providerDecider: Decider<ProviderState, ProviderEvent> = {
  initialState: { providerId: null, facts: null },
  evolve(_state, event) {
    return { providerId: event.data.providerId, facts: { name: event.data.name, legalForm: event.data.legalForm } };
  },
};

export function decideRegisterProvider(cmd: { providerId: string } & ProviderFacts, state: ProviderState): ProviderEvent[] {
  if (state.providerId !== null) {
    throw new DomainError(
      MASTER_DATA_PROBLEMS['provider-exists'],
      text(`Der Träger ${cmd.providerId} ist bereits registriert.`, `Provider ${cmd.providerId} is already registered.`),
    );
  }
  return [{ type: 'ProviderRegistered', data: { ...cmd } }];
}

export function decideChangeProvider(cmd: Partial<ProviderFacts> & { reason: string }, state: ProviderState): ProviderEvent[] {
  if (state.providerId === null || !state.facts)
    throw new NotFound(SHARED_PROBLEMS['provider-not-found'], text('Der Träger ist nicht registriert.', 'The provider is not registered.'));
  const facts = { name: cmd.name ?? state.facts.name, legalForm: cmd.legalForm ?? state.facts.legalForm };
  if (facts.name === state.facts.name && facts.legalForm === state.facts.legalForm) return [];
  return [{ type: 'ProviderChanged', data: { providerId: state.providerId, reason: cmd.reason, ...facts } }];
}
