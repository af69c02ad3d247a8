import { addDays } from '../../../libs/calendar';
import { SteeringState } from './steering-stream';
import { ReminderEvent } from './reminder.events';

/** How long work may wait before people are reminded of it (configuration, in days). */
export interface ReminderRules {
  /** Invoices waiting for a verification or the payment order longer than this. */
  fourEyesDays: number;
  /** A calculated settlement not confirmed by both parties after this many days. */
  confirmationDays: number;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = { fourEyesDays: 5, confirmationDays: 14 };

/** Work of the year still waiting, with the day it began to wait (the pending work of the year close). */
export interface WaitingItem {
  kind: string;
  id: string;
  description: string;
  since: string;
}

/**
 * The ISO week of a day ("2025-W07"): a reminder is raised at most once per subject and week, so
 * work that stays overdue is recalled weekly instead of every time the scheduler looks.
 */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// Accusative: "wartet auf die Bestätigung durch …".
const PARTY_NAMES = { jugendamt: 'das Jugendamt', 'lead-provider': 'den federführenden Träger' } as const;

function germanDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/**
 * What a Sozialraum-year should remind people of today (Europe/Berlin): the steering meeting of an
 * open overrun procedure past its 14 days (R7), work waiting for the four eyes longer than the rule
 * allows, and a settlement still lacking a confirmation. Each reminder has an id of its subject and
 * week; one the stream already holds is not raised again.
 */
export function dueReminders(state: SteeringState, waiting: WaitingItem[], today: string, rules: ReminderRules, raised: ReadonlySet<string>): ReminderEvent[] {
  const week = isoWeek(today);
  const events: ReminderEvent[] = [];
  const procedure = state.procedure;
  if (procedure && !procedure.closed && !procedure.crossingWithdrawnOn && procedure.meetings.length === 0 && procedure.meetingDueBy < today) {
    const reminderId = `procedure-step/${procedure.procedureId}/steering-meeting/${week}`;
    if (!raised.has(reminderId))
      events.push({
        type: 'ProcedureStepOverdue',
        data: {
          reminderId,
          procedureId: procedure.procedureId,
          step: 'steering-meeting',
          dueBy: procedure.meetingDueBy,
          detail: `Die Steuerungsrunde des Überschreitungsverfahrens ${procedure.procedureId} war bis ${germanDate(procedure.meetingDueBy)} fällig und ist nicht gebucht.`,
        },
      });
  }
  const limit = addDays(today, -rules.fourEyesDays);
  const old = waiting.filter((w) => w.since < limit);
  if (old.length) {
    const reminderId = `four-eyes/${week}`;
    if (!raised.has(reminderId))
      events.push({
        type: 'FourEyesWorkPending',
        data: {
          reminderId,
          olderThanDays: rules.fourEyesDays,
          items: old.map(({ id, description, since }) => ({ id, description, since })),
          detail: `${old.length === 1 ? '1 Vorgang wartet' : `${old.length} Vorgänge warten`} länger als ${rules.fourEyesDays} Tage auf die Prüfung oder Anordnung, der älteste seit ${germanDate(
            old.map((w) => w.since).sort()[0],
          )}.`,
        },
      });
  }
  const settlement = state.settlement;
  if (settlement && settlement.confirmations.length < 2 && addDays(settlement.calculatedOn, rules.confirmationDays) <= today) {
    const missing = (['jugendamt', 'lead-provider'] as const).filter((p) => !settlement.confirmations.some((c) => c.party === p));
    const reminderId = `settlement-confirmation/${settlement.settlementId}/${week}`;
    if (!raised.has(reminderId))
      events.push({
        type: 'SettlementConfirmationDue',
        data: {
          reminderId,
          settlementId: settlement.settlementId,
          calculatedOn: settlement.calculatedOn,
          missing,
          detail: `Die Jahresabrechnung ${settlement.settlementId} vom ${germanDate(settlement.calculatedOn)} wartet auf die Bestätigung durch ${missing
            .map((p) => PARTY_NAMES[p])
            .join(' und ')}.`,
        },
      });
  }
  return events;
}
