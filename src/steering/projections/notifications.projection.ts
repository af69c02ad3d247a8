import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { NOTIFICATION_TYPES } from '../domain/steering.events';

const STEERING_STREAM = /^([^/]+)\/steering\/([^/]+)\/(\d{4})$/;

function summary(event: StoredEvent, sozialraumId: string, fiscalYear: number): string {
  const d: any = event.data;
  switch (event.type) {
    case 'BudgetWarningRaised':
      return `${sozialraumId} ${fiscalYear}: Hochrechnung ${d.pctOfBudget} % über ${d.thresholdPct} % des Budgets – Warnung`;
    case 'OverrunProcedureOpened':
      return `${sozialraumId} ${fiscalYear}: Überschreitungsverfahren eröffnet (${d.pctOfBudget} %); Steuerungsrunde fällig bis ${d.meetingDueBy}`;
    case 'RenegotiationTriggered':
      return `${sozialraumId} ${fiscalYear}: Nachverhandlung ausgelöst (${d.pctOfBudget} %)`;
    case 'ThresholdCrossingMoved':
      return `${sozialraumId} ${fiscalYear}: Schwellenüberschreitung korrigiert – ${d.explanation}`;
    case 'UnderrunDetected':
      return `${sozialraumId} ${fiscalYear}: Unterschreitung beim Monatsabschluss ${d.month} (Hochrechnung ${d.forecast} < ${d.underrunLine})`;
    case 'KaemmereiReported':
      return `${sozialraumId} ${fiscalYear}: Bericht an die Kämmerei (${d.reference}, ${d.reportNo}. Bericht) – Hochrechnung ${d.report.forecast} = ${d.report.forecastPctOfBudget} % des Budgets, Überschreitung ${d.report.forecastExcess}`;
    case 'SupplementaryExpenditureRequested':
      return `${sozialraumId} ${fiscalYear}: ${d.kind === 'ueberplanmaessig' ? 'überplanmäßige' : 'außerplanmäßige'} Aufwendung ${d.amount} beantragt; entscheidet: ${d.competentBody}`;
    case 'SupplementaryExpenditureDecided':
      return `${sozialraumId} ${fiscalYear}: ${d.body} hat ${d.approved ? 'genehmigt' : 'abgelehnt'} (${d.decisionReference})`;
    case 'SettlementCalculated':
      return `${sozialraumId} ${fiscalYear}: Jahresabrechnung berechnet (${d.figures.outcome})`;
    case 'SettlementConfirmed':
      return `${sozialraumId} ${fiscalYear}: Jahresabrechnung bestätigt durch ${d.organisationId}`;
    case 'SettlementApplied':
      return `${sozialraumId} ${fiscalYear}: Jahresabrechnung auf ${d.toFiscalYear} angewendet (${d.kind} ${d.amount})`;
    default:
      return `${sozialraumId} ${fiscalYear}: ${event.type}`;
  }
}

/** Notifications are steering events; this list makes them queryable per tenant. */
@Injectable()
@AsProjection('steering-notifications')
export class NotificationsProjection implements Projection {
  readonly tables = ['steering_notifications'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (!(NOTIFICATION_TYPES as readonly string[]).includes(event.type)) continue;
      const m = STEERING_STREAM.exec(event.streamId);
      if (!m) continue;
      await manager.query(
        `insert into steering_notifications (event_id, global_position, tenant_id, sozialraum_id, fiscal_year, type, business_date, recorded_at, summary, data)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing`,
        [event.eventId, event.globalPosition.toString(), m[1], m[2], Number(m[3]), event.type, event.metadata.businessDate, event.recordedAt, summary(event, m[2], Number(m[3])), JSON.stringify(event.data)],
      );
    }
  }
}
