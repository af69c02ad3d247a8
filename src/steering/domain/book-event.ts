/** An event as steering folds it: with both time axes (business date and log position/recording time). */
export interface BookEvent {
  eventId: string;
  streamId: string;
  type: string;
  /** As recorded; its shape follows from `type` (planning events of the budget, ledger events). */
  data: unknown;
  businessDate: string;
  position: bigint;
  recordedAt: Date;
}

/**
 * Which history to look at. `asOf`: the state on that business day with all corrections known
 * now. `knownAtPosition` / `knownAt`: only what had been recorded by then (what the system showed).
 */
export interface BookView {
  asOf?: string;
  knownAtPosition?: bigint;
  knownAt?: Date;
}

export function visible(event: BookEvent, view: BookView): boolean {
  if (view.knownAtPosition !== undefined && event.position > view.knownAtPosition) return false;
  if (view.knownAt !== undefined && event.recordedAt.getTime() > view.knownAt.getTime()) return false;
  if (view.asOf !== undefined && event.businessDate > view.asOf) return false;
  return true;
}
