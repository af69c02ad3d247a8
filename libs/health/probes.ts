import { ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ReadinessChecks } from './readiness-checks';

export interface ProbeAnswer {
  status: 200 | 503;
  body: HealthCheckResult | Record<string, unknown>;
}

/** Liveness: the process answers. The database is not asked: its outage is no reason to restart. */
export async function liveness(health: HealthCheckService): Promise<ProbeAnswer> {
  return { status: 200, body: await health.check([]) };
}

/** Readiness: database, no migration running, projections current (see ReadinessChecks). */
export async function readiness(health: HealthCheckService, checks: ReadinessChecks, maxLagSeconds: number): Promise<ProbeAnswer> {
  try {
    const body = await health.check([() => checks.database(), () => checks.migrations(), () => checks.projectionsCurrent(maxLagSeconds)]);
    return { status: 200, body };
  } catch (error) {
    // Terminus refuses with its result as the body; that body, not a problem, is the answer.
    if (!(error instanceof ServiceUnavailableException)) throw error;
    return { status: 503, body: error.getResponse() as Record<string, unknown> };
  }
}
