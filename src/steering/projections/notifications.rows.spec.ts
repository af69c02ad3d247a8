import { stored } from '../../../test/support/stored-event';
import { SteeringEvent } from '../domain/steering.events';
import { LedgerBook } from '../domain/ledger-book';
import { Notification, notificationChanges, summaryOf } from './notifications.rows';

const STREAM = 'HRO-JA/steering/HRO-TW/2025';
const at = new Date('2025-06-12T07:00:00.000Z');
const crossing = {
  sozialraumId: 'HRO-TW',
  fiscalYear: 2025,
  thresholdPct: '90.00',
  forecast: '920000.00',
  budget: '1000000.00',
  pctOfBudget: '92.00',
  causeEventId: 'e-1',
};

describe('notification rows', () => {
  it('lists a notification of a steering stream with its Sozialraum-year, business date, summary and data', () => {
    const event = stored(STREAM, { type: 'BudgetWarningRaised', data: { ...crossing, kind: 'warning' }, businessDate: '2025-06-10' }, { recordedAt: at });
    expect(notificationChanges([event])).toEqual([
      {
        kind: 'insert',
        table: 'steering_notifications',
        row: {
          event_id: event.eventId,
          global_position: event.globalPosition.toString(),
          tenant_id: 'HRO-JA',
          sozialraum_id: 'HRO-TW',
          fiscal_year: 2025,
          type: 'BudgetWarningRaised',
          business_date: '2025-06-10',
          recorded_at: at,
          summary: 'HRO-TW 2025: Hochrechnung 92.00 % über 90.00 % des Budgets – Warnung',
          data: JSON.stringify({ ...crossing, kind: 'warning' }),
        },
        onConflict: 'ignore',
      },
    ]);
  });

  it('leaves out steering events that notify nobody, and events of other streams', () => {
    const monthClosed: SteeringEvent = {
      type: 'MonthClosed',
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        month: '2025-05',
        monitoringList: new LedgerBook('HRO-TW', 2025).monitoringList(),
        forecast: '1.00',
        budget: '2.00',
        pctOfBudget: '50.00',
        logPosition: '7',
      },
    };
    const elsewhere = stored('HRO-JA/budget/HRO-TW/2025', { type: 'BudgetWarningRaised', data: { ...crossing, kind: 'warning' } });
    expect(notificationChanges([stored(STREAM, monthClosed), elsewhere])).toEqual([]);
  });

  it.each<{ event: Notification; summary: string }>([
    {
      event: { type: 'OverrunProcedureOpened', data: { ...crossing, kind: 'procedure', procedureId: 'UV-1', meetingDueBy: '2025-06-24' } },
      summary: 'HRO-TW 2025: Überschreitungsverfahren eröffnet (92.00 %); Steuerungsrunde fällig bis 2025-06-24',
    },
    { event: { type: 'RenegotiationTriggered', data: { ...crossing, kind: 'renegotiation' } }, summary: 'HRO-TW 2025: Nachverhandlung ausgelöst (92.00 %)' },
    {
      event: {
        type: 'ThresholdCrossingMoved',
        data: { kind: 'warning', previousDate: '2025-06-10', newDate: '2025-05-30', causeEventId: 'e-2', explanation: 'Rückdatierte Bewilligung' },
      },
      summary: 'HRO-TW 2025: Schwellenüberschreitung korrigiert – Rückdatierte Bewilligung',
    },
    {
      event: {
        type: 'UnderrunDetected',
        data: {
          sozialraumId: 'HRO-TW',
          fiscalYear: 2025,
          month: '2025-09',
          forecast: '700000.00',
          budget: '1000000.00',
          underrunLine: '800000.00',
          pctOfBudget: '70.00',
        },
      },
      summary: 'HRO-TW 2025: Unterschreitung beim Monatsabschluss 2025-09 (Hochrechnung 700000.00 < 800000.00)',
    },
    {
      event: {
        type: 'SupplementaryExpenditureRequested',
        data: {
          procedureId: 'UV-1',
          requestId: 'UV-1-A1',
          kind: 'ueberplanmaessig',
          amount: '20000.00',
          justification: 'x',
          coverSource: 'y',
          competentBody: 'Bürgerschaft',
        },
      },
      summary: 'HRO-TW 2025: überplanmäßige Aufwendung 20000.00 beantragt; entscheidet: Bürgerschaft',
    },
    {
      event: {
        type: 'SupplementaryExpenditureRequested',
        data: {
          procedureId: 'UV-1',
          requestId: 'UV-1-A2',
          kind: 'ausserplanmaessig',
          amount: '5.00',
          justification: 'x',
          coverSource: 'y',
          competentBody: 'Kämmerer',
        },
      },
      summary: 'HRO-TW 2025: außerplanmäßige Aufwendung 5.00 beantragt; entscheidet: Kämmerer',
    },
    {
      event: {
        type: 'SupplementaryExpenditureDecided',
        data: { procedureId: 'UV-1', requestId: 'UV-1-A1', body: 'Bürgerschaft', approved: false, decisionReference: 'BV-9', note: null },
      },
      summary: 'HRO-TW 2025: Bürgerschaft hat abgelehnt (BV-9)',
    },
    {
      event: { type: 'SettlementConfirmed', data: { settlementId: 'S-1', party: 'lead-provider', organisationId: 'TR-E' } },
      summary: 'HRO-TW 2025: Jahresabrechnung bestätigt durch TR-E',
    },
    {
      event: { type: 'SettlementApplied', data: { settlementId: 'S-1', toFiscalYear: 2026, kind: 'carry-forward', amount: '12000.00' } },
      summary: 'HRO-TW 2025: Jahresabrechnung auf 2026 angewendet (carry-forward 12000.00)',
    },
  ])('summarises $event.type: $summary', ({ event, summary }) => {
    expect(summaryOf(event, 'HRO-TW', 2025)).toBe(summary);
  });

  it('summarises a report to the Kämmerei and a calculated settlement by their figures', () => {
    const report = { forecast: '1050000.00', forecastPctOfBudget: '105.00', forecastExcess: '50000.00' };
    const reported = {
      type: 'KaemmereiReported',
      data: { procedureId: 'UV-1', reportNo: 2, reportedOn: '2025-07-01', reference: 'KB-7', report, logPosition: '9' },
    } as unknown as Notification;
    expect(summaryOf(reported, 'HRO-TW', 2025)).toBe(
      'HRO-TW 2025: Bericht an die Kämmerei (KB-7, 2. Bericht) – Hochrechnung 1050000.00 = 105.00 % des Budgets, Überschreitung 50000.00',
    );
    const calculated = { type: 'SettlementCalculated', data: { settlementId: 'S-1', figures: { outcome: 'savings' } } } as unknown as Notification;
    expect(summaryOf(calculated, 'HRO-TW', 2025)).toBe('HRO-TW 2025: Jahresabrechnung berechnet (savings)');
  });
});
