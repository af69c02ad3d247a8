import { formatAmount } from '../../../libs/money';
import { by, compareNatural } from '../../../libs/order';
import { PendingItem } from '../../steering';
import { FlexibleState } from './flexible-state';

/**
 * Flexible money of a Sozialraum-year that blocks its close. The year close freezes the year's
 * expenditure (Ist) and commitments for good, so everything still undecided or unbooked blocks:
 * - an activity reported by a provider and not yet decided (approval or rejection): the decision
 *   is part of the year's commitments;
 * - an approved activity whose actual cost has not been reported: its commitment is still open
 *   and its actual expenditure unknown (the actual report books the Ist and releases the rest);
 * - a subsidy instalment of the year (every instalment falls in its year) without a payment
 *   order and not released by a reclaim: once the year is closed it could never be paid.
 * Outstanding usage reports (Verwendungsnachweise) do not block: they are due after the end of
 * the grant period, they never change the year's expenditure (paid money stays Ist, a reclaim
 * is revenue when received, R2), and the year close must not wait for them.
 */
export function flexiblePendingWork(state: FlexibleState): PendingItem[] {
  const items: PendingItem[] = [];
  for (const a of Object.values(state.activities).sort(by((a) => a.activityId, compareNatural))) {
    if (a.status === 'reported') {
      items.push({
        kind: 'activity',
        id: a.activityId,
        // The activity's own description is sealed free text: it stays out of a sentence no view opens.
        description: `Aktivität ${a.activityId} von ${a.providerId} (${formatAmount(a.requested)}) wartet auf die Entscheidung`,
      });
    } else if (a.status === 'approved') {
      items.push({
        kind: 'activity',
        id: a.activityId,
        description: `Aktivität ${a.activityId} von ${a.providerId} (${formatAmount(a.approved ?? a.requested)}) ist bewilligt, ihre tatsächlichen Kosten sind noch nicht gemeldet`,
      });
    }
  }
  for (const s of Object.values(state.subsidies).sort(by((s) => s.subsidyId, compareNatural))) {
    for (const i of s.instalments) {
      if (i.status !== 'committed') continue;
      items.push({
        kind: 'instalment',
        id: `${s.subsidyId}-${i.instalmentId}`,
        description: `Rate ${i.instalmentId} der Zuwendung ${s.subsidyId} (${s.purpose}, ${formatAmount(i.amount)} fällig am ${i.dueDate}) hat keine Zahlungsanordnung`,
      });
    }
  }
  return items;
}
