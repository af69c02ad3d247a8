import { DomainError, refuse, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { BUDGET_PROBLEMS } from '../budgets.problems';
import { Decimal, ZERO, formatAmount } from '../../../libs/money';
import { BUDGET_CATEGORIES, BudgetCategory, CATEGORY_NAMES, isFlexible } from '../../shared/budget-category';
import { CategoryAmounts, Party, SozialraumBudgetEvent } from './sozialraum-budget.events';
import { PerCategory, SozialraumBudgetState, availableIn } from './sozialraum-budget';

/** The Sozialraum-year a command acts on: the budget stream it is decided on. */
export interface SozialraumYear {
  sozialraumId: string;
  fiscalYear: number;
}

/** The budget must exist; bookings and planning changes are refused once the year is closed. */
export function assertBookable(state: SozialraumBudgetState, { sozialraumId, fiscalYear }: SozialraumYear): void {
  if (state.status === 'none') {
    throw new NotFound(
      SHARED_PROBLEMS['budget-not-found'],
      text(
        `Für den Sozialraum ${sozialraumId} gibt es kein Budget für das Haushaltsjahr ${fiscalYear}.`,
        `There is no budget of ${sozialraumId} for ${fiscalYear}.`,
      ),
    );
  }
  if (state.status === 'closed') {
    refuse(
      SHARED_PROBLEMS['fiscal-year-closed'],
      text(
        `Das Haushaltsjahr ${fiscalYear} des Sozialraums ${sozialraumId} ist abgeschlossen und nimmt keine Buchungen mehr an.`,
        `The fiscal year ${fiscalYear} of ${sozialraumId} is closed and accepts no bookings.`,
      ),
    );
  }
}

export interface AllocateBudget extends SozialraumYear {
  planned: PerCategory<Decimal>;
  decisionReference: string | null;
  reason: string;
}

export interface AllocateFacts {
  /** Whether the master data knows the Sozialraum. */
  sozialraumRegistered: boolean;
}

export function decideAllocate(command: AllocateBudget, state: SozialraumBudgetState, facts: AllocateFacts): SozialraumBudgetEvent[] {
  if (!facts.sozialraumRegistered) {
    throw new NotFound(
      SHARED_PROBLEMS['sozialraum-not-found'],
      text(`Der Sozialraum ${command.sozialraumId} ist nicht registriert.`, `Sozialraum ${command.sozialraumId} is not registered.`),
    );
  }
  if (state.status !== 'none') {
    throw new DomainError(
      BUDGET_PROBLEMS['budget-exists'],
      text(
        `Das Budget des Sozialraums ${command.sozialraumId} für ${command.fiscalYear} ist bereits zugewiesen; Änderungen gehen nur über einen Nachtrag.`,
        `The budget of ${command.sozialraumId} for ${command.fiscalYear} is allocated already; amend it instead.`,
      ),
    );
  }
  const total = BUDGET_CATEGORIES.reduce((sum, c) => sum.plus(command.planned[c]), ZERO);
  if (total.isZero()) {
    refuse(
      BUDGET_PROBLEMS['budget-empty'],
      text(
        'Ein Sozialraumbudget braucht in mindestens einer Kategorie einen geplanten Betrag.',
        'A Sozialraum budget needs a planned amount in at least one category.',
      ),
    );
  }
  return [
    {
      type: 'BudgetAllocated',
      data: {
        sozialraumId: command.sozialraumId,
        fiscalYear: command.fiscalYear,
        planned: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, formatAmount(command.planned[c])])) as CategoryAmounts,
        total: formatAmount(total),
        decisionReference: command.decisionReference,
        reason: command.reason,
      },
    },
  ];
}

export interface OpenBudget extends SozialraumYear {
  reason: string;
}

export function decideOpen(command: OpenBudget, state: SozialraumBudgetState): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  if (state.status !== 'planned') {
    refuse(
      BUDGET_PROBLEMS['budget-already-open'],
      text(
        `Das Budget des Sozialraums ${command.sozialraumId} für ${command.fiscalYear} ist bereits zur Bewirtschaftung freigegeben.`,
        `The budget of ${command.sozialraumId} for ${command.fiscalYear} is open already.`,
      ),
    );
  }
  return [{ type: 'BudgetOpened', data: { reason: command.reason } }];
}

export interface AmendBudget extends SozialraumYear {
  category: BudgetCategory;
  newAmount: Decimal;
  reason: string;
  decisionReference: string;
}

export interface AmendFacts {
  /** Money bound in the category outside this stream (approvals in FS), as known now. */
  boundElsewhere: Decimal;
}

/** The Nachtrag: never below what is committed or spent in the category (R11 floor). */
export function decideAmend(command: AmendBudget, state: SozialraumBudgetState, facts: AmendFacts): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  const previous = state.planned[command.category];
  if (command.newAmount.equals(previous)) {
    refuse(
      BUDGET_PROBLEMS['no-change'],
      text(
        `Die Kategorie ${CATEGORY_NAMES[command.category]} ist bereits mit ${formatAmount(previous)} EUR geplant.`,
        `${capitalised(CATEGORY_NAMES[command.category])} is planned at ${formatAmount(previous)} already.`,
      ),
    );
  }
  const bound = state.bound[command.category].plus(facts.boundElsewhere);
  if (command.newAmount.lessThan(bound)) {
    refuse(
      BUDGET_PROBLEMS['amount-below-commitments'],
      text(
        `In der Kategorie ${CATEGORY_NAMES[command.category]} sind ${formatAmount(bound)} EUR gebunden oder ausgegeben; sie kann nicht niedriger geplant werden.`,
        `${capitalised(CATEGORY_NAMES[command.category])} has ${formatAmount(bound)} committed or spent; it cannot be planned lower.`,
      ),
      {
        committed: formatAmount(bound),
      },
    );
  }
  return [
    {
      type: 'BudgetAmended',
      data: {
        category: command.category,
        previousAmount: formatAmount(previous),
        newAmount: formatAmount(command.newAmount),
        delta: formatAmount(command.newAmount.minus(previous)),
        reason: command.reason,
        decisionReference: command.decisionReference,
      },
    },
  ];
}

export interface ProposeReallocation extends SozialraumYear {
  from: BudgetCategory;
  to: BudgetCategory;
  amount: Decimal;
  reason: string;
  /** The acting user's organisation (the Jugendamt's tenant or the lead provider). */
  organisationId: string;
}

/** Who takes part in a reallocation, and the money committed outside the stream in its source. */
export interface ReallocationFacts {
  /** The party the acting user speaks for, as the master data says on the recording day. */
  party: Party;
  /** FS money bound by approvals in the category money would leave (zero for flexible money). */
  boundElsewhereInFrom: Decimal;
}

/** Proposals are numbered per budget: UMS-2025-1, UMS-2025-2, ... */
export function nextProposalId(state: SozialraumBudgetState, fiscalYear: number): string {
  return `UMS-${fiscalYear}-${state.proposalsMade + 1}`;
}

/** R11: money already committed cannot be moved away. */
function assertMovable(state: SozialraumBudgetState, from: BudgetCategory, amount: Decimal, boundElsewhere: Decimal): void {
  const movable = availableIn(state, from, boundElsewhere);
  if (amount.greaterThan(movable)) {
    refuse(
      BUDGET_PROBLEMS['reallocation-moves-committed-money'],
      text(
        `In der Kategorie ${CATEGORY_NAMES[from]} sind nur ${formatAmount(Decimal.max(movable, ZERO))} EUR nicht gebunden; ${formatAmount(amount)} EUR können nicht umgeschichtet werden.`,
        `Only ${formatAmount(Decimal.max(movable, ZERO))} of ${CATEGORY_NAMES[from]} is not committed; ${formatAmount(amount)} cannot be moved.`,
      ),
      {
        movable: formatAmount(Decimal.max(movable, ZERO)),
      },
    );
  }
}

/** R11: either party proposes; nothing moves before the other agrees. */
export function decideProposeReallocation(command: ProposeReallocation, state: SozialraumBudgetState, facts: ReallocationFacts): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  if (command.from === command.to) {
    refuse(
      BUDGET_PROBLEMS['reallocation-same-category'],
      text('Eine Umschichtung bewegt Mittel zwischen zwei verschiedenen Kategorien.', 'A reallocation moves money between two different categories.'),
    );
  }
  if (!command.amount.greaterThan(0)) {
    refuse(SHARED_PROBLEMS['amount-not-positive'], text('Eine Umschichtung bewegt einen positiven Betrag.', 'A reallocation moves a positive amount.'));
  }
  const proposalId = nextProposalId(state, command.fiscalYear);
  // A stream recorded under another numbering may hold the id already.
  if (state.openProposals.some((p) => p.proposalId === proposalId)) {
    throw new DomainError(
      BUDGET_PROBLEMS['proposal-exists'],
      text(`Der Umschichtungsvorschlag ${proposalId} ist bereits vorhanden.`, `Proposal ${proposalId} exists already.`),
    );
  }
  assertMovable(state, command.from, command.amount, facts.boundElsewhereInFrom);
  return [
    {
      type: 'ReallocationProposed',
      data: {
        proposalId,
        from: command.from,
        to: command.to,
        amount: formatAmount(command.amount),
        reason: command.reason,
        proposedBy: facts.party,
        proposerOrganisationId: command.organisationId,
      },
    },
  ];
}

function openProposal(state: SozialraumBudgetState, proposalId: string) {
  const proposal = state.openProposals.find((p) => p.proposalId === proposalId);
  if (!proposal) {
    throw new NotFound(
      BUDGET_PROBLEMS['proposal-not-open'],
      text(`Es gibt keinen offenen Umschichtungsvorschlag ${proposalId}.`, `There is no open reallocation proposal ${proposalId}.`),
    );
  }
  return proposal;
}

export interface AnswerReallocation extends SozialraumYear {
  proposalId: string;
  organisationId: string;
  reason: string;
  /** Business date of the answer; an answer cannot precede the proposal. */
  businessDate?: string;
}

/** A rejection or withdrawal needs only the answering party; an agreement needs `ReallocationFacts`. */
export type AnswerFacts = Pick<ReallocationFacts, 'party'>;

/** The answer's business date may not lie before the proposal's. */
function answeredProposal(state: SozialraumBudgetState, command: AnswerReallocation) {
  const proposal = openProposal(state, command.proposalId);
  if (command.businessDate && proposal.proposedOn && command.businessDate < proposal.proposedOn) {
    refuse(
      BUDGET_PROBLEMS['answer-before-proposal'],
      text(
        `Der Umschichtungsvorschlag ${proposal.proposalId} wurde am ${proposal.proposedOn} gemacht; er kann nicht am ${command.businessDate} beantwortet werden.`,
        `Proposal ${proposal.proposalId} was made on ${proposal.proposedOn}; it cannot be answered on ${command.businessDate}.`,
      ),
      {
        proposedOn: proposal.proposedOn,
      },
    );
  }
  return proposal;
}

/** R11: effective only when the other party agrees; the proposing party cannot agree itself. */
export function decideAgreeReallocation(command: AnswerReallocation, state: SozialraumBudgetState, facts: ReallocationFacts): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  const proposal = answeredProposal(state, command);
  if (proposal.proposedBy === facts.party) {
    refuse(
      BUDGET_PROBLEMS['agreement-by-other-party-required'],
      proposal.proposedBy === 'jugendamt'
        ? text(
            'Das Jugendamt hat diese Umschichtung vorgeschlagen; nur die andere Seite kann zustimmen.',
            'The Jugendamt proposed this reallocation; only the other party can agree.',
          )
        : text(
            'Der federführende Träger hat diese Umschichtung vorgeschlagen; nur die andere Seite kann zustimmen.',
            'The lead provider proposed this reallocation; only the other party can agree.',
          ),
    );
  }
  const amount = new Decimal(proposal.amount);
  assertMovable(state, proposal.from, amount, facts.boundElsewhereInFrom);
  return [
    {
      type: 'ReallocationAgreed',
      data: {
        proposalId: proposal.proposalId,
        from: proposal.from,
        to: proposal.to,
        amount: proposal.amount,
        agreedBy: facts.party,
        agreerOrganisationId: command.organisationId,
      },
    },
  ];
}

export function decideRejectReallocation(command: AnswerReallocation, state: SozialraumBudgetState, facts: AnswerFacts): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  const proposal = answeredProposal(state, command);
  if (proposal.proposedBy === facts.party) {
    refuse(
      BUDGET_PROBLEMS['rejection-by-other-party-required'],
      text(
        'Die vorschlagende Seite lehnt ihren Vorschlag nicht ab, sondern zieht ihn zurück.',
        'The proposing party withdraws its proposal instead of rejecting it.',
      ),
    );
  }
  return [{ type: 'ReallocationRejected', data: { proposalId: proposal.proposalId, reason: command.reason, by: facts.party } }];
}

export function decideWithdrawReallocation(command: AnswerReallocation, state: SozialraumBudgetState, facts: AnswerFacts): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  const proposal = answeredProposal(state, command);
  if (proposal.proposedBy !== facts.party) {
    refuse(
      BUDGET_PROBLEMS['withdrawal-by-proposer-required'],
      text(
        'Nur die vorschlagende Seite kann ihren Vorschlag zurückziehen; die andere Seite lehnt ihn ab.',
        'Only the proposing party can withdraw its proposal; the other party rejects it.',
      ),
    );
  }
  return [{ type: 'ReallocationWithdrawn', data: { proposalId: proposal.proposalId, reason: command.reason, by: facts.party } }];
}

export interface FreezeBudget extends SozialraumYear {
  /** True to impose a freeze (Haushaltssperre), false to lift it. */
  imposed: boolean;
  categories: BudgetCategory[];
  reason: string;
}

/** R8: a freeze stops only new commitments of flexible money. */
export function decideFreeze(command: FreezeBudget, state: SozialraumBudgetState): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  const { imposed, categories, reason } = command;
  const inflexible = categories.filter((c) => !isFlexible(c));
  if (inflexible.length) {
    refuse(
      BUDGET_PROBLEMS['freeze-only-flexible'],
      text(
        'Rechtsansprüche werden nie gesperrt (R8): Nur fallübergreifende (FUE) und fallunspezifische (FU) Mittel können gesperrt werden.',
        'Legal entitlements are never blocked (R8): only fallübergreifend (FUE) and fallunspezifisch (FU) money can be frozen.',
      ),
    );
  }
  const changing = [...new Set(categories)].filter((c) => state.frozen[c] !== imposed);
  if (changing.length === 0) {
    const listed = categories.join(', ');
    if (imposed) {
      refuse(BUDGET_PROBLEMS['already-frozen'], text(`Die Mittel in ${listed} sind bereits gesperrt.`, `${listed} is frozen already.`));
    }
    refuse(BUDGET_PROBLEMS['not-frozen'], text(`Die Mittel in ${listed} sind nicht gesperrt.`, `${listed} is not frozen.`));
  }
  return [{ type: imposed ? 'BudgetFreezeImposed' : 'BudgetFreezeLifted', data: { categories: changing, reason } }];
}

export interface CloseBudget extends SozialraumYear {
  reason: string;
}

export function decideClose(command: CloseBudget, state: SozialraumBudgetState): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  return [{ type: 'BudgetClosed', data: { reason: command.reason } }];
}

/** The settlement of an earlier year (R10), as steering calculated it. */
export interface Settlement {
  settlementId: string;
  fromFiscalYear: number;
  kind: 'carry-forward' | 'malus' | 'none';
  amount: Decimal;
  /** R12 performance bonus of the evaluation confirmed with the settlement (0 without one). */
  bonus?: Decimal;
}

/** Applies a settlement to the budget of the Sozialraum-year after the settled one. */
export interface ApplySettlement extends SozialraumYear, Settlement {}

/** R10: carry-forward adds to, a Malus reduces, next year's fallunspezifisch budget; once per settlement. */
export function decideApplySettlement(command: ApplySettlement, state: SozialraumBudgetState): SozialraumBudgetEvent[] {
  assertBookable(state, command);
  if (state.settlementsApplied.includes(command.settlementId)) return [];
  const base = { settlementId: command.settlementId, fromFiscalYear: command.fromFiscalYear, category: 'FU' as BudgetCategory };
  const events: SozialraumBudgetEvent[] = [];
  if (command.kind !== 'none')
    events.push({ type: command.kind === 'carry-forward' ? 'SavingsCarriedForward' : 'MalusApplied', data: { ...base, amount: formatAmount(command.amount) } });
  // One append: settlement and bonus are confirmed together and land together (R12).
  if (command.bonus && !command.bonus.isZero()) events.push({ type: 'PerformanceBonusApplied', data: { ...base, amount: formatAmount(command.bonus) } });
  return events;
}

function capitalised(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
