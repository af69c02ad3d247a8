import type { SteeringOverview } from '../api/types';
import { formatDate } from '../format';

export interface ProcedureSummary {
  /** For sorting: 4 renegotiation, 3 open procedure, 2 warning, 1 closed procedure, 0 nothing. */
  rank: number;
  text: string;
  /** A note that needs attention, e.g. the steering meeting is overdue. */
  alert?: string;
}

/** What the steering state of a Sozialraum-year says in one line (R7). */
export function summariseProcedure(steering: SteeringOverview): ProcedureSummary {
  const { procedure, crossings } = steering;
  if (procedure && !procedure.closed) {
    const parts = [`Überschreitungsverfahren offen seit ${formatDate(procedure.openedOn)}`];
    if (crossings.renegotiation) parts.push(`Nachverhandlung seit ${formatDate(crossings.renegotiation.businessDate)}`);
    if (!procedure.meetingOverdue && procedure.meetings.length === 0) parts.push(`Steuerungsrunde bis ${formatDate(procedure.meetingDueBy)}`);
    return {
      rank: crossings.renegotiation ? 4 : 3,
      text: parts.join(', '),
      alert: procedure.meetingOverdue ? `Steuerungsrunde überfällig (fällig bis ${formatDate(procedure.meetingDueBy)})` : undefined,
    };
  }
  if (procedure?.closed) {
    return { rank: 1, text: `Überschreitungsverfahren abgeschlossen am ${formatDate(procedure.closed.closedOn)}` };
  }
  if (crossings.warning) return { rank: 2, text: `Warnschwelle überschritten am ${formatDate(crossings.warning.businessDate)}` };
  if (steering.underrunDetectedOn) return { rank: 0, text: `Unterschreitung festgestellt am ${formatDate(steering.underrunDetectedOn)}` };
  return { rank: 0, text: 'kein Verfahren' };
}
