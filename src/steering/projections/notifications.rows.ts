import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { StoredEventOf, eventsOf } from '../../../libs/event-store/event-union';
import { RowChange } from '../../../libs/event-store/row-changes';
import { NOTIFICATION_TYPES, SteeringEvent } from '../domain/steering.events';

export type NotificationTables = {
  steering_notifications: {
    event_id: string;
    global_position: string;
    tenant_id: string;
    sozialraum_id: string;
    fiscal_year: number;
    type: Notification['type'];
    business_date: string | null;
    recorded_at: Date;
    summary: string;
    /** The event's data as JSON text. */
    data: string;
  };
};
export type NotificationChange = RowChange<NotificationTables>;

export type Notification = Extract<SteeringEvent, { type: (typeof NOTIFICATION_TYPES)[number] }>;
const isNotification = eventsOf<Notification>(NOTIFICATION_TYPES);

const STEERING_STREAM = /^([^/]+)\/steering\/([^/]+)\/(\d{4})$/;

/** The line a notification shows, in the words of the steering round. */
export function summaryOf(event: Notification, sozialraumId: string, fiscalYear: number): string {
  const year = `${sozialraumId} ${fiscalYear}`;
  switch (event.type) {
    case 'BudgetWarningRaised':
      return `${year}: Hochrechnung ${event.data.pctOfBudget} % über ${event.data.thresholdPct} % des Budgets – Warnung`;
    case 'OverrunProcedureOpened':
      return `${year}: Überschreitungsverfahren eröffnet (${event.data.pctOfBudget} %); Steuerungsrunde fällig bis ${event.data.meetingDueBy}`;
    case 'RenegotiationTriggered':
      return `${year}: Nachverhandlung ausgelöst (${event.data.pctOfBudget} %)`;
    case 'ThresholdCrossingMoved':
      return `${year}: Schwellenüberschreitung korrigiert – ${event.data.explanation}`;
    case 'UnderrunDetected':
      return `${year}: Unterschreitung beim Monatsabschluss ${event.data.month} (Hochrechnung ${event.data.forecast} < ${event.data.underrunLine})`;
    case 'KaemmereiReported': {
      const { report } = event.data;
      return `${year}: Bericht an die Kämmerei (${event.data.reference}, ${event.data.reportNo}. Bericht) – Hochrechnung ${report.forecast} = ${report.forecastPctOfBudget} % des Budgets, Überschreitung ${report.forecastExcess}`;
    }
    case 'SupplementaryExpenditureRequested':
      return `${year}: ${event.data.kind === 'ueberplanmaessig' ? 'überplanmäßige' : 'außerplanmäßige'} Aufwendung ${event.data.amount} beantragt; entscheidet: ${event.data.competentBody}`;
    case 'SupplementaryExpenditureDecided':
      return `${year}: ${event.data.body} hat ${event.data.approved ? 'genehmigt' : 'abgelehnt'} (${event.data.decisionReference})`;
    case 'SettlementCalculated':
      return `${year}: Jahresabrechnung berechnet (${event.data.figures.outcome}${event.data.evaluation ? `, Bewertung ${event.data.evaluation.scorePct} %` : ''})`;
    case 'SettlementConfirmed':
      return `${year}: Jahresabrechnung bestätigt durch ${event.data.organisationId}`;
    case 'SettlementApplied':
      return `${year}: Jahresabrechnung auf ${event.data.toFiscalYear} angewendet (${event.data.kind} ${event.data.amount}${
        event.data.bonus && event.data.bonus !== '0.00' ? `, Prämie ${event.data.bonus}` : ''
      })`;
    case 'ProcedureStepOverdue':
    case 'FourEyesWorkPending':
    case 'SettlementConfirmationDue':
      return `${year}: Erinnerung: ${event.data.detail}`;
  }
}

/** Notifications are steering events; their rows make them queryable per tenant. */
export function notificationChanges(events: readonly StoredEvent[]): NotificationChange[] {
  const changes: NotificationChange[] = [];
  for (const event of events) {
    const match = STEERING_STREAM.exec(event.streamId);
    if (!match || !isNotification(event)) continue;
    changes.push({ kind: 'insert', table: 'steering_notifications', row: rowOf(event, match[1], match[2], Number(match[3])), onConflict: 'ignore' });
  }
  return changes;
}

function rowOf(event: StoredEventOf<Notification>, tenantId: string, sozialraumId: string, fiscalYear: number): NotificationTables['steering_notifications'] {
  return {
    event_id: event.eventId,
    global_position: event.globalPosition.toString(),
    tenant_id: tenantId,
    sozialraum_id: sozialraumId,
    fiscal_year: fiscalYear,
    type: event.type,
    business_date: event.metadata.businessDate ?? null,
    recorded_at: event.recordedAt,
    summary: summaryOf(event, sozialraumId, fiscalYear),
    data: JSON.stringify(event.data),
  };
}
