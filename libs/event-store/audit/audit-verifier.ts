import { Pool } from 'pg';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { LOG_START, StoredEvent } from '../event-store.port';
import { GENESIS, chainHash, eventHash, sealSignature } from './audit-chain';

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  chainHead: string;
  /** Events in the log not yet chained (recent appends; the chain follows within seconds). */
  unchained: number;
  problems: string[];
  /** Problems with events outside the scope asked for (another tenant's, or no longer in the log). */
  problemsElsewhere: number;
  sealsChecked: number;
}

/**
 * Re-walks the log in chain order and recomputes every link: an edited event changes its hash, a
 * deleted one leaves a link without event, an inserted one an event without link.
 */
export async function verifyAuditChain(
  pool: Pool,
  store: PostgresEventStore,
  sealKey?: string,
  inScope?: (event: StoredEvent) => boolean,
  /** Told the events read so far (of the whole log) after every batch. */
  onProgress?: (done: number) => void,
): Promise<VerificationReport> {
  const problems: string[] = [];
  let problemsElsewhere = 0;
  const links = new Map<string, { index: string; eventHash: string; chainHash: string; eventId: string }>();
  const { rows } = await pool.query('select chain_index, global_position, event_id, event_hash, chain_hash from es_audit_chain order by chain_index');
  rows.forEach((r) => links.set(r.global_position, { index: r.chain_index, eventHash: r.event_hash, chainHash: r.chain_hash, eventId: r.event_id }));
  let previous = GENESIS;
  let read = 0;
  let checked = 0;
  let unchained = 0;
  const seen = new Set<string>();
  for (let checkpoint = LOG_START; ;) {
    const batch = await store.readAll({ after: checkpoint, batchSize: 2000 });
    if (batch.events.length === 0) break;
    checkpoint = batch.checkpoint;
    read += batch.events.length;
    onProgress?.(read);
    for (const event of batch.events) {
      const link = links.get(event.globalPosition.toString());
      if (!link) {
        if (!inScope || inScope(event)) unchained++;
        continue;
      }
      seen.add(event.globalPosition.toString());
      // The chain runs through every tenant's events; only those in scope are named and counted.
      const visible = !inScope || inScope(event);
      if (visible) checked++;
      const report = (problem: string) => (visible ? problems.push(problem) : problemsElsewhere++);
      const hash = eventHash(event);
      if (hash !== link.eventHash) report(`event ${event.eventId} at position ${event.globalPosition} (link ${link.index}) was altered after it was recorded`);
      const expected = chainHash(previous, link.eventHash);
      if (expected !== link.chainHash) report(`chain broken at link ${link.index} (position ${event.globalPosition})`);
      previous = link.chainHash;
    }
  }
  for (const [position, link] of links) {
    if (seen.has(position)) continue;
    // Whose event is gone cannot be told any more: named when the whole log is in scope.
    if (inScope) problemsElsewhere++;
    else problems.push(`event ${link.eventId} at position ${position} (link ${link.index}) is missing from the log`);
  }
  let sealsChecked = 0;
  if (sealKey) {
    const seals = await pool.query(
      'select s.chain_index, s.chain_hash, s.sealed_at, s.signature, c.chain_hash as linked from es_audit_seals s left join es_audit_chain c using (chain_index) order by s.chain_index',
    );
    for (const seal of seals.rows) {
      sealsChecked++;
      if (sealSignature(sealKey, BigInt(seal.chain_index), seal.chain_hash, new Date(seal.sealed_at).toISOString()) !== seal.signature)
        problems.push(`seal at link ${seal.chain_index} has an invalid signature`);
      if (seal.linked !== seal.chain_hash) problems.push(`seal at link ${seal.chain_index} does not match the chain`);
    }
  }
  return {
    ok: problems.length === 0 && problemsElsewhere === 0,
    eventsChecked: checked,
    chainHead: previous,
    unchained,
    problems,
    problemsElsewhere,
    sealsChecked,
  };
}
