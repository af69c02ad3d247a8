import { compareDecimal, formatDecimal } from './format';

/**
 * The pieces of a forecast timeline the page shows, computed on the API's strings: which entry
 * crossed which threshold of R7, and how to name an entry's cause. Pure, without React.
 */

export interface TimelinePoint {
  businessDate: string;
  pctOfBudget: string;
  cause: { kind: string; label?: string; caseRef?: string; reason?: string; id: string } | null;
  type: string;
}

export const THRESHOLDS = [
  { pct: '100', label: 'Warnschwelle' },
  { pct: '105', label: 'Überschreitungsverfahren' },
  { pct: '110', label: 'Nachverhandlung' },
] as const;

export type ThresholdPct = (typeof THRESHOLDS)[number]['pct'];

export interface Crossing {
  /** Index of the entry whose change crossed the threshold. */
  index: number;
  threshold: ThresholdPct;
  label: string;
}

/**
 * Every upward crossing of 100, 105 and 110 % of B (R7: above the threshold, not at it): the
 * entry whose share of B is above a threshold the entry before it was not above. The first entry
 * is compared with 0 %. A share that falls back and rises again crosses again.
 */
export function findCrossings(entries: readonly Pick<TimelinePoint, 'pctOfBudget'>[]): Crossing[] {
  const crossings: Crossing[] = [];
  let previous = '0';
  entries.forEach((entry, index) => {
    for (const threshold of THRESHOLDS) {
      if (compareDecimal(previous, threshold.pct) <= 0 && compareDecimal(entry.pctOfBudget, threshold.pct) > 0) {
        crossings.push({ index, threshold: threshold.pct, label: threshold.label });
      }
    }
    previous = entry.pctOfBudget;
  });
  return crossings;
}

const CAUSE_KINDS: Record<string, string> = {
  approval: 'Bewilligung',
  subsidy: 'Zuwendung',
  'flexible-item': 'Flexible Maßnahme',
  budget: 'Budget',
};

/** "Bewilligung TW-25-001 (Tagesgruppe)"; without a cause the event type. */
export function describeCause(entry: Pick<TimelinePoint, 'cause' | 'type'>): string {
  const cause = entry.cause;
  if (!cause) return entry.type;
  const kind = CAUSE_KINDS[cause.kind] ?? cause.kind;
  const reference = cause.caseRef ?? (cause.kind === 'budget' ? undefined : cause.id);
  const details = [cause.label, cause.reason].filter((text): text is string => !!text && text !== reference);
  return [kind, reference].filter(Boolean).join(' ') + (details.length ? ` (${details.join('; ')})` : '');
}

/** "Warnschwelle (100 %)". */
export function thresholdLabel(crossing: Pick<Crossing, 'label' | 'threshold'>): string {
  return `${crossing.label} (${formatDecimal(crossing.threshold, 0)}\u00a0%)`;
}
