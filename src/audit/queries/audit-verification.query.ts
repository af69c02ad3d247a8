import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { PostgresEventStore } from '../../../libs/event-store/postgres/postgres-event-store';
import { AUDIT_SEAL_KEY } from '../../../libs/event-store/audit/audit-chain.projection';
import { VerificationReport, verifyAuditChain } from '../../../libs/event-store/audit/audit-verifier';

@Injectable()
export class AuditVerificationQuery {
  constructor(
    private readonly store: PostgresEventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AUDIT_SEAL_KEY) private readonly sealKey: string | undefined,
  ) {}

  /**
   * Recomputes the hash chain over the whole log: the chain links every tenant's events in one
   * order, so a gap anywhere breaks it. The report names and counts only the tenant's own events;
   * problems elsewhere (another tenant's events, or events no longer in the log) are only counted,
   * and make the answer not ok.
   */
  async verify(tenantId: string): Promise<VerificationReport & { verifiedAt: string; sealKeyConfigured: boolean }> {
    const report = await verifyAuditChain(this.pool, this.store, this.sealKey, (event) => event.metadata.tenantId === tenantId);
    return { ...report, verifiedAt: new Date().toISOString(), sealKeyConfigured: Boolean(this.sealKey) };
  }
}
