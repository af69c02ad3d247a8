import { Static } from '../../../libs/http/contract/schema-types';
import { Decimal, formatAmount, sumAmounts } from '../../../libs/money';
import { ActivityBody, SubsidyBody } from '../flexible.schemas';
import { Activity, Subsidy } from '../domain/flexible-state';

/** Wire shapes: amounts as decimal strings, dates as ISO strings. */
export function subsidyView(sozialraumId: string, fiscalYear: number, subsidy: Subsidy): Static<typeof SubsidyBody> {
  const released = subsidy.instalments.filter((i) => i.status === 'released');
  const paid = subsidy.instalments.filter((i) => i.status === 'paid');
  const granted = subsidy.total.minus(sumAmounts(released.map((i) => i.amount)));
  const paidTotal = sumAmounts(paid.map((i) => i.amount));
  const reclaim = subsidy.reclaim;
  return {
    subsidyId: subsidy.subsidyId,
    sozialraumId,
    fiscalYear,
    providerId: subsidy.providerId,
    category: subsidy.category,
    purpose: subsidy.purpose,
    bescheidDate: subsidy.bescheidDate,
    status: reclaim ? 'reclaimed' : 'granted',
    total: formatAmount(subsidy.total),
    /** Commitment in force: the total less instalments released by a reclaim. */
    granted: formatAmount(granted),
    paid: formatAmount(paidTotal),
    open: formatAmount(granted.minus(paidTotal)),
    instalments: subsidy.instalments.map((i) => ({
      instalmentId: i.instalmentId,
      dueDate: i.dueDate,
      month: i.month,
      amount: formatAmount(i.amount),
      status: i.status,
      paymentOrderedOn: i.paymentOrderedOn,
      usage: i.usage
        ? {
            reportId: i.usage.reportId,
            spent: formatAmount(i.usage.spent),
            unused: formatAmount(i.usage.unused),
            description: i.usage.description,
            reportedOn: i.usage.reportedOn,
          }
        : null,
    })),
    reclaim: reclaim
      ? {
          reason: reclaim.reason,
          reclaimedOn: reclaim.reclaimedOn,
          released: formatAmount(reclaim.released),
          claimed: formatAmount(reclaim.claimed),
          received: formatAmount(reclaim.received),
          outstanding: formatAmount(reclaim.claimed.minus(reclaim.received)),
        }
      : null,
  };
}

export function activityView(sozialraumId: string, fiscalYear: number, activity: Activity): Static<typeof ActivityBody> {
  const amount = (value: Decimal | null) => (value === null ? null : formatAmount(value));
  return {
    activityId: activity.activityId,
    sozialraumId,
    fiscalYear,
    providerId: activity.providerId,
    category: activity.category,
    activityDate: activity.activityDate,
    month: activity.month,
    description: activity.description,
    evidenceReference: activity.evidenceReference,
    status: activity.status,
    requested: formatAmount(activity.requested),
    reportedOn: activity.reportedOn,
    approved: amount(activity.approved),
    decidedOn: activity.decidedOn,
    rejectionReason: activity.rejectionReason,
    actual: amount(activity.actual),
    released: amount(activity.released),
    actualReportedOn: activity.actualReportedOn,
  };
}
