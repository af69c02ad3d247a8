import { Decimal, ZERO, formatAmount, formatPercent } from '../../../libs/money';
import { by, compareNumbers, compareText, sortedBy, thenBy } from '../../../libs/order';
import { LedgerEvent, isLedgerEventType, ledgerLines } from '../../ledger';
import { BookEvent, BookView, visible } from './book-event';
import { applyPlanning, isPlanningEvent, totalOf, zeroPerCategory } from './planned-budget';

export interface TimelineEntry {
  businessDate: string;
  eventId: string;
  type: string;
  position: bigint;
  cause: { kind: string; id: string; caseRef?: string; label?: string; reason?: string } | null;
  /** Change of the forecast (0 for a change of B). */
  delta: Decimal;
  forecast: Decimal;
  budget: Decimal;
  pct: Decimal;
}

/**
 * One change of a Sozialraum-year's forecast or of its B: what a timeline is made of. Compact
 * enough to be kept as a read-model row, so the timeline can be computed without the events.
 */
export interface TimelineChange {
  businessDate: string;
  eventId: string;
  type: string;
  position: bigint;
  /** Change of the forecast in the budget (0 for a change of B). */
  delta: Decimal;
  /** For a change of B: the planning event's data (applied with applyPlanning). */
  planning: unknown | null;
  cause: TimelineEntry['cause'];
}

/** The change an event makes to the forecast or B of one Sozialraum-year, if any. */
export function timelineChangeOf(sozialraumId: string, fiscalYear: number, event: BookEvent): TimelineChange | null {
  const base = { businessDate: event.businessDate, eventId: event.eventId, type: event.type, position: event.position };
  if (isPlanningEvent(event)) {
    if (!event.streamId.endsWith(`/budget/${sozialraumId}/${fiscalYear}`)) return null;
    const data = event.data;
    return { ...base, delta: ZERO, planning: data, cause: { kind: 'budget', id: event.streamId, reason: 'reason' in data ? data.reason : undefined } };
  }
  if (!isLedgerEventType(event.type) || (event.type !== 'CommitmentRecorded' && event.type !== 'CommitmentReleased')) return null;
  // The type names the shape: a commitment's data as the ledger defines it.
  const commitment = { type: event.type, data: event.data } as Extract<LedgerEvent, { type: 'CommitmentRecorded' | 'CommitmentReleased' }>;
  let delta = ZERO;
  for (const line of ledgerLines(commitment)) {
    if (line.inBudget && line.sozialraumId === sozialraumId && line.fiscalYear === fiscalYear && line.measure === 'forecast') delta = delta.plus(line.amount);
  }
  if (delta.isZero()) return null;
  const source = commitment.data.source;
  return { ...base, delta, planning: null, cause: source ? { ...source, reason: commitment.data.reason } : null };
}

/**
 * The running forecast and B over the changes in business-date order, with the forecast in % of
 * B: when and why a line was crossed. Within one business day, changes keep their log order.
 */
export function timelineOf(changes: TimelineChange[]): TimelineEntry[] {
  const ordered = sortedBy(
    changes,
    thenBy(
      by((c) => c.businessDate, compareText),
      by((c) => c.position, compareNumbers),
    ),
  );
  let planned = zeroPerCategory();
  let forecast = ZERO;
  return ordered.map((change) => {
    if (change.planning) planned = applyPlanning(planned, { type: change.type, data: change.planning });
    forecast = forecast.plus(change.delta);
    const budget = totalOf(planned);
    return {
      businessDate: change.businessDate,
      eventId: change.eventId,
      type: change.type,
      position: change.position,
      cause: change.cause,
      delta: change.delta,
      forecast,
      budget,
      pct: budget.isZero() ? ZERO : forecast.div(budget).times(100),
    };
  });
}

/** Every change of the forecast (and of B) of a Sozialraum-year from its events, as seen through a view. */
export function forecastTimeline(sozialraumId: string, fiscalYear: number, events: BookEvent[], view: Omit<BookView, 'asOf'> = {}): TimelineEntry[] {
  const changes: TimelineChange[] = [];
  for (const event of events) {
    if (!visible(event, view)) continue;
    const change = timelineChangeOf(sozialraumId, fiscalYear, event);
    if (change) changes.push(change);
  }
  return timelineOf(changes);
}

export function timelineJson(entries: TimelineEntry[]) {
  return entries.map((e) => ({
    businessDate: e.businessDate,
    eventId: e.eventId,
    type: e.type,
    position: e.position.toString(),
    cause: e.cause,
    delta: formatAmount(e.delta),
    forecast: formatAmount(e.forecast),
    budget: formatAmount(e.budget),
    pctOfBudget: formatPercent(e.pct),
  }));
}
