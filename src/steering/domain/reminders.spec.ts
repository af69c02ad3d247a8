import { DEFAULT_REMINDER_RULES, dueReminders, isoWeek } from './reminders';
import { SteeringState, initialSteeringState } from './steering-stream';

const procedure = (over: Partial<NonNullable<SteeringState['procedure']>> = {}): SteeringState['procedure'] =>
  ({
    procedureId: 'UEV-HRO-TW-2025',
    openedOn: '2025-03-03',
    meetingDueBy: '2025-03-17',
    crossingWithdrawnOn: null,
    meetings: [],
    requests: [],
    kaemmereiReports: [],
    closed: null,
    ...over,
  }) as SteeringState['procedure'];
const settlement = (confirmations: Array<{ party: 'jugendamt' | 'lead-provider'; organisationId: string; on: string }>) =>
  ({ settlementId: 'ABR-HRO-TW-2025', calculatedOn: '2026-01-21', confirmations, applied: false }) as unknown as SteeringState['settlement'];
const none = new Set<string>();

describe('reminders of waiting work', () => {
  it('numbers weeks as ISO 8601 does, also across the turn of the year', () => {
    expect(isoWeek('2025-03-20')).toBe('2025-W12');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });

  it('recalls the steering meeting of an open procedure once it is past due, once a week', () => {
    const state = { ...initialSteeringState, procedure: procedure() };
    expect(dueReminders(state, [], '2025-03-17', DEFAULT_REMINDER_RULES, none)).toEqual([]);
    const [due] = dueReminders(state, [], '2025-03-18', DEFAULT_REMINDER_RULES, none);
    expect(due).toMatchObject({
      type: 'ProcedureStepOverdue',
      data: { reminderId: 'procedure-step/UEV-HRO-TW-2025/steering-meeting/2025-W12', dueBy: '2025-03-17' },
    });
    expect(due.data.detail).toContain('bis 17.03.2025 fällig');
    expect(dueReminders(state, [], '2025-03-20', DEFAULT_REMINDER_RULES, new Set([due.data.reminderId]))).toEqual([]);
    expect(dueReminders(state, [], '2025-03-24', DEFAULT_REMINDER_RULES, new Set([due.data.reminderId]))).toHaveLength(1);
  });

  it('says nothing of a meeting held, a procedure closed or a crossing withdrawn', () => {
    for (const p of [
      procedure({ meetings: [{ procedureId: 'x', heldOn: '2025-03-10', participants: [], measures: [], recordedOn: '2025-03-10' }] as never }),
      procedure({ closed: { outcome: 'erledigt', closedOn: '2025-03-12' } }),
      procedure({ crossingWithdrawnOn: '2025-03-10' }),
    ])
      expect(dueReminders({ ...initialSteeringState, procedure: p }, [], '2025-04-01', DEFAULT_REMINDER_RULES, none)).toEqual([]);
  });

  it('recalls invoices waiting longer than the rule allows, listing each', () => {
    const waiting = [
      { kind: 'invoice', id: 'TW-25-001-B1-R1', description: 'Rechnung R1', since: '2025-02-03' },
      { kind: 'invoice', id: 'TW-25-001-B1-R2', description: 'Rechnung R2', since: '2025-02-08' },
    ];
    const [due] = dueReminders(initialSteeringState, waiting, '2025-02-10', DEFAULT_REMINDER_RULES, none);
    expect(due).toMatchObject({ type: 'FourEyesWorkPending', data: { olderThanDays: 5, items: [{ id: 'TW-25-001-B1-R1', since: '2025-02-03' }] } });
    expect(due.data.detail).toBe('1 Vorgang wartet länger als 5 Tage auf die Prüfung oder Anordnung, der älteste seit 03.02.2025.');
    expect(dueReminders(initialSteeringState, waiting, '2025-02-08', DEFAULT_REMINDER_RULES, none)).toEqual([]);
  });

  it('recalls a settlement still lacking a confirmation after the days the rule gives, naming who has not confirmed', () => {
    const one = settlement([{ party: 'jugendamt', organisationId: 'HRO-JA', on: '2026-01-22' }]);
    expect(dueReminders({ ...initialSteeringState, settlement: one }, [], '2026-02-03', DEFAULT_REMINDER_RULES, none)).toEqual([]);
    const [due] = dueReminders({ ...initialSteeringState, settlement: one }, [], '2026-02-04', DEFAULT_REMINDER_RULES, none);
    expect(due).toMatchObject({ type: 'SettlementConfirmationDue', data: { missing: ['lead-provider'] } });
    expect(due.data.detail).toBe('Die Jahresabrechnung ABR-HRO-TW-2025 vom 21.01.2026 wartet auf die Bestätigung durch den federführenden Träger.');
    const both = settlement([
      { party: 'jugendamt', organisationId: 'HRO-JA', on: '2026-01-22' },
      { party: 'lead-provider', organisationId: 'TR-E', on: '2026-01-23' },
    ]);
    expect(dueReminders({ ...initialSteeringState, settlement: both }, [], '2026-03-01', DEFAULT_REMINDER_RULES, none)).toEqual([]);
  });
});
