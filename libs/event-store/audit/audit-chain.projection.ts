import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../nest/projection.decorator';
import { StoredEvent } from '../event-store.port';
import { writeRowChanges } from '../row-changes';
import { ChainHead, auditChainChanges } from './audit-chain.rows';

export const AUDIT_SEAL_KEY = Symbol('AUDIT_SEAL_KEY');

/**
 * Chains every event, in the consumers' commit-safe order, into a hash chain: changing or removing
 * a stored event afterwards breaks the chain from that link on (`npm run audit -- verify`). Every
 * 1,000 links a seal signed with the operator's key binds the chain head to a time.
 */
@Injectable()
@AsProjection('audit-chain')
export class AuditChainProjection implements Projection {
  /** Never truncated by a rebuild: the chain is the evidence. */
  readonly tables: string[] = [];

  constructor(@Optional() @Inject(AUDIT_SEAL_KEY) private readonly sealKey?: string) {}

  async handle(events: StoredEvent[], manager: Pick<EntityManager, 'query'>): Promise<void> {
    const [row]: Array<{ chain_index: string; chain_hash: string }> = await manager.query(
      'select chain_index, chain_hash from es_audit_chain order by chain_index desc limit 1',
    );
    const head: ChainHead | null = row ? { index: BigInt(row.chain_index), hash: row.chain_hash } : null;
    const sealing = this.sealKey ? { key: this.sealKey, sealedAt: new Date().toISOString() } : undefined;
    await writeRowChanges(manager, auditChainChanges(head, events, sealing));
  }
}
