import { addDays, daysInMonth, endOfYear, firstDayOfMonth, lastDayOfMonth, maxDate, minDate, monthOf, monthsBetween, startOfYear, yearOf } from '../../../libs/calendar';
import { Decimal } from '../../../libs/money';
import { RateSegment } from './case.events';
import { Approval, CaseState, activeInvoices, lineKey } from './case-state';

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

/** Months of a fiscal year the approval covers (to its end, or to 31.12. of the last committed year). */
export function coveredMonthsOf(approval: Approval, year: number): string[] {
  const from = maxDate(approval.start, startOfYear(year));
  const to = minDate(coveredUntil(approval), endOfYear(year));
  return from > to ? [] : monthsBetween(monthOf(from), monthOf(to));
}

/**
 * What should be committed for a fiscal year (R5): the approved amount of each covered month,
 * except that a month with a verified or paid invoice is bound at the invoiced amount (the
 * difference was released when it was verified).
 */
export function expectedCommitment(state: CaseState, approval: Approval, year: number): Map<string, Decimal> {
  const lines = new Map<string, Decimal>();
  const fixed = new Map<string, { providerId: string; amount: Decimal }>();
  for (const invoice of activeInvoices(state, approval.approvalId)) {
    if (invoice.status === 'awaiting-payment-order' || invoice.status === 'paid') {
      fixed.set(invoice.serviceMonth, { providerId: invoice.providerId, amount: new Decimal(invoice.amount) });
    }
  }
  for (const month of coveredMonthsOf(approval, year)) {
    const invoiced = fixed.get(month);
    if (invoiced) {
      lines.set(lineKey(month, invoiced.providerId), invoiced.amount);
      continue;
    }
    for (const [providerId, amount] of approvedAmountOfMonth(approval, month)) lines.set(lineKey(month, providerId), amount);
  }
  // Paid months outside the (now shorter) period stay bound at what was paid.
  for (const [month, invoiced] of fixed) {
    if (yearOf(month) === year && !lines.has(lineKey(month, invoiced.providerId))) lines.set(lineKey(month, invoiced.providerId), invoiced.amount);
  }
  return lines;
}

/** Kostenbeitrag revenue of a fiscal year: the amount in force for each covered month (latest Festsetzung wins). */
export function expectedRevenue(approval: Approval, year: number): Map<string, Decimal> {
  const lines = new Map<string, Decimal>();
  const ordered = [...approval.kostenbeitraege].sort((a, b) => a.from.localeCompare(b.from));
  for (const month of coveredMonthsOf(approval, year)) {
    let amount: Decimal | null = null;
    for (const kb of ordered) {
      if (monthOf(kb.from) <= month && (kb.to === null || monthOf(kb.to) >= month)) amount = new Decimal(kb.monthlyAmount);
    }
    if (amount && amount.greaterThan(0)) lines.set(lineKey(month, null), amount);
  }
  return lines;
}

export { daysInMonth };
