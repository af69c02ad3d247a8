import { StoredEvent } from '../event-store.port';
import { RowChange } from '../row-changes';
import { GENESIS, chainHash, eventHash, sealSignature } from './audit-chain';

export type AuditChainTables = {
  es_audit_chain: { chain_index: string; global_position: string; event_id: string; event_hash: string; chain_hash: string };
  es_audit_seals: { chain_index: string; chain_hash: string; sealed_at: string; signature: string };
};
export type AuditChainChange = RowChange<AuditChainTables>;

/** The newest link of the chain as stored, or null before the first. */
export interface ChainHead {
  index: bigint;
  hash: string;
}

/** The operator's key and the time the seals of this batch bind the chain head to. */
export interface Sealing {
  key: string;
  sealedAt: string;
}

export const SEAL_EVERY = 1000n;

/**
 * The links a batch adds to the chain after `head`, in the events' order, and a signed seal on
 * every 1,000th link when there is a key. A link that exists already fails the batch: the chain
 * is never written twice.
 */
export function auditChainChanges(head: ChainHead | null, events: readonly StoredEvent[], sealing?: Sealing): AuditChainChange[] {
  const changes: AuditChainChange[] = [];
  let index = head?.index ?? 0n;
  let previous = head?.hash ?? GENESIS;
  for (const event of events) {
    index += 1n;
    const hash = eventHash(event);
    previous = chainHash(previous, hash);
    changes.push({
      kind: 'insert',
      table: 'es_audit_chain',
      row: { chain_index: index.toString(), global_position: event.globalPosition.toString(), event_id: event.eventId, event_hash: hash, chain_hash: previous },
      onConflict: 'fail',
    });
    if (sealing && index % SEAL_EVERY === 0n) {
      changes.push({
        kind: 'insert',
        table: 'es_audit_seals',
        row: {
          chain_index: index.toString(),
          chain_hash: previous,
          sealed_at: sealing.sealedAt,
          signature: sealSignature(sealing.key, index, previous, sealing.sealedAt),
        },
        onConflict: 'fail',
      });
    }
  }
  return changes;
}
