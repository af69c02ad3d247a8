import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { FLEXIBLE_PROBLEMS } from '../flexible.problems';
import { monthOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { SozialraumYear, assertBookable } from '../../budgets';
import { assertWithinDiscretionaryLimit } from './discretionary-limit';
import { assertBescheidInTime, commitmentDate, isInFiscalYear } from './fiscal-year-dates';
import { FlexibleBudgetState } from './flexible-budget';
import { activityDimensions } from './flexible-ledger';
import { Activity, ActivityStatus } from './flexible-state';
import { FlexibleStreamEvent } from './flexible-stream-event';
import { FlexibleCategory } from './flexible.events';
import { activityOf } from './lookups';

export interface ReportActivity extends SozialraumYear {
  providerId: string;
  category: FlexibleCategory;
  activityDate: string;
  amount: Decimal;
  description: string;
  evidenceReference: string | null;
}

export function nextActivityId(state: FlexibleBudgetState, fiscalYear: number): string {
  return `AKT-${fiscalYear}-${state.flexible.activitiesReported + 1}`;
}

export interface ReportActivityFacts {
  /** The Trägerverbund of the Sozialraum on the activity date, as the master data records it. */
  verbund: { leadProviderId: string; memberIds: string[] } | null;
}

/**
 * A provider announces a planned activity; nothing is committed before the Jugendamt approves
 * (R8). It reports activities of the Sozialraum whose Trägerverbund it belongs to (lead or
 * member) on the activity date.
 */
export function decideReportActivity(command: ReportActivity, state: FlexibleBudgetState, { verbund }: ReportActivityFacts): FlexibleStreamEvent[] {
  const { sozialraumId, fiscalYear } = command;
  assertBookable(state.budget, command);
  if (!isInFiscalYear(command.activityDate, fiscalYear)) {
    refuse(
      FLEXIBLE_PROBLEMS['activity-outside-fiscal-year'],
      text(
        `Eine Aktivität am ${command.activityDate} wird nicht aus dem Budget des Haushaltsjahres ${fiscalYear} bezahlt.`,
        `An activity on ${command.activityDate} is not paid from the budget of ${fiscalYear}.`,
      ),
    );
  }
  if (!verbund || (verbund.leadProviderId !== command.providerId && !verbund.memberIds.includes(command.providerId))) {
    refuse(
      FLEXIBLE_PROBLEMS['provider-not-in-traegerverbund'],
      text(
        `Der Träger ${command.providerId} gehört am ${command.activityDate} nicht zum Trägerverbund des Sozialraums ${sozialraumId}.`,
        `${command.providerId} is not a member of the Trägerverbund of ${sozialraumId} on ${command.activityDate}.`,
      ),
      {
        providerId: command.providerId,
      },
    );
  }
  if (!command.amount.greaterThan(0)) {
    refuse(
      SHARED_PROBLEMS['amount-not-positive'],
      text('Die Kosten einer geplanten Aktivität müssen ein positiver Betrag sein.', 'A planned activity costs a positive amount.'),
    );
  }
  return [
    {
      type: 'FlexibleActivityReported',
      data: {
        activityId: nextActivityId(state, fiscalYear),
        providerId: command.providerId,
        category: command.category,
        activityDate: command.activityDate,
        month: monthOf(command.activityDate),
        amount: formatAmount(command.amount),
        description: command.description,
        evidenceReference: command.evidenceReference,
      },
    },
  ];
}

/** An activity's status in a German sentence ("Die Aktivität … ist gemeldet"). */
const ACTIVITY_STATUS_DE: Record<ActivityStatus, string> = { reported: 'gemeldet', approved: 'bewilligt', rejected: 'abgelehnt', settled: 'abgerechnet' };

function assertUndecided(activity: Activity): void {
  if (activity.status !== 'reported') {
    refuse(
      FLEXIBLE_PROBLEMS['activity-already-decided'],
      text(
        `Die Aktivität ${activity.activityId} wurde bereits am ${activity.decidedOn} ${activity.status === 'rejected' ? 'abgelehnt' : 'bewilligt'}.`,
        `Activity ${activity.activityId} was ${activity.status === 'rejected' ? 'rejected' : 'approved'} on ${activity.decidedOn}.`,
      ),
    );
  }
}

export interface ApproveActivity extends SozialraumYear {
  activityId: string;
  /** Approved amount; default the reported one, never more (a higher amount is a new report). */
  amount: Decimal | null;
  bescheidDate: string;
}

/** Approval commits the money in the month of the activity (R3, R5), within the discretionary limit. */
export function decideApproveActivity(command: ApproveActivity, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  const { fiscalYear } = command;
  assertBookable(state.budget, command);
  const activity = activityOf(state, command.activityId);
  assertUndecided(activity);
  assertBescheidInTime(command.bescheidDate, fiscalYear);
  const amount = command.amount ?? activity.requested;
  if (!amount.greaterThan(0)) {
    refuse(
      SHARED_PROBLEMS['amount-not-positive'],
      text(
        'Eine Bewilligung bindet einen positiven Betrag; andernfalls ist die Aktivität abzulehnen.',
        'An approval commits a positive amount; reject the activity instead.',
      ),
    );
  }
  if (amount.greaterThan(activity.requested)) {
    refuse(
      FLEXIBLE_PROBLEMS['approval-exceeds-request'],
      text(
        `${formatAmount(amount)} EUR sind mehr als die gemeldeten ${formatAmount(activity.requested)} EUR.`,
        `${formatAmount(amount)} is more than the reported ${formatAmount(activity.requested)}.`,
      ),
      { requested: formatAmount(activity.requested) },
    );
  }
  assertWithinDiscretionaryLimit(state, activity.category, amount);
  const total = formatAmount(amount);
  return [
    { type: 'FlexibleActivityApproved', data: { activityId: activity.activityId, approvedAmount: total, bescheidDate: command.bescheidDate } },
    {
      type: 'CommitmentRecorded',
      data: { ...activityDimensions(command, activity), lines: [{ month: activity.month, amount: total }], total, reason: 'flexible-approval' },
      businessDate: commitmentDate(command.bescheidDate, fiscalYear),
    },
  ];
}

export interface RejectActivity extends SozialraumYear {
  activityId: string;
  reason: string;
}

export function decideRejectActivity(command: RejectActivity, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  assertBookable(state.budget, command);
  const activity = activityOf(state, command.activityId);
  assertUndecided(activity);
  return [{ type: 'FlexibleActivityRejected', data: { activityId: activity.activityId, reason: command.reason } }];
}

export interface ReportActivityActual extends SozialraumYear {
  activityId: string;
  /** Only the activity's own provider reports what it cost. */
  providerId: string;
  amount: Decimal;
  businessDate: string;
}

/**
 * After the activity: the actual amount becomes actual expenditure of the activity month and the
 * rest of the approval is released (R5). More than approved needs a new approval: refused.
 */
export function decideReportActivityActual(command: ReportActivityActual, state: FlexibleBudgetState): FlexibleStreamEvent[] {
  assertBookable(state.budget, command);
  const activity = activityOf(state, command.activityId, command.providerId);
  if (activity.status === 'settled') {
    refuse(
      FLEXIBLE_PROBLEMS['actual-already-reported'],
      text(
        `Der Ist-Betrag der Aktivität ${activity.activityId} wurde bereits am ${activity.actualReportedOn} gemeldet.`,
        `The actual amount of ${activity.activityId} was reported on ${activity.actualReportedOn}.`,
      ),
    );
  }
  if (activity.status !== 'approved' || !activity.approved) {
    refuse(
      FLEXIBLE_PROBLEMS['activity-not-approved'],
      text(
        `Die Aktivität ${activity.activityId} ist ${ACTIVITY_STATUS_DE[activity.status]}; bezahlt werden nur bewilligte Aktivitäten.`,
        `Activity ${activity.activityId} is ${activity.status}; only approved activities are paid.`,
      ),
    );
  }
  if (command.businessDate < activity.activityDate) {
    refuse(
      FLEXIBLE_PROBLEMS['activity-not-held-yet'],
      text(
        `Die Aktivität findet am ${activity.activityDate} statt; ihre Kosten werden danach gemeldet.`,
        `The activity takes place on ${activity.activityDate}; its cost is reported afterwards.`,
      ),
    );
  }
  if (command.amount.isNegative()) {
    refuse(FLEXIBLE_PROBLEMS['amount-negative'], text('Der Ist-Betrag muss null oder mehr betragen.', 'The actual amount is zero or more.'));
  }
  if (command.amount.greaterThan(activity.approved)) {
    refuse(
      FLEXIBLE_PROBLEMS['actual-exceeds-approval'],
      text(
        `${formatAmount(command.amount)} EUR sind mehr als die bewilligten ${formatAmount(activity.approved)} EUR; der Mehrbetrag bedarf einer neuen Bewilligung.`,
        `${formatAmount(command.amount)} is more than the approved ${formatAmount(activity.approved)}; the excess needs a new approval.`,
      ),
      { approved: formatAmount(activity.approved) },
    );
  }
  const released = activity.approved.minus(command.amount);
  const dimensions = activityDimensions(command, activity);
  const events: FlexibleStreamEvent[] = [
    {
      type: 'FlexibleActivityActualReported',
      data: { activityId: activity.activityId, actualAmount: formatAmount(command.amount), released: formatAmount(released) },
    },
  ];
  if (command.amount.greaterThan(0)) {
    events.push({
      type: 'ExpenditureAccrued',
      data: { ...dimensions, month: activity.month, amount: formatAmount(command.amount), reference: activity.activityId },
    });
  }
  if (released.greaterThan(0)) {
    events.push({
      type: 'CommitmentReleased',
      data: { ...dimensions, lines: [{ month: activity.month, amount: formatAmount(released) }], total: formatAmount(released), reason: 'report-lower' },
    });
  }
  return events;
}
