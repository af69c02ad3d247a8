import { randomUUID } from 'node:crypto';
import { CommandContext } from './command-context';

/** The context of events the system raises by itself (process managers), for one tenant. */
export function systemContext(tenantId: string, businessDate: string, causationId: string | null = null): CommandContext {
  const id = randomUUID();
  return {
    tenantId,
    actor: { userId: 'system', role: 'system', organisationId: tenantId },
    roles: [],
    correlationId: causationId ?? id,
    causationId,
    requestId: id,
    businessDate,
  };
}
