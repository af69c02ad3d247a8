import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AsProjection, Projection } from '../nest/projection.decorator';
import { StoredEvent } from '../event-store.port';
import { GENESIS, chainHash, eventHash, sealSignature } from './audit-chain';

export const AUDIT_SEAL_KEY = Symbol('AUDIT_SEAL_KEY');
const SEAL_EVERY = 1000n;

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

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const [head] = await manager.query('select chain_index, chain_hash from es_audit_chain order by chain_index desc limit 1');
    let index = head ? BigInt(head.chain_index) : 0n;
    let previous: string = head ? head.chain_hash : GENESIS;
    for (const event of events) {
      index += 1n;
      const hash = eventHash(event);
      previous = chainHash(previous, hash);
      await manager.query(
        'insert into es_audit_chain (chain_index, global_position, event_id, event_hash, chain_hash) values ($1, $2, $3, $4, $5)',
        [index.toString(), event.globalPosition.toString(), event.eventId, hash, previous],
      );
      if (this.sealKey && index % SEAL_EVERY === 0n) {
        const sealedAt = new Date().toISOString();
        await manager.query('insert into es_audit_seals (chain_index, chain_hash, sealed_at, signature) values ($1, $2, $3, $4)', [
          index.toString(),
          previous,
          sealedAt,
          sealSignature(this.sealKey, index, previous, sealedAt),
        ]);
      }
    }
  }
}
