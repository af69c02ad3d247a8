import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';
import { requestFingerprint } from '../../../libs/idempotency/request-fingerprint';

describe('request safety: Idempotency-Key, ETag and lost races', () => {
  let t: TestApp;
  const token = (role: 'admin' | 'controller', sub = `${role}-1`) => t.token({ role, sub });
  const post = async (role: 'admin' | 'controller', path: string, body: object, headers: Record<string, string> = {}) => {
    let req = t
      .http()
      .post(path)
      .set('authorization', `Bearer ${await token(role)}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-IK', 'Idempotenz');
    await openBudget(t, 'HRO-IK', 2025, { FS: '100000.00', FUE: '20000.00', FU: '20000.00' });
  });
  afterAll(async () => t?.close());

  it('replays the stored response for the same key and body and writes nothing', async () => {
    const body = { category: 'FU', amount: '21000.00', reason: 'Nachtrag', decisionReference: 'BV 2025/1', businessDate: '2025-03-01' };
    const first = await post('controller', '/budgets/HRO-IK/2025/amendments', body, { 'idempotency-key': 'nachtrag-1' });
    expect(first.status).toBe(200);
    const events = await t.eventCount();
    const again = await post('controller', '/budgets/HRO-IK/2025/amendments', { ...body }, { 'idempotency-key': 'nachtrag-1' });
    expect(again.status).toBe(first.status);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(events);
  });

  it('answers 422 for the same key with another body, and changes nothing', async () => {
    await expectStatus(post('admin', '/providers', { providerId: 'TR-K1', name: 'Träger K1' }, { 'idempotency-key': 'k-provider' }), 201);
    const events = await t.eventCount();
    const other = await post('admin', '/providers', { providerId: 'TR-K2', name: 'Träger K2' }, { 'idempotency-key': 'k-provider' });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');
    expect(await t.eventCount()).toBe(events);
  });

  it('never books twice when the same request races itself', async () => {
    const body = {
      providerId: 'TR-E',
      category: 'FUE',
      purpose: 'Elternkurse',
      total: '1000.00',
      instalments: [{ dueDate: '2025-05-05', amount: '1000.00' }],
      businessDate: '2025-04-01',
    };
    const events = await t.eventCount();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-race' })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    // One SubsidyGranted and one CommitmentRecorded, however many requests arrived.
    expect(await t.eventCount()).toBe(events + 2);
    const subsidies = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.subsidyId));
    expect(subsidies.size).toBe(1);
  });

  it('records the execution in every event it writes, so a crash before the answer was stored never books twice', async () => {
    const body = {
      providerId: 'TR-E',
      category: 'FU',
      purpose: 'Ferienfreizeit',
      total: '500.00',
      instalments: [{ dueDate: '2025-06-01', amount: '500.00' }],
      businessDate: '2025-04-02',
    };
    const first = await expectStatus(post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-crash' }), 201);
    const { rows } = await t.db.query(`select command_id from idempotency_keys where key = 'zuwendung-crash'`);
    const written = await t.db.query(`select type from es_events where metadata->>'commandId' = $1 order by global_position`, [rows[0].command_id]);
    expect(written.rows.map((r) => r.type)).toEqual(['SubsidyGranted', 'CommitmentRecorded']);

    // As if the process died after the append and before it stored the answer: the key stays
    // "in progress". While an execution of the key runs (it holds the key's lock), a retry is
    // told to wait, however long it takes; once no execution runs, the retry finds the events.
    await t.db.query(
      `update idempotency_keys set state = 'in-progress', status = null, response_body = null, created_at = now() - interval '10 minutes' where key = 'zuwendung-crash'`,
    );
    const events = await t.eventCount();
    const running = await t.db.connect();
    const lockName = JSON.stringify(['HRO-JA', 'controller-1', 'zuwendung-crash']);
    try {
      await running.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockName]);
      const meanwhile = await post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-crash' });
      expect(meanwhile.status).toBe(409);
      expect(meanwhile.body.type).toBe('/problems/idempotency-key-in-use');
    } finally {
      await running.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockName]);
      running.release();
    }
    const late = await post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-crash' });
    expect(late.status).toBe(409);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(late.body.type).toBe('/problems/idempotent-request-applied');
    expect(await t.eventCount()).toBe(events);
    expect(first.body.subsidyId).toBeDefined();
    // The answer says what the lost execution wrote: the created subsidy's id, and where to read it.
    expect(late.body.written.map((w: any) => w.type)).toEqual(['SubsidyGranted', 'CommitmentRecorded']);
    expect(late.body.written[0]).toMatchObject({ streamId: 'HRO-JA/budget/HRO-IK/2025', ids: { subsidyId: first.body.subsidyId } });
    expect(late.headers.location).toBe('/budgets/HRO-IK/2025');
    expect(late.body.location).toBe('/budgets/HRO-IK/2025');
  });

  it('runs a request again whose first execution died before writing anything', async () => {
    const body = {
      providerId: 'TR-E',
      category: 'FU',
      purpose: 'Sportnacht',
      total: '300.00',
      instalments: [{ dueDate: '2025-06-01', amount: '300.00' }],
      businessDate: '2025-04-03',
    };
    // A reservation left behind by a process that died before its command wrote anything (its
    // lock went with its session).
    await t.db.query(
      `insert into idempotency_keys (tenant_id, key, user_id, method, path, request_hash, state, command_id, log_head, created_at)
       select 'HRO-JA', 'zuwendung-dead', 'controller-1', 'POST', '/budgets/HRO-IK/2025/subsidies', request_hash, 'in-progress', gen_random_uuid(),
              (select max(global_position) from es_events), now() - interval '10 minutes'
         from (select $1::text as request_hash) h`,
      [requestFingerprint('POST', '/budgets/HRO-IK/2025/subsidies', body)],
    );
    const events = await t.eventCount();
    const retried = await expectStatus(post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-dead' }), 201);
    expect(await t.eventCount()).toBe(events + 2);
    const again = await post('controller', '/budgets/HRO-IK/2025/subsidies', body, { 'idempotency-key': 'zuwendung-dead' });
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body.subsidyId).toBe(retried.body.subsidyId);
    expect(await t.eventCount()).toBe(events + 2);
  });

  it('keys are per tenant and refused when malformed', async () => {
    const bad = await post('admin', '/providers', { providerId: 'TR-K3', name: 'x' }, { 'idempotency-key': 'ä'.repeat(3) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    const other = await t
      .http()
      .post('/providers')
      .set('authorization', `Bearer ${await t.token({ role: 'admin', tenant: 'OTHER-JA' })}`)
      .set('idempotency-key', 'k-provider')
      .send({ providerId: 'TR-K1', name: 'Träger K1' });
    expect(other.status).toBe(201);
    expect(other.headers['idempotency-replayed']).toBeUndefined();
  });

  it("keys are per user: another user's equal key, path and body is decided on its own, never replayed", async () => {
    const send = async (token: string, path: string, body: object, key: string) =>
      t.http().post(path).set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(body);
    // Two admins of the same tenant: the second registration is refused as a duplicate, not replayed as 201.
    const provider = { providerId: 'TR-U1', name: 'Träger U1' };
    const first = await send(await t.token({ role: 'admin', sub: 'admin-anna' }), '/providers', provider, 'stammdaten-1');
    expect(first.status).toBe(201);
    const before = await t.eventCount();
    const second = await send(await t.token({ role: 'admin', sub: 'admin-bernd' }), '/providers', provider, 'stammdaten-1');
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    expect(await t.eventCount()).toBe(before);
    // The first user still gets the replay.
    const replay = await send(await t.token({ role: 'admin', sub: 'admin-anna' }), '/providers', provider, 'stammdaten-1');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotency-replayed']).toBe('true');

    // A provider user of another provider never gets TR-E's stored answer.
    await expectStatus(as(t, 'admin').post('/providers', { providerId: 'TR-F', name: 'Träger TR-F' }), 201);
    const subsidy = await expectStatus(
      as(t, 'controller').post('/budgets/HRO-IK/2025/subsidies', {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Ferienfreizeit',
        total: '500.00',
        instalments: [{ dueDate: '2025-05-05', amount: '500.00' }],
        businessDate: '2025-04-01',
      }),
      201,
    );
    const base = `/budgets/HRO-IK/2025/subsidies/${subsidy.body.subsidyId}`;
    await expectStatus(as(t, 'wiju').post(`${base}/instalments/R1/payment-order`, { businessDate: '2025-05-05' }), 200);
    const report = { lines: [{ instalmentId: 'R1', spent: '480.00', description: 'Ferienfreizeit Juli' }], businessDate: '2025-08-30' };
    const own = await send(await t.token({ role: 'provider', provider: 'TR-E', sub: 'traeger-e-1' }), `${base}/usage-reports`, report, 'verwendung-1');
    expect(own.status).toBe(201);
    const events = await t.eventCount();
    const foreign = await send(await t.token({ role: 'provider', provider: 'TR-F', sub: 'traeger-f-1' }), `${base}/usage-reports`, report, 'verwendung-1');
    expect([403, 404]).toContain(foreign.status);
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(foreign.headers['idempotency-replayed']).toBeUndefined();
    expect(await t.eventCount()).toBe(events);
    const { rows } = await t.db.query(`select user_id from idempotency_keys where key = 'verwendung-1'`);
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(['traeger-e-1']);
  });

  it('a refusal is not stored: the retry is decided again', async () => {
    const body = { sozialraumId: 'HRO-IK', fiscalYear: 2025, planned: { FS: '1.00', FUE: '1.00', FU: '1.00' }, reason: 'doppelt' };
    const first = await post('controller', '/budgets', body, { 'idempotency-key': 'refused' });
    expect(first.status).toBe(409);
    const again = await post('controller', '/budgets', body, { 'idempotency-key': 'refused' });
    expect(again.status).toBe(409);
    expect(again.headers['idempotency-replayed']).toBeUndefined();
  });

  it('carries the aggregate version as ETag; a stale If-Match gets 412 and writes nothing', async () => {
    const overview = await expectStatus(as(t, 'controller').get('/budgets/HRO-IK/2025'), 200);
    expect(overview.headers.etag).toBe(`"${overview.body.version}"`);
    const events = await t.eventCount();
    const stale = await post(
      'controller',
      '/budgets/HRO-IK/2025/amendments',
      { category: 'FS', amount: '90000.00', reason: 'x', decisionReference: 'BV 2025/2', businessDate: '2025-05-01' },
      { 'if-match': `"${overview.body.version - 1}"` },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('/problems/stale-version');
    expect(await t.eventCount()).toBe(events);
    const fresh = await post(
      'controller',
      '/budgets/HRO-IK/2025/amendments',
      { category: 'FS', amount: '90000.00', reason: 'Nachtrag', decisionReference: 'BV 2025/2', businessDate: '2025-05-01' },
      { 'if-match': overview.headers.etag },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe(`"${overview.body.version + 1}"`);
  });

  it('takes If-Match: * as any current version, and refuses it with 412 where nothing exists yet', async () => {
    const overview = await expectStatus(as(t, 'controller').get('/budgets/HRO-IK/2025'), 200);
    const any = await post(
      'controller',
      '/budgets/HRO-IK/2025/amendments',
      { category: 'FS', amount: '91000.00', reason: 'Nachtrag', decisionReference: 'BV 2025/3', businessDate: '2025-05-02' },
      { 'if-match': '*' },
    );
    expect(any.status).toBe(200);
    expect(any.body.version).toBe(overview.body.version + 1);
    const events = await t.eventCount();
    const missing = await post(
      'controller',
      '/budgets/HRO-IK/2031/amendments',
      { category: 'FS', amount: '91000.00', reason: 'Nachtrag', decisionReference: 'BV 2031/1', businessDate: '2025-05-02' },
      { 'if-match': '*' },
    );
    expect(missing.status).toBe(412);
    expect(missing.body.type).toBe('/problems/stale-version');
    expect(await t.eventCount()).toBe(events);
  });

  it('refuses -0.00 as an amendment amount and writes nothing', async () => {
    const events = await t.eventCount();
    const res = await post('controller', '/budgets/HRO-IK/2025/amendments', {
      category: 'FUE',
      amount: '-0.00',
      reason: 'Nachtrag',
      decisionReference: 'BV 2025/4',
      businessDate: '2025-05-02',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'amount', message: 'darf nicht negativ sein.' }]);
    expect(await t.eventCount()).toBe(events);
  });

  it('parallel amendments without If-Match lose no update: the last one read is the figure shown', async () => {
    const amounts = ['30000.00', '31000.00', '32000.00', '33000.00', '34000.00', '35000.00'];
    const answers = await Promise.all(
      amounts.map((amount) =>
        post('controller', '/budgets/HRO-IK/2025/amendments', {
          category: 'FUE',
          amount,
          reason: 'parallel',
          decisionReference: `BV ${amount}`,
          businessDate: '2025-06-01',
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    const overview = await expectStatus(as(t, 'controller').get('/budgets/HRO-IK/2025'), 200);
    // Every successful amendment is in the history, each with the amount before it.
    const history = overview.body.history.filter((h: any) => h.type === 'BudgetAmended' && h.data.category === 'FUE' && h.data.reason === 'parallel');
    expect(history).toHaveLength(ok.length);
    for (let i = 1; i < history.length; i++) expect(history[i].data.previousAmount).toBe(history[i - 1].data.newAmount);
  });
});
