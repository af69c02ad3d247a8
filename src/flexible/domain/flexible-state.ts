import { Decimal, ZERO } from '../../../libs/money';
import { BudgetStreamEvent } from '../../budgets';
import { FlexibleActivityReportedData, FlexibleCategory, FlexibleEvent, SubsidyGrantedData } from './flexible.events';

export type InstalmentStatus = 'committed' | 'paid' | 'released';

export interface UsageReport {
  /** The usage report that accounted for the instalment last (VN1, VN2, … per subsidy). */
  reportId: string;
  spent: Decimal;
  unused: Decimal;
  description: string;
  reportedOn: string;
}

export interface Instalment {
  instalmentId: string;
  dueDate: string;
  month: string;
  amount: Decimal;
  status: InstalmentStatus;
  paymentOrderedOn: string | null;
  usage: UsageReport | null;
}

export interface Reclaim {
  reason: string;
  reclaimedOn: string;
  released: Decimal;
  claimed: Decimal;
  received: Decimal;
}

export interface Subsidy {
  subsidyId: string;
  providerId: string;
  category: FlexibleCategory;
  purpose: string;
  total: Decimal;
  bescheidDate: string;
  instalments: Instalment[];
  /** Usage reports recorded so far; numbers the next one (VN1, VN2, …). */
  usageReports: number;
  /** Set once the Jugendamt reclaims; the subsidy then takes no payments or reports. */
  reclaim: Reclaim | null;
}

export type ActivityStatus = 'reported' | 'approved' | 'rejected' | 'settled';

export interface Activity {
  activityId: string;
  providerId: string;
  category: FlexibleCategory;
  activityDate: string;
  month: string;
  requested: Decimal;
  description: string;
  evidenceReference: string | null;
  reportedOn: string;
  status: ActivityStatus;
  approved: Decimal | null;
  decidedOn: string | null;
  rejectionReason: string | null;
  actual: Decimal | null;
  released: Decimal | null;
  actualReportedOn: string | null;
}

export interface FlexibleState {
  subsidies: Record<string, Subsidy>;
  activities: Record<string, Activity>;
  /** Numbers the next subsidy and activity of the year (ZUW-2025-3, AKT-2025-7). */
  subsidiesGranted: number;
  activitiesReported: number;
  /** Actual expenditure per flexible category (accrued − reversed). */
  paid: Record<FlexibleCategory, Decimal>;
}

export const initialFlexibleState: FlexibleState = {
  subsidies: {},
  activities: {},
  subsidiesGranted: 0,
  activitiesReported: 0,
  paid: { FUE: ZERO, FU: ZERO },
};

function granted(data: SubsidyGrantedData): Subsidy {
  return {
    subsidyId: data.subsidyId,
    providerId: data.providerId,
    category: data.category,
    purpose: data.purpose,
    total: new Decimal(data.total),
    bescheidDate: data.bescheidDate,
    instalments: data.instalments.map((i) => ({
      instalmentId: i.instalmentId,
      dueDate: i.dueDate,
      month: i.month,
      amount: new Decimal(i.amount),
      status: 'committed',
      paymentOrderedOn: null,
      usage: null,
    })),
    usageReports: 0,
    reclaim: null,
  };
}

/** The id of a subsidy's n-th usage report (Verwendungsnachweis). */
export function usageReportId(n: number): string {
  return `VN${n}`;
}

function reported(data: FlexibleActivityReportedData, on: string): Activity {
  return {
    activityId: data.activityId,
    providerId: data.providerId,
    category: data.category,
    activityDate: data.activityDate,
    month: data.month,
    requested: new Decimal(data.amount),
    description: data.description,
    evidenceReference: data.evidenceReference,
    reportedOn: on,
    status: 'reported',
    approved: null,
    decidedOn: null,
    rejectionReason: null,
    actual: null,
    released: null,
    actualReportedOn: null,
  };
}

function withSubsidy(state: FlexibleState, id: string, change: (s: Subsidy) => Subsidy): FlexibleState {
  const subsidy = state.subsidies[id];
  return subsidy ? { ...state, subsidies: { ...state.subsidies, [id]: change(subsidy) } } : state;
}

function withActivity(state: FlexibleState, id: string, change: (a: Activity) => Activity): FlexibleState {
  const activity = state.activities[id];
  return activity ? { ...state, activities: { ...state.activities, [id]: change(activity) } } : state;
}

function withInstalments(subsidy: Subsidy, ids: string[], change: (i: Instalment) => Instalment): Subsidy {
  return { ...subsidy, instalments: subsidy.instalments.map((i) => (ids.includes(i.instalmentId) ? change(i) : i)) };
}

/** Folds flexible money's own events of a budget stream. */
export function evolveFlexible(state: FlexibleState, e: FlexibleEvent): FlexibleState {
  const on = e.businessDate ?? '';
  switch (e.type) {
    case 'SubsidyGranted':
      return { ...state, subsidies: { ...state.subsidies, [e.data.subsidyId]: granted(e.data) }, subsidiesGranted: state.subsidiesGranted + 1 };
    case 'SubsidyInstalmentPaymentOrdered':
      return withSubsidy(state, e.data.subsidyId, (s) =>
        withInstalments(s, [e.data.instalmentId], (i) => ({ ...i, status: 'paid', paymentOrderedOn: on, month: e.data.month ?? i.month })),
      );
    case 'SubsidyUsageReported': {
      const lines = e.data.lines;
      return withSubsidy(state, e.data.subsidyId, (s) => {
        const reportId = usageReportId(s.usageReports + 1);
        return lines.reduce(
          (acc, line) =>
            withInstalments(acc, [line.instalmentId], (i) => ({
              ...i,
              usage: { reportId, spent: new Decimal(line.spent), unused: new Decimal(line.unused), description: line.description, reportedOn: on },
            })),
          { ...s, usageReports: s.usageReports + 1 },
        );
      });
    }
    case 'SubsidyReclaimed': {
      const data = e.data;
      return withSubsidy(state, data.subsidyId, (s) => ({
        ...withInstalments(s, data.releasedInstalments, (i) => ({ ...i, status: 'released' })),
        reclaim: { reason: data.reason, reclaimedOn: on, released: new Decimal(data.released), claimed: new Decimal(data.claimed), received: ZERO },
      }));
    }
    case 'SubsidyReclaimReceived':
      return withSubsidy(state, e.data.subsidyId, (s) =>
        s.reclaim ? { ...s, reclaim: { ...s.reclaim, received: s.reclaim.received.plus(e.data.amount) } } : s,
      );
    case 'FlexibleActivityReported':
      return { ...state, activities: { ...state.activities, [e.data.activityId]: reported(e.data, on) }, activitiesReported: state.activitiesReported + 1 };
    case 'FlexibleActivityApproved':
      return withActivity(state, e.data.activityId, (a) => ({ ...a, status: 'approved', approved: new Decimal(e.data.approvedAmount), decidedOn: on }));
    case 'FlexibleActivityRejected':
      return withActivity(state, e.data.activityId, (a) => ({ ...a, status: 'rejected', rejectionReason: e.data.reason, decidedOn: on }));
    case 'FlexibleActivityActualReported':
      return withActivity(state, e.data.activityId, (a) => ({
        ...a,
        status: 'settled',
        actual: new Decimal(e.data.actualAmount),
        released: new Decimal(e.data.released),
        actualReportedOn: on,
      }));
  }
}

/** Actual flexible expenditure per category, from the ledger events of the stream. */
export function evolvePaid(state: FlexibleState, event: BudgetStreamEvent): FlexibleState {
  if (event.type !== 'ExpenditureAccrued' && event.type !== 'ExpenditureReversed') return state;
  const { category, inBudget, amount } = event.data;
  if (!inBudget || (category !== 'FUE' && category !== 'FU')) return state;
  const signed = event.type === 'ExpenditureAccrued' ? new Decimal(amount) : new Decimal(amount).negated();
  return { ...state, paid: { ...state.paid, [category]: state.paid[category].plus(signed) } };
}
