import { addYears } from '../../libs/calendar';
import { RetentionClass, retentionClassOf } from './text-subjects';

/** Years the free texts of each class of data are kept after the subject's last activity. */
export type RetentionPeriods = Record<RetentionClass, number>;

export interface RetentionCandidate {
  subject: string;
  /** Calendar date (Europe/Berlin) of the subject's last event. */
  lastActivity: string;
  erased: boolean;
  onHold: boolean;
}

export interface DueErasure {
  subject: string;
  retentionClass: RetentionClass;
  lastActivity: string;
  /** The first day the texts may be erased: the last activity plus the period. */
  erasableFrom: string;
}

export interface RetentionPlan {
  due: DueErasure[];
  /** Due, but under a legal hold: kept. */
  held: DueErasure[];
}

/**
 * Which subjects' free texts a retention run erases on `today`: those whose last activity lies at
 * least the period of their class back, not erased yet; those under a legal hold are listed apart
 * and kept. Subjects of no known class are never erased by a run.
 */
export function retentionPlan(candidates: readonly RetentionCandidate[], periods: RetentionPeriods, today: string): RetentionPlan {
  const plan: RetentionPlan = { due: [], held: [] };
  for (const candidate of candidates) {
    const retentionClass = retentionClassOf(candidate.subject);
    if (!retentionClass || candidate.erased) continue;
    const erasableFrom = addYears(candidate.lastActivity, periods[retentionClass]);
    if (erasableFrom > today) continue;
    const due = { subject: candidate.subject, retentionClass, lastActivity: candidate.lastActivity, erasableFrom };
    (candidate.onHold ? plan.held : plan.due).push(due);
  }
  return plan;
}
