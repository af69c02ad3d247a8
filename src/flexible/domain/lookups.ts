import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { FLEXIBLE_PROBLEMS } from '../flexible.problems';
import { FlexibleBudgetState } from './flexible-budget';
import { Activity, Subsidy } from './flexible-state';

/**
 * A subsidy of this budget. With `providerId` (a provider user acting) another provider's
 * subsidy answers as missing, so its existence is not revealed.
 */
export function subsidyOf(state: FlexibleBudgetState, subsidyId: string, providerId?: string): Subsidy {
  const subsidy = state.flexible.subsidies[subsidyId];
  if (!subsidy || (providerId !== undefined && subsidy.providerId !== providerId)) {
    throw new NotFound(
      FLEXIBLE_PROBLEMS['subsidy-not-found'],
      text(`In diesem Budget gibt es keine Zuwendung ${subsidyId}.`, `There is no subsidy ${subsidyId} in this budget.`),
    );
  }
  return subsidy;
}

export function activityOf(state: FlexibleBudgetState, activityId: string, providerId?: string): Activity {
  const activity = state.flexible.activities[activityId];
  if (!activity || (providerId !== undefined && activity.providerId !== providerId)) {
    throw new NotFound(
      FLEXIBLE_PROBLEMS['activity-not-found'],
      text(`In diesem Budget gibt es keine Aktivität ${activityId}.`, `There is no activity ${activityId} in this budget.`),
    );
  }
  return activity;
}
