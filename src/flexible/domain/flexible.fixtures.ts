import { monthOf } from '../../../libs/calendar';
import { Decimal, formatAmount } from '../../../libs/money';
import { FlexibleBudgetEvent } from './flexible-budget';
import { activityDimensions, monthLines, subsidyDimensions } from './flexible-ledger';
import { FlexibleCategory } from './flexible.events';

/** Events of a budget stream for the unit tests, dated as the store dates them. */
export const d = (value: string) => new Decimal(value);

export const YEAR = { sozialraumId: 'HRO-TW', fiscalYear: 2025 };

/** Toitenwinkel 2025 (worked example): FS 130,000.00, FÜ 30,000.00, FU 40,000.00, open. */
export const TOITENWINKEL: FlexibleBudgetEvent[] = [
  {
    type: 'BudgetAllocated',
    data: {
      ...YEAR,
      planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
      total: '200000.00',
      decisionReference: 'BV 2024/123',
      reason: 'Haushalt 2025',
    },
    businessDate: '2024-12-10',
  },
  { type: 'BudgetOpened', data: { reason: 'Haushalt rechtskräftig' }, businessDate: '2025-01-01' },
];

/** R11 as in the example: TR-E proposes FÜ → FU 5,000.00 on 20.05., the Jugendamt agrees on 01.06. */
export function reallocatedFueToFu(amount = '5000.00'): FlexibleBudgetEvent[] {
  const move = { proposalId: 'UMS-2025-1', from: 'FUE' as const, to: 'FU' as const, amount };
  return [
    {
      type: 'ReallocationProposed',
      data: { ...move, reason: 'mehr offene Jugendarbeit', proposedBy: 'lead-provider', proposerOrganisationId: 'TR-E' },
      businessDate: '2025-05-20',
    },
    { type: 'ReallocationAgreed', data: { ...move, agreedBy: 'jugendamt', agreerOrganisationId: 'HRO-JA' }, businessDate: '2025-06-01' },
  ];
}

export function frozen(on: string, imposed: boolean, categories: FlexibleCategory[]): FlexibleBudgetEvent {
  return { type: imposed ? 'BudgetFreezeImposed' : 'BudgetFreezeLifted', data: { categories, reason: 'Haushaltssperre' }, businessDate: on };
}

export const CLOSED: FlexibleBudgetEvent = { type: 'BudgetClosed', data: { reason: 'Jahresabschluss' }, businessDate: '2026-01-31' };

export interface SubsidyRef {
  subsidyId: string;
  providerId: string;
  category: FlexibleCategory;
  purpose: string;
}

/** A Zuwendungsbescheid with its commitment; instalments are given in due-date order (R1, R2, ...). */
export function subsidyGranted(subsidy: SubsidyRef, bescheidDate: string, instalments: Array<[dueDate: string, amount: string]>): FlexibleBudgetEvent[] {
  const plan = instalments.map(([dueDate, amount], n) => ({ instalmentId: `R${n + 1}`, dueDate, month: monthOf(dueDate), amount }));
  const total = formatAmount(plan.reduce((sum, i) => sum.plus(i.amount), new Decimal(0)));
  return [
    { type: 'SubsidyGranted', data: { ...subsidy, total, bescheidDate, instalments: plan }, businessDate: bescheidDate },
    {
      type: 'CommitmentRecorded',
      data: { ...subsidyDimensions(YEAR, subsidy), lines: monthLines(plan.map((i) => ({ month: i.month, amount: d(i.amount) }))), total, reason: 'subsidy' },
      businessDate: bescheidDate,
    },
  ];
}

/** The payment order of an instalment on its due date (its commitment stays in the planned month). */
export function instalmentPaid(subsidy: SubsidyRef, instalmentId: string, on: string, amount: string): FlexibleBudgetEvent[] {
  const month = monthOf(on);
  return [
    { type: 'SubsidyInstalmentPaymentOrdered', data: { subsidyId: subsidy.subsidyId, instalmentId, month, amount }, businessDate: on },
    {
      type: 'ExpenditureAccrued',
      data: { ...subsidyDimensions(YEAR, subsidy), month, amount, reference: `${subsidy.subsidyId}-${instalmentId}` },
      businessDate: on,
    },
  ];
}

/** A Verwendungsnachweis: per instalment what was spent of what was paid. */
export function usageReported(subsidyId: string, on: string, lines: Array<[instalmentId: string, spent: string, paid: string]>): FlexibleBudgetEvent {
  return {
    type: 'SubsidyUsageReported',
    data: {
      subsidyId,
      lines: lines.map(([instalmentId, spent, paid]) => ({ instalmentId, spent, unused: formatAmount(d(paid).minus(spent)), description: 'Kursreihe' })),
    },
    businessDate: on,
  };
}

export interface ActivityRef {
  activityId: string;
  providerId: string;
  category: FlexibleCategory;
  activityDate: string;
  amount: string;
  description: string;
}

export function activityReported(activity: ActivityRef, on: string): FlexibleBudgetEvent {
  return { type: 'FlexibleActivityReported', data: { ...activity, month: monthOf(activity.activityDate), evidenceReference: null }, businessDate: on };
}

/** The approval of an activity with the commitment of its month (R3, R5). */
export function activityApproved(activity: ActivityRef, on: string, amount = activity.amount): FlexibleBudgetEvent[] {
  return [
    { type: 'FlexibleActivityApproved', data: { activityId: activity.activityId, approvedAmount: amount, bescheidDate: on }, businessDate: on },
    {
      type: 'CommitmentRecorded',
      data: { ...activityDimensions(YEAR, activity), lines: [{ month: monthOf(activity.activityDate), amount }], total: amount, reason: 'flexible-approval' },
      businessDate: on,
    },
  ];
}

/** The Trägerverbund of Toitenwinkel in the example year: TR-E leads, TR-F and TR-G are members. */
export const TOITENWINKEL_VERBUND = { leadProviderId: 'TR-E', memberIds: ['TR-F', 'TR-G'] };

/** Decided events dated as AggregateStore dates them: an event's own business date, else the command's. */
export function onDate<E extends { businessDate?: string }>(on: string, events: E[]): E[] {
  return events.map((e) => ({ ...e, businessDate: e.businessDate ?? on }));
}
