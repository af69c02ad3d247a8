/**
 * The pieces of the Meldungen page computed from the API's notifications: the German name of each
 * kind, which notifications arrived since the list was last read, and how to announce them.
 * Pure, without React.
 */

const TYPE_LABEL: Record<string, string> = {
  BudgetWarningRaised: 'Warnschwelle überschritten',
  OverrunProcedureOpened: 'Überschreitungsverfahren eröffnet',
  RenegotiationTriggered: 'Nachverhandlung ausgelöst',
  ThresholdCrossingMoved: 'Schwellenüberschreitung korrigiert',
  UnderrunDetected: 'Unterschreitung festgestellt',
  KaemmereiReported: 'Bericht an die Kämmerei',
  SupplementaryExpenditureRequested: 'Antrag auf über- oder außerplanmäßige Aufwendung',
  SupplementaryExpenditureDecided: 'Entscheidung über über- oder außerplanmäßige Aufwendung',
  SettlementCalculated: 'Jahresabrechnung berechnet',
  SettlementConfirmed: 'Jahresabrechnung bestätigt',
  SettlementApplied: 'Jahresabrechnung angewendet',
  ProcedureStepOverdue: 'Erinnerung: Schritt des Verfahrens überfällig',
  FourEyesWorkPending: 'Erinnerung: Rechnungen warten auf die Prüfung',
  SettlementConfirmationDue: 'Erinnerung: Bestätigung der Jahresabrechnung fällig',
};

export type Severity = 'danger' | 'warning' | 'info';

const SEVERITY: Record<string, Severity> = {
  BudgetWarningRaised: 'warning',
  OverrunProcedureOpened: 'danger',
  RenegotiationTriggered: 'danger',
  UnderrunDetected: 'warning',
  ProcedureStepOverdue: 'warning',
  FourEyesWorkPending: 'warning',
  SettlementConfirmationDue: 'warning',
};

/** "Warnschwelle überschritten"; a kind the app does not know yet as it came. */
export function notificationTypeLabel(type: string): string {
  return TYPE_LABEL[type] ?? type;
}

/** How urgent a kind of notification is: danger for procedure and renegotiation, warning for warnings. */
export function notificationSeverity(type: string): Severity {
  return SEVERITY[type] ?? 'info';
}

/**
 * The notifications that arrived since the ids in `seen` were read. Only the first
 * `knownPages` pages count: pages loaded on request since then hold older notifications, not
 * new ones.
 */
export function findNew(seen: ReadonlySet<string>, pages: readonly (readonly { eventId: string }[])[], knownPages: number): string[] {
  return pages
    .slice(0, knownPages)
    .flat()
    .map((item) => item.eventId)
    .filter((id) => !seen.has(id));
}

/** "1 neue Meldung", "3 neue Meldungen". */
export function announceNew(count: number): string {
  return count === 1 ? '1 neue Meldung' : `${count} neue Meldungen`;
}

/** "1 Meldung angezeigt", "50 Meldungen angezeigt, weitere vorhanden". */
export function describeShownNotifications(count: number, more: boolean): string {
  const shown = count === 1 ? '1 Meldung angezeigt' : `${count} Meldungen angezeigt`;
  return more ? `${shown}, weitere vorhanden` : shown;
}

/** Compares two log positions (digit strings without leading zeros) without a float. */
export function comparePositions(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The highest log position among the notifications shown: what having seen them marks as read. */
export function newestPosition(items: readonly { position: string }[]): string | null {
  let newest: string | null = null;
  for (const { position } of items) if (newest === null || comparePositions(position, newest) > 0) newest = position;
  return newest;
}

/** Whether a notification was recorded after the user's read mark (null: never read, all unread). */
export function isUnread(item: { position: string }, readUpTo: string | null): boolean {
  return readUpTo === null || comparePositions(item.position, readUpTo) > 0;
}

/** The unread notifications of one fiscal year by Sozialraum. */
export function unreadBySozialraum(items: readonly { sozialraumId: string; fiscalYear: number; unread: number }[], fiscalYear: number): Map<string, number> {
  return new Map(items.filter((row) => row.fiscalYear === fiscalYear).map((row) => [row.sozialraumId, row.unread]));
}

/** "keine", "1 ungelesene Meldung", "3 ungelesene Meldungen". */
export function describeUnread(count: number): string {
  if (count === 0) return 'keine ungelesenen Meldungen';
  return count === 1 ? '1 ungelesene Meldung' : `${count} ungelesene Meldungen`;
}
