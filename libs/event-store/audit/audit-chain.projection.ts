import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../nest/projection.decorator';
import { StoredEvent } from '../event-store.port';
import { writeRowChanges } from '../row-changes';
import { ChainHead, auditChainChanges } from './audit-chain.rows';
import { AUDIT_RECORD_COLUMNS, AuditRecordRow, auditRecordOf } from './audit-record';
import { auditTreeChanges, readEdges, viaManager } from './audit-tree';

export const AUDIT_SEAL_KEY = Symbol('AUDIT_SEAL_KEY');

/**
 * Keeps the evidence of the log, in the consumers' commit-safe order: a hash chain over every
 * event (changing or removing a stored event breaks it from that link on, `npm run audit --
 * verify`; every 1,000 links a seal signed with the operator's key binds the head to a time), and
 * each tenant's Merkle tree, a leaf per event computed from its row as stored (not as upcasters
 * present it), which signed checkpoints pin for auditors outside the system.
 */
@Injectable()
@AsProjection('audit-chain')
export class AuditChainProjection implements Projection {
  /** Never truncated by a rebuild: the chain and the trees are the evidence. */
  readonly tables: string[] = [];

  constructor(@Optional() @Inject(AUDIT_SEAL_KEY) private readonly sealKey?: string) {}

  async handle(events: StoredEvent[], manager: Pick<EntityManager, 'query'>): Promise<void> {
    if (events.length === 0) return;
    const [row]: Array<{ chain_index: string; chain_hash: string }> = await manager.query(
      'select chain_index, chain_hash from es_audit_chain order by chain_index desc limit 1',
    );
    const head: ChainHead | null = row ? { index: BigInt(row.chain_index), hash: row.chain_hash } : null;
    const sealing = this.sealKey ? { key: this.sealKey, sealedAt: new Date().toISOString() } : undefined;
    await writeRowChanges(manager, auditChainChanges(head, events, sealing));
    await this.growTrees(events, manager);
  }

  private async growTrees(events: StoredEvent[], manager: Pick<EntityManager, 'query'>): Promise<void> {
    const run = viaManager(manager);
    const rows = await run<AuditRecordRow>(`select ${AUDIT_RECORD_COLUMNS} from es_events e where e.global_position = any($1::bigint[])`, [
      events.map((e) => e.globalPosition.toString()),
    ]);
    const byPosition = new Map(rows.map((r) => [r.position, r]));
    const records = events.map((event) => {
      const stored = byPosition.get(event.globalPosition.toString());
      if (!stored) throw new Error(`the event at position ${event.globalPosition} vanished from es_events while the audit tree took it up`);
      return auditRecordOf(stored);
    });
    const edges = await readEdges(run, [...new Set(records.map((r) => r.tenantId))]);
    await writeRowChanges(manager, auditTreeChanges(edges, records));
  }
}
