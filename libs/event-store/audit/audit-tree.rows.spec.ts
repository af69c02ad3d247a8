import { MemoryTree, rootPlan } from '../../merkle';
import { AuditRecord, auditLeafData, auditLeafHash } from './audit-record';
import { AuditTreeChange, auditTreeChanges } from './audit-tree';

const record = (n: number, tenantId = 'HRO-JA', type = 'BudgetAmended'): AuditRecord => ({
  position: String(100 + n),
  transactionId: String(900 + n),
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  streamId: `${tenantId}/budget/HRO-TW/2025`,
  streamVersion: n,
  tenantId,
  type,
  schemaVersion: 1,
  data: { amount: `${n}.00`, reason: 'Nachtrag' },
  metadata: { tenantId, actor: { userId: 'u-1', role: 'controller', organisationId: tenantId }, correlationId: 'c-1', businessDate: '2025-01-15' },
  businessDate: '2025-01-15',
  recordedAt: '2025-01-15T10:00:00.123456Z',
  appendSignature: null,
});

const rowsOf = (changes: AuditTreeChange[], table: string) => changes.filter((c) => c.table === table).map((c) => (c.kind === 'update' ? c.set : c.row));

describe('the leaf of an event', () => {
  it('is canonical JSON of every stored column and the format name, keys sorted, and hashes as RFC 9162 leaf', () => {
    expect(auditLeafData(record(1)).toString('utf8')).toBe(
      '{"businessDate":"2025-01-15","data":{"amount":"1.00","reason":"Nachtrag"},"eventId":"00000000-0000-4000-8000-000000000001",' +
        '"format":"sozialraum-budget/event/v1","metadata":{"actor":{"organisationId":"HRO-JA","role":"controller","userId":"u-1"},' +
        '"businessDate":"2025-01-15","correlationId":"c-1","tenantId":"HRO-JA"},"position":"101","recordedAt":"2025-01-15T10:00:00.123456Z",' +
        '"schemaVersion":1,"streamId":"HRO-JA/budget/HRO-TW/2025","streamVersion":1,"tenantId":"HRO-JA","transactionId":"901","type":"BudgetAmended"}',
    );
    // The order of keys in the stored JSON does not matter; every value does.
    const reordered = { ...record(1), data: { reason: 'Nachtrag', amount: '1.00' } };
    expect(auditLeafHash(reordered)).toEqual(auditLeafHash(record(1)));
    const fields: Array<keyof AuditRecord> = ['position', 'transactionId', 'eventId', 'streamId', 'tenantId', 'type', 'businessDate', 'recordedAt'];
    for (const field of fields) expect(auditLeafHash({ ...record(1), [field]: `${record(1)[field]}x` })).not.toEqual(auditLeafHash(record(1)));
    expect(auditLeafHash({ ...record(1), businessDate: null })).not.toEqual(auditLeafHash(record(1)));
    expect(auditLeafHash({ ...record(1), streamVersion: 2 })).not.toEqual(auditLeafHash(record(1)));
    expect(auditLeafHash({ ...record(1), schemaVersion: 2 })).not.toEqual(auditLeafHash(record(1)));
  });
});

describe('audit tree rows', () => {
  it('adds a leaf per event to its tenant’s tree, the subtrees each completes, and the new sizes', () => {
    const records = [record(1), record(2), record(3, 'HRO-XX'), record(4), record(5)];
    const changes = auditTreeChanges(new Map(), records);
    expect(rowsOf(changes, 'es_audit_leaves').map((r: any) => [r.tenant_id, r.leaf_index, r.global_position])).toEqual([
      ['HRO-JA', '0', '101'],
      ['HRO-JA', '1', '102'],
      ['HRO-XX', '0', '103'],
      ['HRO-JA', '2', '104'],
      ['HRO-JA', '3', '105'],
    ]);
    expect(rowsOf(changes, 'es_audit_nodes').map((r: any) => [r.tenant_id, r.level, r.node_index])).toEqual([
      ['HRO-JA', 1, '0'],
      ['HRO-JA', 1, '1'],
      ['HRO-JA', 2, '0'],
    ]);
    expect(rowsOf(changes, 'es_audit_trees')).toEqual([
      { tenant_id: 'HRO-JA', size: '4' },
      { tenant_id: 'HRO-XX', size: '1' },
    ]);
    const tree = new MemoryTree();
    for (const r of records.filter((r) => r.tenantId === 'HRO-JA')) tree.append(auditLeafHash(r));
    expect((rowsOf(changes, 'es_audit_nodes')[2] as any).hash).toEqual(tree.root(4));
    expect(changes.every((c) => c.kind !== 'insert' || c.onConflict === 'fail')).toBe(true);
  });

  it('goes on from the stored edge of a tree, as if the batches had been one', () => {
    const records = Array.from({ length: 11 }, (_, i) => record(i + 1));
    const tree = new MemoryTree();
    records.slice(0, 6).forEach((r) => tree.append(auditLeafHash(r)));
    const edge = rootPlan(6).map((node) => tree.node(node));
    const continued = auditTreeChanges(new Map([['HRO-JA', { size: 6, edge }]]), records.slice(6));
    const whole = auditTreeChanges(new Map(), records);
    const key = (r: any) => `${r.level ?? 0}:${r.leaf_index ?? r.node_index}:${(r.leaf_hash ?? r.hash).toString('hex')}`;
    const inWhole = new Set([...rowsOf(whole, 'es_audit_leaves'), ...rowsOf(whole, 'es_audit_nodes')].map(key));
    const added = [...rowsOf(continued, 'es_audit_leaves'), ...rowsOf(continued, 'es_audit_nodes')].map(key);
    expect(added.every((k) => inWhole.has(k))).toBe(true);
    // Leaves 6 to 10, and the subtrees they complete: 1:3, 2:1, 3:0 and 1:4.
    expect(added).toHaveLength(5 + 4);
  });
});
