import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { NotFound, refuse } from '../../../libs/ddd/domain-error';
import { Decimal } from '../../../libs/money';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { WIRKUNG_PROBLEMS } from '../wirkung.problems';
import { IndicatorDefinition } from './indicator-catalogue';

export type Party = 'jugendamt' | 'lead-provider';

export interface WeightedIndicator {
  indicatorKey: string;
  baseline: string;
  target: string;
  weight: string;
}

/** R12 bonus rule: a pool (an amount, or a % of the flexible budget) and the minimum score for any bonus. */
export interface BonusRule {
  pool: { kind: 'amount'; amount: string } | { kind: 'percent-of-flexible-budget'; percent: string };
  minimumScorePct: string;
}

export interface AgreementProposal {
  agreementId: string;
  /** 1, 2, … per Sozialraum-year: a later agreed version replaces the earlier one. */
  version: number;
  sozialraumId: string;
  fiscalYear: number;
  proposedBy: Party;
  proposerOrganisationId: string;
  indicators: WeightedIndicator[];
  bonus: BonusRule;
  reason: string;
}

export interface AgreementAnswer {
  agreementId: string;
  by: Party;
  organisationId: string;
  reason: string | null;
}

export type TargetAgreementEvent =
  | DomainEvent<'TargetAgreementProposed', AgreementProposal>
  | DomainEvent<'TargetAgreementAgreed', AgreementAnswer>
  | DomainEvent<'TargetAgreementRejected', AgreementAnswer>
  | DomainEvent<'TargetAgreementWithdrawn', AgreementAnswer>;

export type AgreementStatus = 'proposed' | 'agreed' | 'rejected' | 'withdrawn' | 'superseded';

export interface AgreementVersion extends AgreementProposal {
  status: AgreementStatus;
  proposedOn: string;
  answer: (AgreementAnswer & { on: string }) | null;
}

export interface TargetAgreementState {
  versions: AgreementVersion[];
}

export const targetAgreementDecider: Decider<TargetAgreementState, TargetAgreementEvent> = {
  initialState: { versions: [] },
  evolve(state, event) {
    const on = event.businessDate ?? '';
    switch (event.type) {
      case 'TargetAgreementProposed':
        return { versions: [...state.versions, { ...event.data, status: 'proposed', proposedOn: on, answer: null }] };
      case 'TargetAgreementAgreed':
      case 'TargetAgreementRejected':
      case 'TargetAgreementWithdrawn': {
        const status: AgreementStatus = event.type === 'TargetAgreementAgreed' ? 'agreed' : event.type === 'TargetAgreementRejected' ? 'rejected' : 'withdrawn';
        const answered = event.data.agreementId;
        return {
          versions: state.versions.map((v) => {
            if (v.agreementId === answered) return { ...v, status, answer: { ...event.data, on } };
            // A newly agreed version replaces the one in force.
            if (status === 'agreed' && v.status === 'agreed') return { ...v, status: 'superseded' };
            return v;
          }),
        };
      }
    }
  },
};

export function agreementInForce(state: TargetAgreementState): AgreementVersion | null {
  return state.versions.find((v) => v.status === 'agreed') ?? null;
}

export function openProposal(state: TargetAgreementState): AgreementVersion | null {
  return state.versions.find((v) => v.status === 'proposed') ?? null;
}

export interface ProposeTargetAgreement {
  sozialraumId: string;
  fiscalYear: number;
  party: Party;
  organisationId: string;
  indicators: WeightedIndicator[];
  bonus: BonusRule;
  reason: string;
}

export interface AgreementFacts {
  /** The catalogue in force at the start of the fiscal year. */
  catalogue: IndicatorDefinition[];
  yearClosed: boolean;
}

function refuseClosed(fiscalYear: number, closed: boolean): void {
  if (closed)
    refuse(
      SHARED_PROBLEMS['fiscal-year-closed'],
      text(`Das Haushaltsjahr ${fiscalYear} ist abgeschlossen; die Zielvereinbarung steht fest.`, `Fiscal year ${fiscalYear} is closed.`),
      { fiscalYear },
    );
}

/**
 * A target agreement is proposed by one party and in force when the other agrees (R12, like a
 * reallocation). The R8 guard comes first: an indicator whose improvement means fewer or cheaper
 * entitlements may be monitored, never weighted.
 */
export function decideProposeTargetAgreement(cmd: ProposeTargetAgreement, state: TargetAgreementState, facts: AgreementFacts): TargetAgreementEvent[] {
  refuseClosed(cmd.fiscalYear, facts.yearClosed);
  const seen = new Set<string>();
  for (const [index, item] of cmd.indicators.entries()) {
    const field = `indicators[${index}].indicatorKey`;
    const definition = facts.catalogue.find((d) => d.key === item.indicatorKey);
    if (!definition)
      refuse(
        WIRKUNG_PROBLEMS['unknown-indicator'],
        text(`${field}: Den Indikator „${item.indicatorKey}“ kennt der Katalog nicht.`, `${field}: the catalogue has no indicator "${item.indicatorKey}".`),
        { indicatorKey: item.indicatorKey, field },
      );
    if (seen.has(item.indicatorKey))
      refuse(
        WIRKUNG_PROBLEMS['indicator-listed-twice'],
        text(`${field}: ${item.indicatorKey} ist zweimal genannt.`, `${field}: ${item.indicatorKey} is listed twice.`),
        { indicatorKey: item.indicatorKey, field },
      );
    seen.add(item.indicatorKey);
    if (!definition.incentivisable)
      refuse(
        WIRKUNG_PROBLEMS['indicator-not-incentivisable'],
        text(
          `${field}: ${definition.name} (${item.indicatorKey}) darf beobachtet, aber nicht gewichtet werden: eine Verbesserung hieße weniger oder billigere Rechtsansprüche (R8).`,
          `${field}: ${item.indicatorKey} may be monitored but not weighted: improving it would mean fewer or cheaper legal entitlements (R8).`,
        ),
        { indicatorKey: item.indicatorKey, field },
      );
    const baseline = new Decimal(item.baseline);
    const target = new Decimal(item.target);
    if (baseline.equals(target))
      refuse(
        WIRKUNG_PROBLEMS['baseline-equals-target'],
        text(
          `indicators[${index}].target: Ausgangswert und Zielwert von ${item.indicatorKey} sind gleich (${item.target}); die Zielerreichung wäre nicht bestimmt.`,
          `indicators[${index}].target: baseline and target of ${item.indicatorKey} are equal.`,
        ),
        { indicatorKey: item.indicatorKey, field: `indicators[${index}].target` },
      );
    const improves = definition.direction === 'higher-is-better' ? target.greaterThan(baseline) : target.lessThan(baseline);
    if (!improves)
      refuse(
        WIRKUNG_PROBLEMS['target-not-an-improvement'],
        text(
          `indicators[${index}].target: Für ${item.indicatorKey} ist ${definition.direction === 'higher-is-better' ? 'ein höherer' : 'ein niedrigerer'} Wert besser; der Zielwert ${item.target} muss ${definition.direction === 'higher-is-better' ? 'über' : 'unter'} dem Ausgangswert ${item.baseline} liegen.`,
          `indicators[${index}].target: the target of ${item.indicatorKey} must improve on the baseline.`,
        ),
        { indicatorKey: item.indicatorKey, field: `indicators[${index}].target` },
      );
  }
  const open = openProposal(state);
  if (open)
    refuse(
      WIRKUNG_PROBLEMS['proposal-open'],
      text(
        `Der Vorschlag ${open.agreementId} vom ${open.proposedOn} ist noch offen; er wird erst beantwortet oder zurückgezogen.`,
        `Proposal ${open.agreementId} is still open.`,
      ),
      { agreementId: open.agreementId },
    );
  const version = state.versions.length + 1;
  return [
    {
      type: 'TargetAgreementProposed',
      data: {
        agreementId: `ZV-${cmd.sozialraumId}-${cmd.fiscalYear}-${version}`,
        version,
        sozialraumId: cmd.sozialraumId,
        fiscalYear: cmd.fiscalYear,
        proposedBy: cmd.party,
        proposerOrganisationId: cmd.organisationId,
        indicators: cmd.indicators.map((i) => ({ ...i })),
        bonus: cmd.bonus,
        reason: cmd.reason,
      },
    },
  ];
}

export type Answer = 'agree' | 'reject' | 'withdraw';

function findVersion(state: TargetAgreementState, agreementId: string): AgreementVersion {
  const found = state.versions.find((v) => v.agreementId === agreementId);
  if (!found)
    throw new NotFound(
      WIRKUNG_PROBLEMS['agreement-not-found'],
      text(`Die Zielvereinbarung ${agreementId} gibt es nicht.`, `No target agreement ${agreementId}.`),
    );
  return found;
}

/** Agreement and rejection come from the other party, a withdrawal from the proposer; only an open proposal is answered. */
export function decideAnswerTargetAgreement(
  cmd: { agreementId: string; answer: Answer; party: Party; organisationId: string; reason: string | null; fiscalYear: number },
  state: TargetAgreementState,
  facts: { yearClosed: boolean },
): TargetAgreementEvent[] {
  const version = findVersion(state, cmd.agreementId);
  refuseClosed(cmd.fiscalYear, facts.yearClosed);
  if (version.status !== 'proposed')
    refuse(
      WIRKUNG_PROBLEMS['agreement-not-open'],
      text(`Die Zielvereinbarung ${cmd.agreementId} ist nicht mehr offen (${version.status}).`, `Target agreement ${cmd.agreementId} is ${version.status}.`),
      { status: version.status },
    );
  if (cmd.answer === 'withdraw' && cmd.party !== version.proposedBy)
    refuse(
      WIRKUNG_PROBLEMS['withdrawal-by-proposer-only'],
      text('Zurückziehen kann nur die Seite, die vorgeschlagen hat.', 'Only the proposing party withdraws.'),
    );
  if (cmd.answer !== 'withdraw' && cmd.party === version.proposedBy)
    refuse(
      WIRKUNG_PROBLEMS['agreement-by-other-party-required'],
      text(
        'Zustimmen oder ablehnen kann nur die andere Seite: das Jugendamt einem Vorschlag des federführenden Trägers und umgekehrt.',
        'Only the other party agrees or rejects.',
      ),
    );
  const data: AgreementAnswer = { agreementId: cmd.agreementId, by: cmd.party, organisationId: cmd.organisationId, reason: cmd.reason };
  const type = cmd.answer === 'agree' ? 'TargetAgreementAgreed' : cmd.answer === 'reject' ? 'TargetAgreementRejected' : 'TargetAgreementWithdrawn';
  return [{ type, data }];
}
