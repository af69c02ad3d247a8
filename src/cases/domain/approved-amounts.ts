import { addDays, endOfYear, firstDayOfMonth, lastDayOfMonth, maxDate, minDate, monthOf, monthsBetween, startOfYear } from '../../../libs/calendar';
import { Decimal } from '../../../libs/money';
import { RateSegment } from './case.events';
import { Approval } from './case-state';

/**
 * R3 accrual by Leistungsmonat: what an approval approves in a month, per provider (the ceiling
 * of an invoice, R4, and the amount a month binds until it is invoiced, R5).
 */

/** The last day the approval covers as far as money is concerned: its end, or 31.12. of the last committed year. */
export function coveredUntil(approval: Pick<Approval, 'end' | 'committedThrough'>): string {
  return approval.end ?? endOfYear(approval.committedThrough);
}

export function segmentOn(approval: Pick<Approval, 'segments'>, date: string): RateSegment {
  let found = approval.segments[0];
  for (const segment of approval.segments) if (segment.from <= date) found = segment;
  return found;
}

/** Days of the approved period inside a month, first and last day inclusive (R3). */
export function approvedDaysIn(approval: Pick<Approval, 'start' | 'end' | 'committedThrough'>, month: string): string[] {
  const from = maxDate(firstDayOfMonth(month), approval.start);
  const to = minDate(lastDayOfMonth(month), coveredUntil(approval));
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Whether any day of the month is inside the approved period. */
export function monthInPeriod(approval: Pick<Approval, 'start' | 'end' | 'committedThrough'>, month: string): boolean {
  return approval.start <= lastDayOfMonth(month) && (approval.end === null || approval.end >= firstDayOfMonth(month));
}

/**
 * The approved amount of a month per provider (R3): a flat month or FLS hours × rate for every
 * calendar month the period touches; a daily rate × days of presence, per day's segment.
 */
export function approvedAmountOfMonth(approval: Approval, month: string): Map<string, Decimal> {
  const amounts = new Map<string, Decimal>();
  const add = (providerId: string, amount: Decimal) => amounts.set(providerId, (amounts.get(providerId) ?? new Decimal(0)).plus(amount));
  const days = approvedDaysIn(approval, month);
  if (days.length === 0) return amounts;
  if (approval.rateType === 'daily') {
    for (const day of days) {
      const segment = segmentOn(approval, day);
      add(segment.providerId, new Decimal(segment.rate));
    }
  } else {
    const segment = segmentOn(approval, days[0]);
    add(segment.providerId, approval.rateType === 'hourly' ? new Decimal(segment.rate).times(segment.hoursPerMonth ?? 0) : new Decimal(segment.rate));
  }
  return amounts;
}

/** What one provider's invoice for a Leistungsmonat may claim at most (R3, R4). */
export interface InvoiceCeiling {
  providerId: string;
  /** Hours (FLS) or days of presence approved in the month; null for a monthly flat rate. */
  quantity: Decimal | null;
  unit: 'hours' | 'days' | null;
  amount: Decimal;
}

/**
 * The ceiling of each provider's invoice for a month: the hours of the segment in force on the
 * month's first approved day, or the approved days on which the provider delivers, or the flat
 * month; with the approved amount. Empty outside the approved period.
 */
export function invoiceCeilings(approval: Approval, month: string): InvoiceCeiling[] {
  const days = approvedDaysIn(approval, month);
  return [...approvedAmountOfMonth(approval, month)].map(([providerId, amount]) => {
    if (approval.rateType === 'monthly') return { providerId, quantity: null, unit: null, amount };
    if (approval.rateType === 'hourly') return { providerId, quantity: new Decimal(segmentOn(approval, days[0]).hoursPerMonth ?? 0), unit: 'hours', amount };
    return { providerId, quantity: new Decimal(days.filter((day) => segmentOn(approval, day).providerId === providerId).length), unit: 'days', amount };
  });
}

/** Months of a fiscal year the approval covers (to its end, or to 31.12. of the last committed year). */
export function coveredMonthsOf(approval: Approval, year: number): string[] {
  const from = maxDate(approval.start, startOfYear(year));
  const to = minDate(coveredUntil(approval), endOfYear(year));
  return from > to ? [] : monthsBetween(monthOf(from), monthOf(to));
}
