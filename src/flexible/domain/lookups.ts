import { NotFound } from '../../../libs/ddd/domain-error';
import { FlexibleBudgetState } from './flexible-budget';
import { Activity, Subsidy } from './flexible-state';

/**
 * A subsidy of this budget. With `providerId` (a provider user acting) another provider's
 * subsidy answers as missing, so its existence is not revealed.
 */
export function subsidyOf(state: FlexibleBudgetState, subsidyId: string, providerId?: string): Subsidy {
  const subsidy = state.flexible.subsidies[subsidyId];
  if (!subsidy || (providerId !== undefined && subsidy.providerId !== providerId)) {
    throw new NotFound('subsidy-not-found', `there is no subsidy ${subsidyId} in this budget`);
  }
  return subsidy;
}

export function activityOf(state: FlexibleBudgetState, activityId: string, providerId?: string): Activity {
  const activity = state.flexible.activities[activityId];
  if (!activity || (providerId !== undefined && activity.providerId !== providerId)) {
    throw new NotFound('activity-not-found', `there is no activity ${activityId} in this budget`);
  }
  return activity;
}
