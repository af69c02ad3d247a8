import { Decimal, ZERO, formatAmount, formatPercent } from '../../../libs/money';
import { LedgerEvent, isLedgerEventType } from '../../ledger/ledger-events';
import { ledgerLines } from '../../ledger/ledger-lines';
import { BookEvent, BookView, visible } from './book-event';
import { PLANNING_TYPES, applyPlanning, totalOf, zeroPerCategory } from './planned-budget';

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
 * Every change of the forecast (and of B) of a Sozialraum-year in business-date order, with its
 * cause and the running forecast in % of B: when and why a line was crossed. Within one business
 * day, events keep their log order.
 */
export function forecastTimeline(sozialraumId: string, fiscalYear: number, events: BookEvent[], view: Omit<BookView, 'asOf'> = {}): TimelineEntry[] {
  const budgetStream = `/budget/${sozialraumId}/${fiscalYear}`;
  const changes: Array<{ event: BookEvent; delta: Decimal; planning: boolean }> = [];
  for (const event of events) {
    if (!visible(event, view)) continue;
    if (PLANNING_TYPES.has(event.type)) {
      if (event.streamId.endsWith(budgetStream)) changes.push({ event, delta: ZERO, planning: true });
      continue;
    }
    if (!isLedgerEventType(event.type) || (event.type !== 'CommitmentRecorded' && event.type !== 'CommitmentReleased')) continue;
    let delta = ZERO;
    for (const line of ledgerLines({ type: event.type, data: event.data } as LedgerEvent)) {
      if (line.inBudget && line.sozialraumId === sozialraumId && line.fiscalYear === fiscalYear && line.measure === 'forecast') delta = delta.plus(line.amount);
    }
    if (!delta.isZero()) changes.push({ event, delta, planning: false });
  }
  changes.sort((a, b) => a.event.businessDate.localeCompare(b.event.businessDate) || (a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0));

  let planned = zeroPerCategory();
  let forecast = ZERO;
  return changes.map(({ event, delta, planning }) => {
    if (planning) planned = applyPlanning(planned, event);
    forecast = forecast.plus(delta);
    const budget = totalOf(planned);
    const source = event.data?.source;
    return {
      businessDate: event.businessDate,
      eventId: event.eventId,
      type: event.type,
      position: event.position,
      cause: planning ? { kind: 'budget', id: event.streamId, reason: event.data?.reason } : source ? { ...source, reason: event.data?.reason } : null,
      delta,
      forecast,
      budget,
      pct: budget.isZero() ? ZERO : forecast.div(budget).times(100),
    };
  });
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
