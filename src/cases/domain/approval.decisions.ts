import { NotFound, refuse } from '../../../libs/ddd/domain-error';
import { Text, text } from '../../../libs/text/text';
import { addDays, firstDayOfMonth, lastDayOfMonth, monthOf, startOfYear, yearOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { BudgetContractTerms } from '../../budgets';
import { LegalBasis, RateType, Setting, defaultSetting, legalBasisLabel } from '../../shared/legal-basis';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { CASE_PROBLEMS } from '../cases.problems';
import { CaseStreamEvent, Classification, RateSegment, TerminationReason } from './case.events';
import { Approval, CaseState, activeInvoices, evolveCase } from './case-state';
import { CaseFacts, refuseClosedYears } from './closed-years';
import { rollInto, rollOverApprovals, withCommitments } from './commitments';
import { approvedAmountOfMonth, approvedDaysIn, segmentOn } from './approved-amounts';

export interface RateAgreementRef {
  agreementId: string;
  rateType: RateType;
  amount: string;
}

export interface RateInput {
  rateType?: RateType;
  rate?: string;
  hoursPerMonth?: string;
  rateReason?: string;
}

/** The kinds of rate in the German words of a Bescheid (the English texts name the rateType code). */
export const RATE_TYPE_NAMES: Record<RateType, string> = {
  monthly: 'Monatspauschale',
  hourly: 'Fachleistungsstundensatz',
  daily: 'Tagessatz',
};

/** An approved period in words: start – end, or start – open end. */
export function periodText(start: string, end: string | null): Text {
  return text(`${start} – ${end ?? 'unbefristet'}`, `${start} – ${end ?? 'open end'}`);
}

export function assertCaseExists(state: CaseState): void {
  if (state.caseRef === null) throw new NotFound(CASE_PROBLEMS['case-not-found'], text('Der Fall wurde nicht gefunden.', 'The case was not found.'));
}

export function approvalOf(state: CaseState, approvalId: string): Approval {
  const approval = state.approvals[approvalId];
  if (!approval) approvalNotFound(approvalId);
  return approval;
}

export function approvalNotFound(approvalId: string): never {
  throw new NotFound(CASE_PROBLEMS['approval-not-found'], text(`Die Bewilligung ${approvalId} wurde nicht gefunden.`, `Approval ${approvalId} was not found.`));
}

export function decideOpenCase(cmd: { caseRef: string; sozialraumId: string }, state: CaseState): CaseStreamEvent[] {
  if (state.caseRef !== null)
    refuse(CASE_PROBLEMS['case-exists'], text(`Der Fall ${cmd.caseRef} ist bereits angelegt.`, `Case ${cmd.caseRef} is already open.`));
  return [{ type: 'CaseOpened', data: { caseRef: cmd.caseRef, sozialraumId: cmd.sozialraumId } }];
}

/** R1: inside the budget unless the legal basis is excluded or the daily rate makes a Hochkostenfall. */
export function classify(
  legalBasis: LegalBasis,
  rateType: RateType,
  rate: Decimal,
  terms: BudgetContractTerms,
  contractVersion: number | null,
): Classification {
  return classifyWithText(legalBasis, rateType, rate, terms, contractVersion).classification;
}

/**
 * The classification and its explanation in both languages. The event keeps the explanation as
 * it always has (English); a refusal that cites it speaks both languages.
 */
function classifyWithText(
  legalBasis: LegalBasis,
  rateType: RateType,
  rate: Decimal,
  terms: BudgetContractTerms,
  contractVersion: number | null,
): { classification: Classification; explanation: Text } {
  const label = legalBasisLabel(legalBasis);
  const of = (reason: Classification['reason'], explanation: Text) => ({
    classification: { inBudget: reason === 'in-budget', reason, explanation: explanation.en, contractVersion },
    explanation,
  });
  if (terms.excludedLegalBases.includes(legalBasis)) {
    return of(
      'excluded-legal-basis',
      text(
        `${label} liegt nach dem geltenden Budgetvertrag außerhalb des Sozialraumbudgets`,
        `${label} is outside the Sozialraum budget under the contract in force`,
      ),
    );
  }
  if (rateType === 'daily' && rate.greaterThan(terms.highCostDailyRateThreshold)) {
    const [rateText, threshold] = [formatAmount(rate), formatAmount(terms.highCostDailyRateThreshold)];
    return of(
      'high-cost',
      text(
        `Hochkostenfall: Der Tagessatz von ${rateText} EUR liegt über der Grenze von ${threshold} EUR`,
        `Hochkostenfall: daily rate ${rateText} is above the threshold ${threshold}`,
      ),
    );
  }
  return of('in-budget', text(`${label} zählt zum fallspezifischen Budget`, `${label} counts against the fallspezifisch budget`));
}

/**
 * The rate of a segment: the provider's rate agreement in force unless another rate is given,
 * which needs a reason (R1 rate defaults, issue: "a different rate needs a reason").
 */
export function resolveRate(
  input: RateInput,
  agreement: RateAgreementRef | null,
): { rateType: RateType; rate: Decimal; agreementId: string | null; rateReason: string | null } {
  const rateType = input.rateType ?? agreement?.rateType;
  if (!rateType)
    refuse(
      CASE_PROBLEMS['rate-required'],
      text(
        'Für diesen Träger und diese Hilfeart gilt keine Entgeltvereinbarung; bitte rateType und rate angeben.',
        'There is no rate agreement in force for this provider and help; give rateType and rate.',
      ),
    );
  const rate = input.rate !== undefined ? new Decimal(input.rate) : agreement && agreement.rateType === rateType ? new Decimal(agreement.amount) : null;
  if (!rate)
    refuse(
      CASE_PROBLEMS['rate-required'],
      text(
        `Für diesen Träger und diese Hilfeart gilt keine Entgeltvereinbarung mit der Entgeltart ${RATE_TYPE_NAMES[rateType]}; bitte das Entgelt mit Begründung angeben.`,
        `There is no ${rateType} rate agreement in force for this provider and help; give the rate with a reason.`,
      ),
    );
  const followsAgreement = agreement !== null && agreement.rateType === rateType && rate.equals(agreement.amount);
  if (!followsAgreement && !input.rateReason) {
    refuse(
      CASE_PROBLEMS['rate-reason-required'],
      agreement
        ? text(
            `Die Entgeltvereinbarung ${agreement.agreementId} sieht als ${RATE_TYPE_NAMES[agreement.rateType]} ${agreement.amount} EUR vor; ein abweichendes Entgelt braucht eine Begründung (rateReason).`,
            `The rate agreement ${agreement.agreementId} says ${agreement.rateType} ${agreement.amount}; a different rate needs rateReason.`,
          )
        : text(
            'Es gilt keine Entgeltvereinbarung; ein Entgelt ohne Vereinbarung braucht eine Begründung (rateReason).',
            'No rate agreement is in force; a rate without agreement needs rateReason.',
          ),
      {
        agreement,
      },
    );
  }
  if (!rate.greaterThan(0)) refuse(SHARED_PROBLEMS['amount-not-positive'], text('Das Entgelt muss positiv sein.', 'The rate must be positive.'));
  return { rateType, rate, agreementId: followsAgreement ? agreement!.agreementId : null, rateReason: followsAgreement ? null : input.rateReason! };
}

function hoursFor(rateType: RateType, hoursPerMonth: string | undefined): string | null {
  if (rateType !== 'hourly') {
    if (hoursPerMonth !== undefined)
      refuse(
        CASE_PROBLEMS['hours-not-applicable'],
        text(
          'hoursPerMonth wird nur bei Fachleistungsstunden angegeben (rateType hourly).',
          'hoursPerMonth is only given for Fachleistungsstunden (rateType hourly).',
        ),
      );
    return null;
  }
  if (hoursPerMonth === undefined)
    refuse(CASE_PROBLEMS['hours-required'], text('Eine Bewilligung von Fachleistungsstunden braucht hoursPerMonth.', 'An FLS approval needs hoursPerMonth.'));
  if (!new Decimal(hoursPerMonth).greaterThan(0))
    refuse(CASE_PROBLEMS['hours-not-positive'], text('hoursPerMonth muss positiv sein.', 'hoursPerMonth must be positive.'));
  return hoursPerMonth;
}

/**
 * What an approval's rate and classification are decided on, looked up before: the rate
 * agreement in force for the provider when the scope begins, and the budget contract in force at
 * the Bescheid date (R1).
 */
export interface ScopeFacts {
  agreement: RateAgreementRef | null;
  terms: BudgetContractTerms;
  contractVersion: number | null;
}

export interface GrantApproval extends RateInput {
  legalBasis: LegalBasis;
  /** Stated setting; without it the legal basis's default (R12). */
  setting?: Setting;
  providerId: string;
  start: string;
  end: string | null;
  bescheidDate: string;
}

/**
 * Bewilligung. Never refused for budget reasons (R8): nothing here looks at the budget's figures;
 * the consequences (warnings, procedures) follow from the forecast the commitments move.
 */
export function decideGrantApproval(cmd: GrantApproval, state: CaseState, facts: CaseFacts & ScopeFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  if (cmd.end !== null && cmd.end < cmd.start)
    refuse(
      SHARED_PROBLEMS['invalid-period'],
      text(`Das Ende ${cmd.end} liegt vor dem Beginn ${cmd.start}.`, `The end ${cmd.end} is before the start ${cmd.start}.`),
    );
  const { rateType, rate, agreementId, rateReason } = resolveRate(cmd, facts.agreement);
  const hoursPerMonth = hoursFor(rateType, cmd.hoursPerMonth);
  const approvalId = `${state.caseRef}-B${state.approvalOrder.length + 1}`;
  const segment: RateSegment = { from: cmd.start, providerId: cmd.providerId, rate: formatAmount(rate), hoursPerMonth, agreementId, rateReason };
  const granted: CaseStreamEvent = {
    type: 'ApprovalGranted',
    data: {
      approvalId,
      caseRef: state.caseRef!,
      sozialraumId: state.sozialraumId!,
      legalBasis: cmd.legalBasis,
      setting: cmd.setting ?? defaultSetting(cmd.legalBasis),
      rateType,
      bescheidDate: cmd.bescheidDate,
      start: cmd.start,
      end: cmd.end,
      segment,
      classification: classify(cmd.legalBasis, rateType, rate, facts.terms, facts.contractVersion),
      committedThrough: Math.max(yearOf(cmd.start), yearOf(cmd.bescheidDate)),
    },
    businessDate: cmd.bescheidDate,
  };
  // The Bescheid date is the decision's business date.
  return refuseClosedYears(
    cmd.bescheidDate,
    state,
    withCommitments(state, [granted], approvalId, cmd.bescheidDate, { recorded: 'approval', released: 'approval' }),
    facts,
  );
}

function assertRunning(approval: Approval): void {
  if (approval.termination) {
    refuse(
      CASE_PROBLEMS['approval-terminated'],
      text(
        `Die Bewilligung ${approval.approvalId} wurde zum ${approval.termination.effectiveEnd} beendet.`,
        `Approval ${approval.approvalId} was terminated effective ${approval.termination.effectiveEnd}.`,
      ),
    );
  }
}

/** Invoiced (not rejected or reversed) months after a date: a change there needs a reversal first. */
function invoicedAfter(state: CaseState, approvalId: string, date: string): string[] {
  return activeInvoices(state, approvalId)
    .filter((i) => lastDayOfMonth(i.serviceMonth) > date)
    .map((i) => i.serviceMonth);
}

/** The scope an extension's Bescheid sets for the extended period; omitted fields keep the scope at the current end. */
export interface ScopeInput {
  providerId?: string;
  rate?: string;
  hoursPerMonth?: string;
  rateReason?: string;
}

export interface ExtendApproval extends ScopeInput {
  approvalId: string;
  newEnd: string | null;
  reason: string;
  businessDate: string;
}

/** The rate and contract a new scope is decided on; null when the command sets none or its approval is unknown. */
export interface ScopeChangeFacts extends CaseFacts {
  scope: ScopeFacts | null;
}

export const hasScope = (input: ScopeInput) =>
  input.providerId !== undefined || input.rate !== undefined || input.hoursPerMonth !== undefined || input.rateReason !== undefined;

/**
 * First day an extension's new scope applies: the day after the current end. A monthly or FLS
 * rate is per calendar month (R3), so the month of a mid-month end stays approved at the old
 * scope and the new one starts with the next month.
 */
export function extensionScopeFrom(approval: Pick<Approval, 'end' | 'rateType'>): string {
  const next = addDays(approval.end!, 1);
  return approval.rateType === 'daily' || next === firstDayOfMonth(monthOf(next)) ? next : addDays(lastDayOfMonth(monthOf(next)), 1);
}

/**
 * Verlängerung. One Bescheid is one decision: when it also sets a new scope (hours, rate,
 * provider) for the extended period, the extension event carries that scope, so the commitments
 * are reconciled once (one set of ledger events for the difference, one forecast change) instead
 * of an extension at the old scope followed by a correction.
 */
export function decideExtendApproval(cmd: ExtendApproval, state: CaseState, facts: ScopeChangeFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const approval = approvalOf(state, cmd.approvalId);
  assertRunning(approval);
  if (approval.end === null)
    refuse(
      CASE_PROBLEMS['already-open-ended'],
      text(`Die Bewilligung ${approval.approvalId} hat kein Ende, das verlängert werden könnte.`, `Approval ${approval.approvalId} has no end to extend.`),
    );
  if (cmd.newEnd !== null && cmd.newEnd <= approval.end) {
    refuse(
      CASE_PROBLEMS['not-an-extension'],
      text(
        `Das neue Ende ${cmd.newEnd} liegt nicht nach dem bisherigen Ende ${approval.end}; für ein früheres Ende ist die Bewilligung zu beenden.`,
        `The new end ${cmd.newEnd} is not after the current end ${approval.end}; use a termination to end earlier.`,
      ),
    );
  }
  let segment: RateSegment | undefined;
  if (hasScope(cmd)) {
    if (!facts.scope) throw new Error('an extension with a new scope needs the rate agreement and contract terms');
    const from = extensionScopeFrom(approval);
    if (cmd.newEnd !== null && from > cmd.newEnd) {
      refuse(
        CASE_PROBLEMS['change-not-at-month-start'],
        text(
          `Ein Entgelt als ${RATE_TYPE_NAMES[approval.rateType]} gilt je Kalendermonat (R3): Die Verlängerung bis ${cmd.newEnd} bleibt im Monat des bisherigen Endes ${approval.end}, ein neuer Umfang gälte also für keinen Monat; bitte darüber hinaus verlängern oder den Umfang beibehalten.`,
          `A ${approval.rateType} rate is per calendar month (R3): the extension to ${cmd.newEnd} stays in the month of the current end ${approval.end}, so a new scope would apply to no month; extend beyond it or keep the scope.`,
        ),
      );
    }
    segment = scopeSegment(approval, from, cmd, facts.scope);
  }
  const committedThrough =
    cmd.newEnd === null
      ? Math.max(approval.committedThrough, yearOf(approval.end), yearOf(cmd.businessDate))
      : Math.max(approval.committedThrough, yearOf(cmd.newEnd));
  const extended: CaseStreamEvent = {
    type: 'ApprovalExtended',
    data: {
      approvalId: approval.approvalId,
      previousEnd: approval.end,
      newEnd: cmd.newEnd,
      committedThrough,
      reason: cmd.reason,
      ...(segment ? { segment } : {}),
    },
  };
  return refuseClosedYears(
    cmd.businessDate,
    state,
    withCommitments(state, [extended], approval.approvalId, cmd.businessDate, { recorded: 'extension', released: 'extension' }),
    facts,
  );
}

/**
 * The rate segment a new scope from `from` makes, validated like every scope: the rate follows
 * the agreement in force then or has a reason, rate and hours are positive, and the approval
 * keeps its classification (R1). Omitted fields keep the segment in force on `from`; a new
 * provider takes its own agreement, not the old provider's rate.
 */
function scopeSegment(approval: Approval, from: string, input: ScopeInput, facts: ScopeFacts): RateSegment {
  const current = segmentOn(approval, from);
  const providerId = input.providerId ?? current.providerId;
  const providerChanged = providerId !== current.providerId;
  const rateInput: RateInput = {
    rateType: approval.rateType,
    rate: input.rate ?? (providerChanged ? undefined : current.rate),
    rateReason: input.rateReason ?? (input.rate === undefined && !providerChanged ? (current.rateReason ?? undefined) : undefined),
  };
  const { rate, agreementId, rateReason } = resolveRate(rateInput, facts.agreement);
  const hoursPerMonth =
    approval.rateType === 'hourly'
      ? hoursFor('hourly', input.hoursPerMonth ?? current.hoursPerMonth ?? undefined)
      : hoursFor(approval.rateType, input.hoursPerMonth);
  const { classification, explanation } = classifyWithText(approval.legalBasis, approval.rateType, rate, facts.terms, facts.contractVersion);
  if (classification.inBudget !== approval.classification.inBudget) {
    refuse(
      CASE_PROBLEMS['classification-would-change'],
      text(
        `${explanation.de}; eine Bewilligung behält ihre Zuordnung (${approval.classification.reason}): Sie ist zu beenden und eine neue Bewilligung zu erteilen.`,
        `${explanation.en}; an approval keeps its classification (${approval.classification.reason}): end it and grant a new one.`,
      ),
    );
  }
  return { from, providerId, rate: formatAmount(rate), hoursPerMonth, agreementId, rateReason };
}

export interface ChangeScope extends ScopeInput {
  approvalId: string;
  from: string;
  reason: string;
  businessDate: string;
}

/** Change of scope (hours, rate, provider) from a date; commitments from then on follow it. */
export function decideChangeScope(cmd: ChangeScope, state: CaseState, facts: ScopeChangeFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  assertRunning(approvalOf(state, cmd.approvalId));
  if (!facts.scope) throw new Error('a change of scope needs the rate agreement and contract terms');
  // R5: a change in a later year of an open-ended approval first carries its commitment into that year.
  const rolled = rollInto(state, cmd.approvalId, yearOf(cmd.from));
  return refuseClosedYears(cmd.businessDate, state, [...rolled, ...changeScope(cmd, rolled.reduce(evolveCase, state), facts.scope)], facts);
}

function changeScope(cmd: ChangeScope, state: CaseState, scope: ScopeFacts): CaseStreamEvent[] {
  const approval = approvalOf(state, cmd.approvalId);
  if (cmd.from < approval.start || (approval.end !== null && cmd.from > approval.end)) {
    const period = periodText(approval.start, approval.end);
    refuse(
      CASE_PROBLEMS['outside-approved-period'],
      text(
        `Die Änderung ab ${cmd.from} liegt außerhalb des Bewilligungszeitraums ${period.de}.`,
        `The change from ${cmd.from} is outside the approved period ${period.en}.`,
      ),
    );
  }
  if (approval.rateType !== 'daily' && cmd.from !== firstDayOfMonth(monthOf(cmd.from)) && cmd.from !== approval.start) {
    refuse(
      CASE_PROBLEMS['change-not-at-month-start'],
      text(
        `Ein Entgelt als ${RATE_TYPE_NAMES[approval.rateType]} gilt je Kalendermonat (R3); eine Änderung wirkt zum Ersten eines Monats, nicht zum ${cmd.from}.`,
        `A ${approval.rateType} rate is per calendar month (R3); a change takes effect on the first of a month, not ${cmd.from}.`,
      ),
    );
  }
  const invoiced = invoicedAfter(state, approval.approvalId, dayBefore(cmd.from));
  if (invoiced.length) {
    refuse(
      CASE_PROBLEMS['months-already-invoiced'],
      text(
        `Die Monate ${invoiced.join(', ')} sind zum bisherigen Umfang abgerechnet; diese Rechnungen sind zuerst zu stornieren oder zurückzuweisen.`,
        `The months ${invoiced.join(', ')} are invoiced at the old scope; reverse or reject those invoices first.`,
      ),
      { months: invoiced },
    );
  }
  const segment = scopeSegment(approval, cmd.from, cmd, scope);
  const changed: CaseStreamEvent = { type: 'ApprovalScopeChanged', data: { approvalId: approval.approvalId, segment, reason: cmd.reason } };
  return withCommitments(state, [changed], approval.approvalId, cmd.businessDate, { recorded: 'scope-change', released: 'scope-change' });
}

/** Invoices of months ending after the day before a change overlap it. */
const dayBefore = (date: string) => addDays(date, -1);

export interface TerminateApproval {
  approvalId: string;
  reason: TerminationReason;
  effectiveEnd: string;
  note: string | null;
  businessDate: string;
}

/** Termination (planmäßig, Abbruch, Zuständigkeitswechsel): commitments after the effective end are released. */
export function decideTerminateApproval(cmd: TerminateApproval, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  assertCaseExists(state);
  const approval = approvalOf(state, cmd.approvalId);
  assertRunning(approval);
  if (cmd.effectiveEnd < approval.start)
    refuse(
      SHARED_PROBLEMS['invalid-period'],
      text(
        `Das Ende ${cmd.effectiveEnd} liegt vor dem Beginn ${approval.start}.`,
        `The effective end ${cmd.effectiveEnd} is before the start ${approval.start}.`,
      ),
    );
  if (approval.end !== null && cmd.effectiveEnd > approval.end) {
    refuse(
      CASE_PROBLEMS['not-a-termination'],
      text(
        `Das Ende ${cmd.effectiveEnd} liegt nach dem bewilligten Ende ${approval.end}; dafür ist die Bewilligung zu verlängern.`,
        `The effective end ${cmd.effectiveEnd} is after the approved end ${approval.end}; use an extension.`,
      ),
    );
  }
  const terminated: CaseStreamEvent = {
    type: 'ApprovalTerminated',
    data: { approvalId: approval.approvalId, reason: cmd.reason, effectiveEnd: cmd.effectiveEnd, note: cmd.note },
  };
  const endMonth = monthOf(cmd.effectiveEnd);
  const later = invoicedAfter(state, approval.approvalId, cmd.effectiveEnd).filter((m) => m > endMonth);
  // The month of the end: an invoice must still fit what the shortened period approves there
  // (days of presence for a daily rate; the approved amount of the month otherwise).
  const shortened = evolveCase(state, terminated).approvals[approval.approvalId];
  const overBilled = activeInvoices(state, approval.approvalId)
    .filter((i) => i.serviceMonth === endMonth)
    .filter((i) => {
      if (approval.rateType === 'daily' && i.quantity !== null) {
        const days = approvedDaysIn(shortened, endMonth).filter((day) => segmentOn(shortened, day).providerId === i.providerId).length;
        return new Decimal(i.quantity).greaterThan(days);
      }
      return new Decimal(i.amount).greaterThan(approvedAmountOfMonth(shortened, endMonth).get(i.providerId) ?? 0);
    })
    .map((i) => i.serviceMonth);
  if (later.length || overBilled.length) {
    const months = [...later, ...overBilled].join(', ');
    refuse(
      CASE_PROBLEMS['months-already-invoiced'],
      text(
        `Leistungen nach dem ${cmd.effectiveEnd} sind bereits abgerechnet (${months}); diese Rechnungen sind zuerst zu stornieren oder zurückzuweisen.`,
        `Service after ${cmd.effectiveEnd} is already invoiced (${months}); reverse or reject those invoices first.`,
      ),
      {
        months: [...later, ...overBilled],
      },
    );
  }
  return refuseClosedYears(
    cmd.businessDate,
    state,
    withCommitments(state, [terminated], approval.approvalId, cmd.businessDate, { recorded: 'termination', released: 'termination' }),
    facts,
  );
}

/** Year close: every open-ended approval still running carries its commitment into the next year (R5: on 01.01.). */
export function decideRollOver(cmd: { fiscalYear: number }, state: CaseState, facts: CaseFacts): CaseStreamEvent[] {
  return refuseClosedYears(startOfYear(cmd.fiscalYear + 1), state, rollOverApprovals(state, cmd.fiscalYear), facts);
}
