import { KeyObject, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client, PoolClient } from 'pg';
import { CliIo } from '../../libs/cli/cli';
import { OfflineReport, verifyOffline } from '../../libs/event-store/audit/offline-verification';
import { AUDIT_RECORD_COLUMNS, AuditRecordRow, auditRecordOf } from '../../libs/event-store/audit/audit-record';
import { auditTreeChanges, viaClient } from '../../libs/event-store/audit/audit-tree';
import { writeRowChanges } from '../../libs/event-store/row-changes';
import { run as audit } from '../../apps/audit-cli/audit-cli';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '../support/test-server';
import { quoteIdent } from '../../libs/database/embedded-postgres';
import { AuditLog, copyDatabase, linesOf, testKey } from './audit-log-fixture';

const TENANT = 'HRO-JA';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Appends HRO-JA's events, interleaved with another tenant's, over a few streams. */
async function fillLog(log: AuditLog, count: number, offset = 0): Promise<void> {
  for (let i = offset; i < offset + count; i++) {
    const stream = i % 3 === 0 ? `${TENANT}/case/TW-25-00${i % 2}` : `${TENANT}/budget/HRO-TW/2025`;
    await log.append(
      TENANT,
      stream,
      i % 3 === 0 ? 'ApprovalGranted' : 'BudgetAmended',
      { amount: `${i}00.00`, note: `Nr. ${i}` },
      `2025-01-${String((i % 27) + 1).padStart(2, '0')}`,
    );
    if (i % 4 === 1) await log.append('HRO-XX', 'HRO-XX/budget/XX-1/2025', 'BudgetAmended', { amount: '1.00' });
  }
}

/**
 * The offline verifier against every way of tampering a probe tried and more: each column of one
 * event, a deleted event, two swapped, a forged row put in, the whole tail rewritten with every
 * hash recomputed (without the key), a checkpoint forged, and a rollback behind a checkpoint
 * already handed out. Each is found with the position named; the untouched log verifies. The
 * tampering happens in the database behind the append-only triggers, and the auditor's export is
 * taken afterwards, as it would be.
 */
describe('offline verification of an exported log', () => {
  let database: TestDatabase;
  let log: AuditLog;
  let publicKey: KeyObject;
  let checkpoints: unknown;
  let untouched: string[];
  /** Leaf index → the export line of the untouched log. */
  const line = (leaf: number) => JSON.parse(untouched[leaf]);

  const verify = (lines: readonly string[], files: unknown[] = [checkpoints], keys: KeyObject[] = [publicKey]): Promise<OfflineReport> =>
    verifyOffline({ lines: linesOf(lines), checkpoints: files.map((content, i) => ({ name: `cp${i + 1}.json`, content })), publicKeys: keys });

  /** Tampers one row behind the triggers, exports, and puts the row back as it was. */
  async function exportTampered(position: string, tamper: (client: PoolClient) => Promise<unknown>): Promise<string[]> {
    const { rows } = await log.pool.query('select row_to_json(e) as row from es_events e where global_position = $1', [position]);
    await log.behindTheTriggers(async (client) => {
      await tamper(client);
    });
    const lines = await log.exportLines(TENANT);
    await log.behindTheTriggers(async (client) => {
      await client.query('delete from es_events where global_position = $1', [position]);
      await client.query('insert into es_events overriding system value select * from json_populate_record(null::es_events, $1::json)', [rows[0]?.row ?? null]);
    });
    expect(await log.exportLines(TENANT)).toEqual(untouched);
    return lines;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const signing = testKey();
    publicKey = signing.publicKey;
    log = new AuditLog(database.url, signing.key);
    await fillLog(log, 20);
    await log.drain();
    // Checkpoints handed out along the way, every four events.
    for (const size of [4, 8, 12, 16, 20]) await log.sign(TENANT, size);
    await log.drain();
    checkpoints = await log.checkpointFile(TENANT);
    untouched = await log.exportLines(TENANT);
  }, 120_000);

  afterAll(async () => {
    await log?.close();
    await database?.drop();
  });

  it('verifies the untouched export against every checkpoint, also through the CLI', async () => {
    const report = await verify(untouched);
    expect(report).toMatchObject({
      ok: true,
      tenantId: TENANT,
      origin: 'test.example/audit/HRO-JA',
      events: 25,
      coveredEvents: 20,
      firstMismatch: null,
      findings: [],
      problems: [],
      // Every event its own append, each signature verified with the public key.
      appendSignatures: { verifiedAppends: 25, signedEvents: 25, unsignedBeforeSigning: 0 },
    });
    // The five checkpoints of the file and the same five inside the export, as events of their own.
    expect(report.checkpoints.map((c) => [c.treeSize, c.result])).toEqual([4, 8, 12, 16, 20].map((size) => [size, 'fits']));

    const folder = mkdtempSync(join(tmpdir(), 'sozialraum-verify-'));
    try {
      writeFileSync(join(folder, 'events.ndjson'), `${untouched.join('\n')}\n`);
      writeFileSync(join(folder, 'cp.json'), JSON.stringify(checkpoints));
      writeFileSync(join(folder, 'key.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
      const call = async (argv: string[]) => {
        const io: CliIo & { stdout: Capture; stderr: Capture } = { stdout: new Capture(), stderr: new Capture(), env: {} };
        return { code: await audit(argv, io), stdout: io.stdout.text, stderr: io.stderr.text };
      };
      const args = ['--export', join(folder, 'events.ndjson'), '--checkpoints', join(folder, 'cp.json'), '--public-key', join(folder, 'key.pem')];
      const ok = await call(['verify-offline', ...args]);
      expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, events: 25 });

      const tampered = [...untouched];
      tampered[10] = tampered[10].replace('"Nr. ', '"Nr. 1');
      writeFileSync(join(folder, 'events.ndjson'), `${tampered.join('\n')}\n`);
      const failed = await call(['verify-offline', ...args]);
      expect(failed.code).toBe(1);
      expect(JSON.parse(failed.stdout).firstMismatch).toMatchObject({ leafIndex: 10, position: line(10).position, exact: true });

      // Only a public key is taken; a missing file is one line and exit code 2.
      writeFileSync(join(folder, 'private.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      const secret = await call(['verify-offline', ...args.slice(0, 4), '--public-key', join(folder, 'private.pem')]);
      expect({ code: secret.code, stderr: secret.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/holds a private key/) });
      const missing = await call(['verify-offline', '--export', join(folder, 'nothing.ndjson'), ...args.slice(2)]);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  /** The columns of es_events, each changed in a way that keeps every constraint. */
  const COLUMN_CHANGES: Array<[string, (position: string) => string]> = [
    ['event_id', () => 'event_id = gen_random_uuid()'],
    ['stream_id', () => `stream_id = 'HRO-JA/budget/HRO-XY/2025'`],
    ['stream_version', () => 'stream_version = stream_version + 100'],
    ['type', () => `type = 'BudgetOpened'`],
    ['schema_version', () => 'schema_version = schema_version + 1'],
    ['data', () => `data = jsonb_set(data, '{amount}', '"99999.00"')`],
    ['metadata', () => `metadata = jsonb_set(metadata, '{actor,userId}', '"someone-else"')`],
    ['business_date', () => `business_date = business_date + 1`],
    ['recorded_at', () => `recorded_at = recorded_at + interval '1 microsecond'`],
    ['append_signature (removed)', () => 'append_signature = null'],
    [
      'append_signature (that of another append)',
      (position) =>
        `append_signature = (select o.append_signature from es_events o where o.global_position < ${position} and o.append_signature is not null order by o.global_position desc limit 1)`,
    ],
  ];

  it.each(COLUMN_CHANGES)('finds a changed %s and names its position', async (_column, change) => {
    const target = line(10);
    const lines = await exportTampered(target.position, (client) =>
      client.query(`update es_events set ${change(target.position)} where global_position = $1`, [target.position]),
    );
    const report = await verify(lines);
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 10, position: target.position, exact: true });
    expect(report.firstMismatch!.message).toContain(`position ${target.position}`);
    // The checkpoint of size 12 no longer fits, 8 still does, and putting the recorded leaf back explains all of it.
    expect(report.checkpoints.filter((c) => c.result === 'differs').map((c) => c.treeSize)).toEqual([12, 16, 20]);
    expect(report.findingsAccountForCheckpoints).toBe(true);
  });

  it('finds a changed transaction id (the commit order) and names its position', async () => {
    const [before, target, after] = [line(9), line(10), line(11)].map((l) => BigInt(l.transactionId));
    const changed = target - 1n > before ? target - 1n : target + 1n;
    expect(changed > before && changed < after).toBe(true);
    const lines = await exportTampered(line(10).position, (client) =>
      client.query('update es_events set transaction_id = $2::text::xid8 where global_position = $1', [line(10).position, changed.toString()]),
    );
    expect((await verify(lines)).firstMismatch).toMatchObject({ leafIndex: 10, position: line(10).position, exact: true });
  });

  it("finds a changed tenant: the event is missing from its tenant's log", async () => {
    const target = line(10);
    const lines = await exportTampered(target.position, (client) =>
      client.query(`update es_events set tenant_id = 'HRO-XX' where global_position = $1`, [target.position]),
    );
    const report = await verify(lines);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 10, position: line(11).position, exact: true });
    expect(report.firstMismatch!.message).toContain(`after position ${line(9).position} are missing`);
  });

  it('finds a changed log position in the export', async () => {
    const lines = [...untouched];
    lines[10] = JSON.stringify({ ...line(10), position: String(Number(line(10).position) + 1_000_000) });
    expect((await verify(lines)).firstMismatch).toMatchObject({ leafIndex: 10, exact: true, position: String(Number(line(10).position) + 1_000_000) });
  });

  it('finds a deleted event, naming the position where the log no longer fits', async () => {
    const lines = await exportTampered(line(10).position, (client) => client.query('delete from es_events where global_position = $1', [line(10).position]));
    expect(lines).toHaveLength(untouched.length - 1);
    const report = await verify(lines);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 10, position: line(11).position, exact: true });
    expect(report.firstMismatch!.message).toContain(`1 event(s) after position ${line(9).position} are missing`);
    expect(report.findings.some((f) => f.message.includes(`whose version ${line(10).streamVersion} is missing`))).toBe(true);
  });

  it('finds two events swapped, in the export and in the database', async () => {
    const swapped = [...untouched];
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    const inFile = await verify(swapped);
    expect(inFile.firstMismatch).toMatchObject({ leafIndex: 10, position: line(11).position, exact: true });
    expect(inFile.findings.some((f) => f.message.includes('out of commit order'))).toBe(true);

    const [a, b] = [line(10), line(11)];
    const client = await log.pool.connect();
    try {
      await client.query('alter table es_events disable trigger es_events_append_only');
      await client.query(
        `update es_events e set data = o.data from es_events o
          where (e.global_position, o.global_position) in (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
        [a.position, b.position],
      );
      const lines = await log.exportLines(TENANT);
      await client.query(
        `update es_events e set data = o.data from es_events o
          where (e.global_position, o.global_position) in (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
        [a.position, b.position],
      );
      const inDatabase = await verify(lines);
      expect(inDatabase.firstMismatch).toMatchObject({ leafIndex: 10, position: a.position, exact: true });
      expect(inDatabase.findings.map((f) => f.position)).toEqual(expect.arrayContaining([a.position, b.position]));
    } finally {
      await client.query('alter table es_events enable trigger es_events_append_only');
      client.release();
    }
    expect(await log.exportLines(TENANT)).toEqual(untouched);
  });

  it('finds a forged row put into the log, naming its position', async () => {
    const next = line(10);
    const { rows } = await log.pool.query('select max(global_position) + 1000 as position from es_events');
    const forged = String(rows[0].position);
    // Committed "together" with the event at leaf 10, so that it sorts right after it.
    await log.pool.query(
      `insert into es_events
         (global_position, transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata, business_date)
       overriding system value
       select $1::bigint, transaction_id, gen_random_uuid(), 'HRO-JA/case/FORGED', 1, tenant_id, 'ApprovalGranted', 1, '{"amount": "50000.00"}', metadata, business_date
         from es_events where global_position = $2`,
      [forged, next.position],
    );
    try {
      const report = await verify(await log.exportLines(TENANT));
      expect(report.firstMismatch).toMatchObject({ leafIndex: 11, position: forged, exact: true });
      const atForged = report.findings.filter((f) => f.position === forged).map((f) => f.message);
      expect(atForged).toEqual([
        `position ${forged} carries no append signature although the events before it do: it was written past the application, directly into the database`,
        expect.stringContaining('put into the log after the fact'),
      ]);
    } finally {
      await log.behindTheTriggers((client) => client.query('delete from es_events where global_position = $1', [forged]).then(() => undefined));
    }
  });

  it('finds a forged row that carries the signature of a genuine append, naming its position', async () => {
    const genuine = line(10);
    const { rows } = await log.pool.query('select max(global_position) + 1000 as position from es_events');
    const forged = String(rows[0].position);
    // Committed in a transaction of its own, so the tree takes it up like any row and the leaf
    // recorded for it matches: only the signature tells.
    await log.pool.query(
      `insert into es_events
         (global_position, transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata, business_date, append_signature)
       overriding system value
       select $1::bigint, pg_current_xact_id(), gen_random_uuid(), 'HRO-JA/case/FORGED', 1, tenant_id, 'ApprovalGranted', 1, '{"amount": "50000.00"}', metadata, business_date, append_signature
         from es_events where global_position = $2`,
      [forged, genuine.position],
    );
    try {
      await log.drain();
      const lines = (await log.exportLines(TENANT)).map((l) => JSON.parse(l));
      const forgedLine = lines.find((l) => l.position === forged);
      expect(forgedLine).toMatchObject({ appendSignature: genuine.appendSignature, leafIndex: String(lines.length - 1) });
      const report = await verify(
        lines.map((l) => JSON.stringify(l)),
        [],
      );
      expect(report.findings).toEqual([
        {
          leafIndex: lines.length - 1,
          position: forged,
          exact: true,
          message: `the event at position ${forged} does not carry a valid signature of the application's key: written or changed outside the application`,
        },
      ]);
    } finally {
      await log.behindTheTriggers(async (client) => {
        await client.query('delete from es_events where global_position = $1', [forged]);
      });
    }
  });

  it('refuses a forged or altered checkpoint and a checkpoint of another log, and names them', async () => {
    const file = structuredClone(checkpoints) as { checkpoints: Array<{ note: string }> };
    file.checkpoints[2].note = file.checkpoints[2].note.replace(/\n12\n/, '\n13\n');
    const other = testKey();
    const report = await verify(untouched, [file]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([expect.stringMatching(/checkpoint of size 13 \(cp1.json, entry 3\) carries no valid signature/)]));
    // Signed with the right key, but over another tenant's log.
    const foreign = await log.sign('HRO-XX');
    const mixed = await verify(untouched, [checkpoints, [foreign!.note]]);
    expect(mixed.problems).toEqual([
      expect.stringContaining('(cp2.json, entry 1) is of the log test.example/audit/HRO-XX, the export of test.example/audit/HRO-JA'),
    ]);
    // Signed with another key: none of them is vouched for by the key given.
    const wrongKey = await verify(untouched, [checkpoints], [other.publicKey]);
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.checkpoints.every((c) => c.result === 'unsigned')).toBe(true);
    expect(wrongKey.problems).toContain('no checkpoint carries a valid signature of the given key: nothing in the export is vouched for');
  });

  it('finds the whole tail rewritten with every hash recomputed: the signature names the changed event, the handed-out checkpoints where the change lies', async () => {
    const target = line(10);
    // Someone with the code and the database but not the key: changes an event, removes the checkpoint
    // events that would give it away, and builds the tree anew from the changed log.
    await log.behindTheTriggers(async (client) => {
      await client.query(`update es_events set data = jsonb_set(data, '{amount}', '"99999.00"') where global_position = $1`, [target.position]);
      await client.query(`delete from es_events where stream_id = 'HRO-JA/audit/checkpoints'`);
      await client.query(`delete from es_audit_leaves where tenant_id = $1`, [TENANT]);
      await client.query(`delete from es_audit_nodes where tenant_id = $1`, [TENANT]);
      await client.query(`delete from es_audit_trees where tenant_id = $1`, [TENANT]);
      const { rows } = await client.query<AuditRecordRow>(
        `select ${AUDIT_RECORD_COLUMNS} from es_events e where e.tenant_id = $1 order by e.transaction_id, e.global_position`,
        [TENANT],
      );
      await writeRowChanges(
        { query: ((sql: string, params?: unknown[]) => viaClient(client)(sql, params ?? [])) as any },
        auditTreeChanges(new Map(), rows.map(auditRecordOf)),
      );
    });
    const lines = await log.exportLines(TENANT);
    expect(lines).toHaveLength(20);

    // Every line matches the leaf recorded for it, but without the key the changed event's
    // signature could not be made anew.
    const alone = await verify(lines, []);
    expect(alone.findings).toEqual([
      {
        leafIndex: 10,
        position: target.position,
        exact: true,
        message: `the event at position ${target.position} does not carry a valid signature of the application's key: written or changed outside the application`,
      },
    ]);

    const report = await verify(lines);
    expect(report.ok).toBe(false);
    expect(report.checkpoints.map((c) => [c.treeSize, c.result])).toEqual([
      [4, 'fits'],
      [8, 'fits'],
      [12, 'differs'],
      [16, 'differs'],
      [20, 'differs'],
    ]);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 10, position: target.position, exact: true });
    const range = report.findings.find((f) => !f.exact)!;
    expect(range).toMatchObject({ leafIndex: 8, untilLeafIndex: 11, position: line(8).position });
    expect(range.message).toContain(`between positions ${line(8).position} to ${line(11).position}`);
    expect(report.findingsAccountForCheckpoints).toBe(false);
  });
});

/**
 * A rollback: the database is restored from a backup taken before a checkpoint was handed out,
 * and the system goes on from there, signing new checkpoints with the same key. The restored log
 * is consistent in itself; the checkpoint the Rechnungsprüfung kept from before is what shows it.
 */
describe('offline verification after a rollback behind a handed-out checkpoint', () => {
  let database: TestDatabase;
  const dropped: string[] = [];
  let publicKey: KeyObject;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const url of dropped) {
      const admin = new Client({ connectionString: process.env[TEST_SERVER_URL] });
      await admin.connect();
      await admin.query(`drop database if exists ${quoteIdent(new URL(url).pathname.slice(1))} with (force)`).finally(() => admin.end());
    }
    await database?.drop();
  });

  it('finds the rollback via the older checkpoint that no longer fits, naming where the restored log departs', async () => {
    const signing = testKey();
    publicKey = signing.publicKey;
    let log = new AuditLog(database.url, signing.key);
    await fillLog(log, 6);
    await log.drain();
    await log.sign(TENANT);
    await log.drain();
    await log.close();
    const backup = await copyDatabase(database.url, 'backup');
    dropped.push(backup);

    // After the backup: more events and a checkpoint handed out to the Rechnungsprüfung.
    log = new AuditLog(database.url, signing.key);
    await fillLog(log, 6, 100);
    await log.drain();
    const handedOut = await log.sign(TENANT);
    const kept = await log.checkpointFile(TENANT);
    const original = await log.exportLines(TENANT);
    await log.close();
    expect(handedOut!.treeSize).toBe(13);

    // The backup is restored and the system goes on: other events, new checkpoints, the same key.
    const restored = new AuditLog(backup, signing.key);
    try {
      expect(await restored.exportLines(TENANT)).toEqual(original.slice(0, 7));
      const cut = await verifyOffline({
        lines: linesOf(await restored.exportLines(TENANT)),
        checkpoints: [{ name: 'kept.json', content: kept }],
        publicKeys: [publicKey],
      });
      expect(cut.firstMismatch).toMatchObject({ leafIndex: 7, exact: true });
      expect(cut.firstMismatch!.message).toContain(
        `covers 13 events, the export holds 7: the events after position ${JSON.parse(original[6]).position} are missing`,
      );

      await fillLog(restored, 8, 200);
      await restored.drain();
      await restored.sign(TENANT);
      const current = await restored.checkpointFile(TENANT);
      const lines = await restored.exportLines(TENANT);

      // What the system hands out now is consistent in itself.
      const fresh = await verifyOffline({ lines: linesOf(lines), checkpoints: [{ name: 'current.json', content: current }], publicKeys: [publicKey] });
      expect(fresh).toMatchObject({ ok: true, findings: [] });

      const report = await verifyOffline({
        lines: linesOf(lines),
        checkpoints: [
          { name: 'kept.json', content: kept },
          { name: 'current.json', content: current },
        ],
        publicKeys: [publicKey],
      });
      expect(report.ok).toBe(false);
      expect(report.checkpoints.map((c) => [c.treeSize, c.result])).toEqual([
        [6, 'fits'],
        [13, 'differs'],
        [15, 'fits'],
      ]);
      expect(report.problems).toEqual(expect.arrayContaining([expect.stringContaining('rolled back behind a checkpoint already handed out')]));
      expect(report.firstMismatch).toMatchObject({ leafIndex: 6, untilLeafIndex: 12, exact: false, position: JSON.parse(original[6]).position });
    } finally {
      await restored.close();
    }
  });
});
