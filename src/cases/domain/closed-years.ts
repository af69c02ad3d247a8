import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { yearOf } from '../../../libs/calendar';
import { LedgerEvent, isLedgerEventType } from '../../ledger';
import { coveredUntil } from './approved-amounts';
import { CaseStreamEvent } from './case.events';
import { CaseState } from './case-state';

/**
 * Rule book, "Money and time": a closed fiscal year accepts no bookings, and no decision is
 * dated into it. Which years of the case's Sozialraum are closed is looked up before a decision
 * (among the years it may concern, `yearsAtStake`); the decision refuses with `refuseClosedYears`.
 */
export interface CaseFacts {
  /** Closed fiscal years of the case's Sozialraum (at least those among the years at stake). */
  closedYears: readonly number[];
}

const isLedgerEvent = (e: CaseStreamEvent): e is LedgerEvent => isLedgerEventType(e.type);

/** Fiscal years the ledger events of a decision book into, in the order they first appear. */
export function fiscalYearsOf(events: readonly CaseStreamEvent[]): number[] {
  const years = new Set<number>();
  for (const e of events) if (isLedgerEvent(e)) years.add(e.data.fiscalYear);
  return [...years];
}

/** The service month an event of an invoice or a Kostenerstattung concerns, also when no money moves. */
function serviceMonthOf(e: CaseStreamEvent, serviceMonths: Map<string, string>): string | undefined {
  if (e.type === 'InvoiceSubmitted') serviceMonths.set(e.data.invoiceId, e.data.serviceMonth);
  if (e.type === 'InvoiceSubmitted' || e.type === 'InvoiceVerified' || e.type === 'PaymentOrdered' || e.type === 'PaymentReversed')
    return serviceMonths.get(e.data.invoiceId);
  if (e.type === 'KostenerstattungClaimed') return e.data.serviceMonth;
  return undefined;
}

const serviceMonthsOf = (state: CaseState) => new Map(Object.values(state.invoices).map((i) => [i.invoiceId, i.serviceMonth]));

/**
 * Fiscal years a decision concerns, so that a closed year refuses it: the years its ledger events
 * book into, and the year of the service month of every invoice it submits, verifies, pays or
 * reverses — also when no money moves yet (an invoice submitted, the sachlich-richtig step, a
 * rechnerisch-richtig step equal to the commitment). A rejection is deliberately not counted: it
 * books nothing and only takes an invoice out of the verification queue.
 */
export function fiscalYearsConcerned(state: CaseState, events: readonly CaseStreamEvent[]): number[] {
  const years = new Set<number>(fiscalYearsOf(events));
  const serviceMonths = serviceMonthsOf(state);
  for (const e of events) {
    const month = serviceMonthOf(e, serviceMonths);
    if (month) years.add(yearOf(month));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * The fiscal years a decision on a case may concern, known before it is decided: the years of the
 * dates its command names (its business date among them) and every year the approvals it acts on
 * cover, bind money in or are invoiced in, since a decision reconciles an approval over all of
 * them; every year in between too (a roll-over carries an approval year by year). A superset of
 * the years `refuseClosedYears` looks at, so only their budgets need to be asked.
 */
export function yearsAtStake(state: CaseState, approvalIds: ReadonlyArray<string | undefined>, dates: ReadonlyArray<string | null | undefined>): number[] {
  const years: number[] = dates.filter((d): d is string => typeof d === 'string').map(yearOf);
  for (const approvalId of approvalIds) {
    const approval = approvalId === undefined ? undefined : state.approvals[approvalId];
    if (!approval) continue;
    years.push(yearOf(approval.start), yearOf(coveredUntil(approval)), approval.committedThrough);
    years.push(...Object.keys(approval.committed).map(Number), ...Object.keys(approval.revenue).map(Number));
    years.push(...approval.kostenerstattungen.map((k) => yearOf(k.serviceMonth)));
    for (const id of state.invoiceOrder) if (state.invoices[id].approvalId === approvalId) years.push(yearOf(state.invoices[id].serviceMonth));
  }
  if (years.length === 0) return [];
  const [from, to] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Refuses a decision (its events, decided on `state`) dated into a closed year or concerning one.
 * Called last by every decider of a case, after every other refusal: a command refused for
 * another reason too is refused for that one, as a clerk would be told first what is wrong with
 * the command itself.
 */
export function refuseClosedYears(businessDate: string, state: CaseState, events: CaseStreamEvent[], facts: CaseFacts): CaseStreamEvent[] {
  const closed = new Set(facts.closedYears);
  const dateYear = yearOf(businessDate);
  if (closed.has(dateYear)) {
    refuse(
      SHARED_PROBLEMS['fiscal-year-closed'],
      text(
        `Das Haushaltsjahr ${dateYear} ist abgeschlossen; eine Entscheidung vom ${businessDate} kann nicht mehr gebucht werden.`,
        `${dateYear} is closed; a decision dated ${businessDate} cannot be recorded any more.`,
      ),
      { fiscalYear: dateYear },
    );
  }
  const serviceMonths = serviceMonthsOf(state);
  for (const e of events) {
    const month = serviceMonthOf(e, serviceMonths);
    if (month && closed.has(yearOf(month)))
      refuse(
        SHARED_PROBLEMS['fiscal-year-closed'],
        text(
          `Das Haushaltsjahr ${yearOf(month)} ist abgeschlossen und nimmt keine Buchungen mehr an.`,
          `The fiscal year ${yearOf(month)} is closed and accepts no bookings.`,
        ),
      );
    if (isLedgerEvent(e) && closed.has(e.data.fiscalYear)) {
      const booked = fiscalYearsOf(events).filter((y) => closed.has(y));
      refuse(
        SHARED_PROBLEMS['fiscal-year-closed'],
        text(
          `Diese Änderung würde in das abgeschlossene Haushaltsjahr ${booked.join(', ')} buchen; abgeschlossene Jahre nehmen keine Buchungen an.`,
          `This change would book into the closed fiscal year ${booked.join(', ')}; closed years accept no bookings.`,
        ),
        { closedYears: booked },
      );
    }
  }
  return events;
}
