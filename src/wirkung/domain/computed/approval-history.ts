import type { CaseDomainEvent } from '../../../cases';
import { Decimal } from '../../../../libs/money';
import { maxDate, minDate, monthOf, monthsBetween } from '../../../../libs/calendar';
import { LegalBasis, Setting, defaultSetting } from '../../../shared/legal-basis';
import { ComputedIndicatorInput, IndicatorPeriod, MeasuredValue } from './computed-indicator';

// Through the indicator's input, so that steering's BookEvent is reached at one place only.
type BookEvent = ComputedIndicatorInput['events'][number];

/** One approval of a Sozialraum as the case events leave it: the shared ground of the case-based indicators (R12). */
export interface ApprovalHistory {
  approvalId: string;
  caseRef: string;
  legalBasis: LegalBasis;
  setting: Setting | null;
  inBudget: boolean;
  start: string;
  /** Null while the approval is open-ended. */
  end: string | null;
  /** The recorded reason (TERMINATION_REASONS) and the day the help ended. */
  terminated: { reason: string; effectiveEnd: string } | null;
  /** Every provider the approval has had, in the order they came in. */
  providerIds: string[];
}

type DataOf<T extends CaseDomainEvent['type']> = Extract<CaseDomainEvent, { type: T }>['data'];

/**
 * Folds the case events of the list into one entry per approval granted for the Sozialraum, in
 * the order they were granted. Events of approvals of other Sozialräume, and every other event
 * type, pass without effect.
 */
export function approvalsOf(events: BookEvent[], sozialraumId: string): ApprovalHistory[] {
  const approvals = new Map<string, ApprovalHistory>();
  for (const event of events) {
    switch (event.type) {
      case 'ApprovalGranted': {
        const data = event.data as DataOf<'ApprovalGranted'>;
        if (data.sozialraumId !== sozialraumId) break;
        approvals.set(data.approvalId, {
          approvalId: data.approvalId,
          caseRef: data.caseRef,
          legalBasis: data.legalBasis,
          setting: settingOf(data),
          inBudget: data.classification.inBudget,
          start: data.start,
          end: data.end,
          terminated: null,
          providerIds: [data.segment.providerId],
        });
        break;
      }
      case 'ApprovalExtended': {
        const data = event.data as DataOf<'ApprovalExtended'>;
        const approval = approvals.get(data.approvalId);
        if (!approval) break;
        approval.end = data.newEnd;
        if (data.segment) addProvider(approval, data.segment.providerId);
        break;
      }
      case 'ApprovalScopeChanged': {
        const data = event.data as DataOf<'ApprovalScopeChanged'>;
        const approval = approvals.get(data.approvalId);
        if (approval) addProvider(approval, data.segment.providerId);
        break;
      }
      case 'ApprovalTerminated': {
        const data = event.data as DataOf<'ApprovalTerminated'>;
        const approval = approvals.get(data.approvalId);
        if (!approval) break;
        approval.terminated = { reason: data.reason, effectiveEnd: data.effectiveEnd };
        approval.end = data.effectiveEnd;
        break;
      }
    }
  }
  return [...approvals.values()];
}

/**
 * Approvals granted before the setting was recorded (schema version 1) carry no `setting`; they
 * read with the legal basis's default, as case.events.ts documents, so that the history of a
 * year does not lose its settings. An explicitly recorded null stays null.
 */
function settingOf(data: DataOf<'ApprovalGranted'>): Setting | null {
  const recorded = (data as { setting?: Setting | null }).setting;
  return recorded === undefined ? defaultSetting(data.legalBasis) : recorded;
}

function addProvider(approval: ApprovalHistory, providerId: string): void {
  if (!approval.providerIds.includes(providerId)) approval.providerIds.push(providerId);
}

/** In-budget approvals only: out-of-budget help (R1) lies outside every indicator. */
export function inBudgetApprovalsOf(events: BookEvent[], sozialraumId: string): ApprovalHistory[] {
  return approvalsOf(events, sozialraumId).filter((a) => a.inBudget);
}

export function isInPeriod(date: string, period: IndicatorPeriod): boolean {
  return date >= period.from && date <= period.to;
}

/** Whether the approval's (possibly terminated) end falls in the period; open approvals never end. */
export function endsIn(approval: ApprovalHistory, period: IndicatorPeriod): approval is ApprovalHistory & { end: string } {
  return approval.end !== null && isInPeriod(approval.end, period);
}

/** Calendar months with at least one day from `from` to `to`, both inclusive; none if `to` is before `from`. */
export function monthsTouched(from: string, to: string): string[] {
  return to < from ? [] : monthsBetween(monthOf(from), monthOf(to));
}

/** The months of the period in which the approval covers at least one day that is also in the period. */
export function caseMonthsIn(approval: ApprovalHistory, period: IndicatorPeriod): string[] {
  return monthsTouched(maxDate(approval.start, period.from), minDate(approval.end ?? period.to, period.to));
}

/** The Leistungsmonate whose money a period's money-based indicators count. */
export function leistungsmonateOf(period: IndicatorPeriod): string[] {
  return monthsTouched(period.from, period.to);
}

/** numerator / denominator × scale, exact; no value when the denominator is 0 or unknown. */
export function measured(numerator: Decimal.Value, denominator: Decimal.Value | null, scale: number, caseCount: number | null): MeasuredValue {
  const n = new Decimal(numerator);
  const d = denominator === null ? null : new Decimal(denominator);
  return { value: d === null || d.isZero() ? null : n.div(d).times(scale), numerator: n, denominator: d, caseCount };
}
