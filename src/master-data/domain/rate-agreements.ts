import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { DomainError, refuse, NotFound } from '../../../libs/ddd/domain-error';
import { LegalBasis } from '../../shared/legal-basis';
import { RateType } from '../../shared/legal-basis';

/** An Entgeltvereinbarung: the rate a provider charges for one kind of help, for a period. */
export interface RateAgreement {
  agreementId: string;
  providerId: string;
  legalBasis: LegalBasis;
  rateType: RateType;
  /** Per month, per Fachleistungsstunde or per day, as the rate type says. */
  amount: string;
  validFrom: string;
  /** Inclusive; null while no end is agreed. */
  validTo: string | null;
  reference: string | null;
}

export type RateAgreementEvent =
  | DomainEvent<'RateAgreementConcluded', RateAgreement>
  | DomainEvent<'RateAgreementEnded', { agreementId: string; providerId: string; validTo: string; reason: string }>;

export interface RateAgreementsState {
  agreements: RateAgreement[];
}

export const rateAgreementsDecider: Decider<RateAgreementsState, RateAgreementEvent> = {
  initialState: { agreements: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'RateAgreementConcluded':
        return { agreements: [...state.agreements, event.data] };
      case 'RateAgreementEnded':
        return {
          agreements: state.agreements.map((a) => (a.agreementId === event.data.agreementId ? { ...a, validTo: event.data.validTo } : a)),
        };
    }
  },
};

const FAR_FUTURE = '9999-12-31';

function overlaps(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return a.validFrom <= (b.validTo ?? FAR_FUTURE) && b.validFrom <= (a.validTo ?? FAR_FUTURE);
}

export function rateAgreementOn(state: RateAgreementsState, legalBasis: LegalBasis, date: string): RateAgreement | null {
  return state.agreements.find((a) => a.legalBasis === legalBasis && overlaps(a, { validFrom: date, validTo: date })) ?? null;
}

export interface RateAgreementFacts {
  /** Whether the master data knows the provider. */
  providerRegistered: boolean;
}

function assertProvider(providerId: string, facts: RateAgreementFacts): void {
  if (!facts.providerRegistered) throw new NotFound('provider-not-found', `provider ${providerId} is not registered`);
}

export function decideConcludeRateAgreement(
  cmd: Omit<RateAgreement, 'agreementId'>,
  state: RateAgreementsState,
  facts: RateAgreementFacts,
): RateAgreementEvent[] {
  assertProvider(cmd.providerId, facts);
  if (cmd.validTo !== null && cmd.validTo < cmd.validFrom) {
    refuse('invalid-period', 'Invalid period', `validTo ${cmd.validTo} is before validFrom ${cmd.validFrom}`);
  }
  const clash = state.agreements.find((a) => a.legalBasis === cmd.legalBasis && overlaps(a, cmd));
  if (clash) {
    throw new DomainError(
      'rate-agreement-overlap',
      'Overlapping rate agreement',
      `agreement ${clash.agreementId} already covers § ${cmd.legalBasis} from ${clash.validFrom} to ${clash.validTo ?? 'open end'}; end it first`,
      409,
      { conflictingAgreementId: clash.agreementId },
    );
  }
  const agreementId = `EV-${cmd.providerId}-${state.agreements.length + 1}`;
  return [{ type: 'RateAgreementConcluded', data: { agreementId, ...cmd }, businessDate: cmd.validFrom }];
}

export interface EndRateAgreement {
  providerId: string;
  agreementId: string;
  validTo: string;
  reason: string;
}

export function decideEndRateAgreement(cmd: EndRateAgreement, state: RateAgreementsState, facts: RateAgreementFacts): RateAgreementEvent[] {
  assertProvider(cmd.providerId, facts);
  const agreement = state.agreements.find((a) => a.agreementId === cmd.agreementId);
  if (!agreement) throw new NotFound('rate-agreement-not-found', `rate agreement ${cmd.agreementId} was not found`);
  if (cmd.validTo < agreement.validFrom) refuse('invalid-period', 'Invalid period', `validTo ${cmd.validTo} is before validFrom ${agreement.validFrom}`);
  if (agreement.validTo !== null && cmd.validTo > agreement.validTo) {
    refuse('extension-not-allowed', 'Cannot extend', `an agreement ending ${agreement.validTo} is not extended by ending it later; conclude a new one`);
  }
  return [{ type: 'RateAgreementEnded', data: { agreementId: cmd.agreementId, providerId: agreement.providerId, validTo: cmd.validTo, reason: cmd.reason } }];
}
