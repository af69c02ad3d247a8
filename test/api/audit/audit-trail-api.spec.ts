import { createPublicKey } from 'node:crypto';
import { CheckpointSigner } from '../../../src/audit';
import { auditLeafHash } from '../../../libs/event-store/audit/audit-record';
import { parseCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion, verifyNote } from '../../../libs/merkle';
import { verifyOffline } from '../../../libs/event-store/audit/offline-verification';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

const b64 = (value: string) => Buffer.from(value, 'base64');

/**
 * The Merkle tree through the API: checkpoints signed at every month and year close and at the
 * interval, verifiable with the published key; inclusion and consistency proofs that check out
 * against the roots those checkpoints sign; the file the Rechnungsprüfung keeps.
 */
describe('audit trail API: checkpoints and proofs', () => {
  let t: TestApp;
  let signer: CheckpointSigner;
  const auditor = () => as(t, 'auditor');
  const sr = 'HRO-MK';

  const allEvents = async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await expectStatus(auditor().get(`/audit/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`), 200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  };
  const checkpoints = async () => (await expectStatus(auditor().get('/audit/checkpoints?limit=200'), 200)).body.items as any[];

  beforeAll(async () => {
    t = await createTestApp();
    signer = t.app.get(CheckpointSigner);
    await registerSozialraum(t, sr, 'Merkle');
    await openBudget(t, sr, 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    for (const month of ['2025-01', '2025-02']) {
      await expectStatus(as(t, 'controller').post(`/steering/${sr}/2025/month-closes`, { month }), 201);
    }
    await t.catchUp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('signs one checkpoint per month close, covering the log up to and including the close', async () => {
    expect(await checkpoints()).toEqual([]);
    const signed = await signer.signDue();
    expect(signed.map((c) => [c.occasion.kind, c.occasion.subject])).toEqual([
      ['month-close', `${sr} 2025-01`],
      ['month-close', `${sr} 2025-02`],
    ]);
    // Nothing is due twice.
    expect(await signer.signDue()).toEqual([]);
    const events = await allEvents();
    const listed = (await checkpoints()).reverse();
    expect(listed).toHaveLength(2);
    for (const [i, month] of ['2025-01', '2025-02'].entries()) {
      const closed = events.find((e) => e.type === 'MonthClosed' && e.data.month === month);
      expect(listed[i]).toMatchObject({
        treeSize: Number(closed.leafIndex) + 1,
        occasion: { kind: 'month-close', subject: `${sr} ${month}`, causeEventId: closed.eventId, causePosition: closed.position },
      });
    }
    // Each checkpoint is an event of its own, in the tenant's checkpoint stream.
    await t.catchUp();
    const recorded = (await allEvents()).filter((e) => e.type === 'AuditCheckpointSigned');
    expect(recorded.map((e) => [e.streamId, e.data.note])).toEqual(listed.map((c) => ['HRO-JA/audit/checkpoints', c.note]));
    expect(recorded[0].actor).toEqual({ userId: 'system', role: 'system', organisationId: 'HRO-JA' });
  });

  it('publishes the key; every checkpoint is a C2SP signed note that verifies with it and states what the list says', async () => {
    const keys = (await expectStatus(auditor().get('/audit/public-keys'), 200)).body.items;
    expect(keys).toEqual([
      expect.objectContaining({ keyName: 'sozialraum-budget/audit', current: true, checkpoints: 2, keyId: expect.stringMatching(/^[0-9a-f]{8}$/) }),
    ]);
    const publicKey = createPublicKey(keys[0].publicKeyPem);
    expect(parseVerifierKey(keys[0].verifierKey).publicKey.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
    for (const checkpoint of await checkpoints()) {
      const { text, signedBy } = verifyNote(checkpoint.note, [publicKey]);
      expect(signedBy).toEqual(['sozialraum-budget/audit']);
      expect(checkpoint.note).toContain(`\n\n\u2014 sozialraum-budget/audit `);
      const body = parseCheckpoint(text);
      expect(body).toMatchObject({ origin: 'sozialraum-budget/audit/HRO-JA', size: checkpoint.treeSize });
      expect(body.rootHash.toString('base64')).toBe(checkpoint.rootHash);
      expect(body.extensions).toEqual([`time ${checkpoint.signedAt}`, `occasion month-close ${checkpoint.occasion.subject}`]);
      // A note changed by one character no longer verifies.
      expect(verifyNote(checkpoint.note.replace(`\n${checkpoint.treeSize}\n`, `\n${checkpoint.treeSize + 1}\n`), [publicKey]).signedBy).toEqual([]);
    }
    // Another tenant has no checkpoints and so no keys to show.
    const other = await t
      .http()
      .get('/audit/public-keys')
      .set('authorization', `Bearer ${await t.token({ role: 'auditor', tenant: 'HRO-XX' })}`);
    expect(other.body.items).toEqual([]);
  });

  it('proves every event of a checkpoint included in the root the checkpoint signs, with the leaf the columns give', async () => {
    const [newest] = await checkpoints();
    const events = (await allEvents()).filter((e) => e.leafIndex !== null && Number(e.leafIndex) < newest.treeSize);
    expect(events).toHaveLength(newest.treeSize);
    for (const event of events) {
      const res = await expectStatus(auditor().get(`/audit/proofs/inclusion?position=${event.position}&treeSize=${newest.treeSize}`), 200);
      expect(res.body).toMatchObject({ position: event.position, leafIndex: Number(event.leafIndex), treeSize: newest.treeSize, rootHash: newest.rootHash });
      expect(res.body.leafHash).toBe(event.leafHash);
      expect(auditLeafHash(event).toString('base64')).toBe(event.leafHash);
      expect(verifyInclusion(b64(res.body.leafHash), res.body.leafIndex, newest.treeSize, res.body.auditPath.map(b64), b64(newest.rootHash))).toBe(true);
    }
  });

  it('proves successive checkpoints consistent, and hands them out as the file to keep, each with its proof', async () => {
    const [newer, older] = await checkpoints();
    const res = await expectStatus(auditor().get(`/audit/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`), 200);
    expect(res.body).toMatchObject({ from: older.treeSize, to: newer.treeSize, fromRoot: older.rootHash, toRoot: newer.rootHash });
    expect(verifyConsistency(older.treeSize, newer.treeSize, b64(older.rootHash), b64(newer.rootHash), res.body.proof.map(b64))).toBe(true);

    const file = await t
      .http()
      .get('/audit/checkpoints/file')
      .set('authorization', `Bearer ${await t.token({ role: 'auditor' })}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('pruefpunkte-HRO-JA.json');
    expect(file.body).toMatchObject({ format: 'sozialraum-budget/audit-checkpoints/v1', tenantId: 'HRO-JA', origin: 'sozialraum-budget/audit/HRO-JA' });
    expect(file.body.checkpoints.map((c: any) => c.note)).toEqual([older.note, newer.note]);
    expect(file.body.checkpoints[0].consistencyWithPrevious).toBeNull();
    const [first, second] = file.body.checkpoints;
    expect(verifyConsistency(first.treeSize, second.treeSize, b64(first.rootHash), b64(second.rootHash), second.consistencyWithPrevious.map(b64))).toBe(true);
  });

  it('signs every append with the published key: the export verifies offline, each event under the signature of its append', async () => {
    const [key] = (await expectStatus(auditor().get('/audit/public-keys'), 200)).body.items;
    const bearer = `Bearer ${await t.token({ role: 'auditor' })}`;
    const exported = await t.http().get('/audit/export').set('authorization', bearer);
    const file = await t.http().get('/audit/checkpoints/file').set('authorization', bearer);
    expect(exported.status).toBe(200);
    const lines = exported.text.trim().split('\n');
    const events = lines.map((line) => JSON.parse(line));
    expect(events.every((e) => typeof e.appendSignature === 'string' && e.appendSignature.startsWith('sozialraum-budget/audit '))).toBe(true);

    const report = await verifyOffline({
      lines: (async function* () {
        yield* lines;
      })(),
      checkpoints: [{ name: 'pruefpunkte-HRO-JA.json', content: file.body }],
      publicKeys: [createPublicKey(key.publicKeyPem)],
    });
    expect(report).toMatchObject({ ok: true, findings: [], problems: [] });
    expect(report.appendSignatures).toEqual({
      verifiedAppends: new Set(events.map((e) => e.appendSignature)).size,
      signedEvents: events.length,
      unsignedBeforeSigning: 0,
    });
  });

  it('signs at the interval once an event has waited that long without a checkpoint, and not for its own checkpoints', async () => {
    await expectStatus(
      as(t, 'controller').post(`/budgets/${sr}/2025/amendments`, {
        category: 'FU',
        amount: '1000.00',
        reason: 'Nachtragshaushalt',
        decisionReference: 'BV 2025/0001',
        businessDate: '2025-03-01',
      }),
      200,
    );
    await t.catchUp();
    expect(await signer.signDue()).toEqual([]);
    const later = new Date(Date.now() + 2 * 3600_000);
    const [interval] = await signer.signDue(later);
    expect(interval).toMatchObject({ occasion: { kind: 'interval', subject: null, cause: null }, signedAt: later.toISOString() });
    const { size } = (await t.db.query(`select size::int from es_audit_trees where tenant_id = 'HRO-JA'`)).rows[0];
    expect(interval.treeSize).toBe(size);
    await t.catchUp();
    // The tree now also holds that checkpoint's own event; it makes nothing due.
    expect(await signer.signDue(new Date(later.getTime() + 2 * 3600_000))).toEqual([]);
  });

  it('signs at the year close', async () => {
    await expectStatus(as(t, 'controller').post(`/steering/${sr}/2025/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' }), 200);
    await t.catchUp();
    const [closed] = await signer.signDue();
    expect(closed.occasion).toMatchObject({ kind: 'year-close', subject: `${sr} 2025`, cause: { type: 'BudgetClosed' } });
  });

  it('refuses proofs it cannot give with the reason, and another tenant sees none of it', async () => {
    const [newest] = await checkpoints();
    const events = await allEvents();
    const last = events.filter((e) => e.leafIndex !== null).pop();
    const refusal = async (path: string, status: number, type: string) => {
      const res = await auditor().get(path);
      expect({ status: res.status, type: res.body.type }).toEqual({ status, type });
      return res.body;
    };
    await refusal(`/audit/proofs/inclusion?position=999999999&treeSize=1`, 404, '/problems/event-not-in-tree');
    await refusal(`/audit/proofs/inclusion?position=${last.position}&treeSize=999999`, 404, '/problems/tree-size-not-reached');
    expect(await refusal(`/audit/proofs/inclusion?position=${last.position}&treeSize=1`, 422, '/problems/event-beyond-tree-size')).toMatchObject({
      leafIndex: Number(last.leafIndex),
    });
    await refusal(`/audit/proofs/consistency?from=${newest.treeSize}&to=1`, 422, '/problems/tree-sizes-reversed');
    await refusal(`/audit/proofs/consistency?from=1&to=999999`, 404, '/problems/tree-size-not-reached');
    expect((await refusal('/audit/proofs/inclusion?position=1&treeSize=0', 400, '/problems/validation-failed')).errors).toEqual([
      expect.objectContaining({ field: 'treeSize' }),
    ]);
    expect((await refusal('/audit/proofs/consistency?to=3', 400, '/problems/validation-failed')).errors).toEqual([expect.objectContaining({ field: 'from' })]);

    const other = `Bearer ${await t.token({ role: 'auditor', tenant: 'HRO-XX' })}`;
    expect((await t.http().get(`/audit/proofs/inclusion?position=${last.position}&treeSize=1`).set('authorization', other)).status).toBe(404);
    expect((await t.http().get('/audit/checkpoints').set('authorization', other)).body.items).toEqual([]);
    expect((await t.http().get('/audit/checkpoints/file').set('authorization', other)).body.type).toBe('/problems/no-checkpoint');
  });

  it('refuses to sign a tree that no longer has the root of its newest checkpoint', async () => {
    await t.catchUp();
    const [newest] = await checkpoints();
    // The root comes from the stored subtrees: changing them is changing what the tree says.
    await t.db.query(`update es_audit_nodes set hash = sha256(hash) where tenant_id = 'HRO-JA'`);
    await expect(signer.sign('HRO-JA')).rejects.toThrow(`no longer has the root of its checkpoint of size ${newest.treeSize}`);
    expect((await checkpoints())[0].note).toBe(newest.note);
  });
});
