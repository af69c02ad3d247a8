import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { DomainError, refuse, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { MASTER_DATA_PROBLEMS } from '../master-data.problems';
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
  if (!facts.providerRegistered)
    throw new NotFound(
      SHARED_PROBLEMS['provider-not-found'],
      text(`Der Träger ${providerId} ist nicht registriert.`, `Provider ${providerId} is not registered.`),
    );
}

export function decideConcludeRateAgreement(
  cmd: Omit<RateAgreement, 'agreementId'>,
  state: RateAgreementsState,
  facts: RateAgreementFacts,
): RateAgreementEvent[] {
  assertProvider(cmd.providerId, facts);
  if (cmd.validTo !== null && cmd.validTo < cmd.validFrom) {
    refuse(
      SHARED_PROBLEMS['invalid-period'],
      text(`validTo ${cmd.validTo} liegt vor validFrom ${cmd.validFrom}.`, `validTo ${cmd.validTo} is before validFrom ${cmd.validFrom}.`),
    );
  }
  const clash = state.agreements.find((a) => a.legalBasis === cmd.legalBasis && overlaps(a, cmd));
  if (clash) {
    throw new DomainError(
      MASTER_DATA_PROBLEMS['rate-agreement-overlap'],
      text(
        `Die Vereinbarung ${clash.agreementId} gilt für § ${cmd.legalBasis} schon vom ${clash.validFrom} bis ${clash.validTo ?? 'auf Weiteres'}; sie ist zuerst zu beenden.`,
        `Agreement ${clash.agreementId} already covers § ${cmd.legalBasis} from ${clash.validFrom} to ${clash.validTo ?? 'open end'}; end it first.`,
      ),
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
  if (!agreement)
    throw new NotFound(
      MASTER_DATA_PROBLEMS['rate-agreement-not-found'],
      text(`Die Entgeltvereinbarung ${cmd.agreementId} gibt es nicht.`, `Rate agreement ${cmd.agreementId} was not found.`),
    );
  if (cmd.validTo < agreement.validFrom)
    refuse(
      SHARED_PROBLEMS['invalid-period'],
      text(`validTo ${cmd.validTo} liegt vor validFrom ${agreement.validFrom}.`, `validTo ${cmd.validTo} is before validFrom ${agreement.validFrom}.`),
    );
  if (agreement.validTo !== null && cmd.validTo > agreement.validTo) {
    refuse(
      MASTER_DATA_PROBLEMS['extension-not-allowed'],
      text(
        `Eine Vereinbarung, die am ${agreement.validTo} endet, wird nicht durch ein späteres Ende verlängert; bitte eine neue abschließen.`,
        `An agreement ending ${agreement.validTo} is not extended by ending it later; conclude a new one.`,
      ),
    );
  }
  return [{ type: 'RateAgreementEnded', data: { agreementId: cmd.agreementId, providerId: agreement.providerId, validTo: cmd.validTo, reason: cmd.reason } }];
}
