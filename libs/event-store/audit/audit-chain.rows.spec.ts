import { StoredEvent } from '../event-store.port';
import { GENESIS, chainHash, eventHash, sealSignature } from './audit-chain';
import { auditChainChanges } from './audit-chain.rows';

const event = (n: number): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  streamId: 'HRO-JA/budget/HRO-TW/2025',
  streamVersion: n,
  globalPosition: BigInt(n),
  transactionId: 500n,
  type: 'BudgetOpened',
  schemaVersion: 1,
  data: { reason: `r${n}` },
  metadata: { tenantId: 'HRO-JA', actor: { userId: 'u-1', role: 'controller', organisationId: 'HRO-JA' }, correlationId: 'c-1', businessDate: '2025-01-15' },
  recordedAt: new Date('2025-01-15T10:00:00.000Z'),
});

describe('audit chain rows', () => {
  it('links each event to the one before it, from the genesis on', () => {
    const [first, second] = [event(1), event(2)];
    const firstLink = chainHash(GENESIS, eventHash(first));
    expect(auditChainChanges(null, [first, second])).toEqual([
      {
        kind: 'insert',
        table: 'es_audit_chain',
        row: { chain_index: '1', global_position: '1', event_id: first.eventId, event_hash: eventHash(first), chain_hash: firstLink },
        onConflict: 'fail',
      },
      {
        kind: 'insert',
        table: 'es_audit_chain',
        row: {
          chain_index: '2',
          global_position: '2',
          event_id: second.eventId,
          event_hash: eventHash(second),
          chain_hash: chainHash(firstLink, eventHash(second)),
        },
        onConflict: 'fail',
      },
    ]);
  });

  it('goes on from the stored head', () => {
    const [link] = auditChainChanges({ index: 41n, hash: 'a'.repeat(64) }, [event(42)]);
    expect(link).toMatchObject({ row: { chain_index: '42', chain_hash: chainHash('a'.repeat(64), eventHash(event(42))) } });
  });

  it('seals every 1,000th link with the operator’s key and the batch’s time, and nothing without a key', () => {
    const sealedAt = '2025-01-15T10:00:01.000Z';
    const changes = auditChainChanges({ index: 998n, hash: GENESIS }, [event(999), event(1000), event(1001)], { key: 'seal-key', sealedAt });
    const rows = changes.map((c) => (c.kind === 'insert' ? c.row : null));
    expect(changes.map((c, i) => `${c.table}:${rows[i]?.chain_index}`)).toEqual([
      'es_audit_chain:999',
      'es_audit_chain:1000',
      'es_audit_seals:1000',
      'es_audit_chain:1001',
    ]);
    const head = rows[1]?.chain_hash ?? '';
    expect(changes[2]).toEqual({
      kind: 'insert',
      table: 'es_audit_seals',
      row: { chain_index: '1000', chain_hash: head, sealed_at: sealedAt, signature: sealSignature('seal-key', 1000n, head, sealedAt) },
      onConflict: 'fail',
    });
    expect(auditChainChanges({ index: 998n, hash: GENESIS }, [event(999), event(1000)]).map((c) => c.table)).toEqual(['es_audit_chain', 'es_audit_chain']);
  });
});
