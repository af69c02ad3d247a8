import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/** The Rechnungsprüfung through the API: the tenant's event log with hashes, the export, the verification. */
describe('audit API', () => {
  let t: TestApp;
  const auditor = () => as(t, 'auditor');

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-AU', 'Prüfung');
    await openBudget(t, 'HRO-AU', 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    await t
      .http()
      .post('/providers/TR-E/rate-agreements')
      .set('authorization', `Bearer ${await t.token({ role: 'admin' })}`)
      .send({ legalBasis: '34', rateType: 'daily', amount: '250.00', validFrom: '2024-01-01' });
    await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'AU-25-001', sozialraumId: 'HRO-AU' }), 201);
    await expectStatus(
      as(t, 'caseworker').post('/cases/AU-25-001/approvals', {
        legalBasis: '34',
        providerId: 'TR-E',
        start: '2025-02-01',
        end: '2025-06-30',
        bescheidDate: '2025-01-20',
      }),
      201,
    );
    await t.settle();
  });
  afterAll(async () => t?.close());

  const tenantEventCount = async () => (await t.db.query(`select count(*)::int as n from es_events where metadata->>'tenantId' = 'HRO-JA'`)).rows[0].n;

  it('pages through every event of the tenant once, in commit order, with who, when, why and the hash', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await expectStatus(auditor().get(`/audit/events?limit=4${cursor ? `&cursor=${cursor}` : ''}`), 200);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(await tenantEventCount());
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    const granted = seen.find((e) => e.streamId === 'HRO-JA/case/AU-25-001' && e.type === 'ApprovalGranted');
    expect(granted).toMatchObject({
      actor: { role: 'caseworker', organisationId: 'HRO-JA' },
      businessDate: '2025-01-20',
      data: { legalBasis: '34' },
    });
    expect(granted.eventHash).toMatch(/^[0-9a-f]{64}$/);
    expect(granted.correlationId).toEqual(expect.any(String));
    // The audit chain has taken up every settled event.
    expect(seen.every((e) => e.chainIndex !== null)).toBe(true);
  });

  it('filters by stream and type, and shows nothing of another tenant', async () => {
    const stream = await expectStatus(auditor().get('/audit/events?streamId=HRO-JA/case/AU-25-001'), 200);
    expect(stream.body.items.length).toBeGreaterThan(0);
    expect(stream.body.items.every((e: any) => e.streamId === 'HRO-JA/case/AU-25-001')).toBe(true);
    expect(stream.body.items.map((e: any) => e.streamVersion)).toEqual(stream.body.items.map((_: unknown, i: number) => i + 1));
    const typed = await expectStatus(auditor().get('/audit/events?type=BudgetOpened'), 200);
    expect(typed.body.items.map((e: any) => e.type)).toEqual(['BudgetOpened']);

    const otherAuditor = `Bearer ${await t.token({ role: 'auditor', tenant: 'HRO-XX' })}`;
    const other = await t.http().get('/audit/events').set('authorization', otherAuditor);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    const foreignStream = await t.http().get('/audit/events?streamId=HRO-JA/case/AU-25-001').set('authorization', otherAuditor);
    expect(foreignStream.body.items).toEqual([]);
    const exported = await t.http().get('/audit/export').set('authorization', otherAuditor);
    expect(exported.text).toBe('');
  });

  it('refuses a malformed filter with the field named', async () => {
    const res = await auditor().get('/audit/events?type=drop%20table');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'type' })]);
  });

  it('exports the same events and hashes as NDJSON', async () => {
    const res = await t
      .http()
      .get('/audit/export')
      .set('authorization', `Bearer ${await t.token({ role: 'auditor' })}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    expect(res.headers['content-disposition']).toContain('ereignisse-HRO-JA.ndjson');
    const lines = res.text
      .trim()
      .split('\n')
      .map((line: string) => JSON.parse(line));
    expect(lines).toHaveLength(await tenantEventCount());
    const page = await expectStatus(auditor().get('/audit/events?limit=200'), 200);
    expect(lines.map((l: any) => [l.eventId, l.eventHash])).toEqual(page.body.items.map((e: any) => [e.eventId, e.eventHash]));
  });

  it('exports everything committed, also while another transaction is still open', async () => {
    const open = await t.db.connect();
    try {
      // A writer's transaction with an id, left open: consumers stop before it, the export must not.
      await open.query('begin');
      await open.query('select pg_current_xact_id()');
      await expectStatus(as(t, 'caseworker').post('/cases', { caseRef: 'AU-25-002', sozialraumId: 'HRO-AU' }), 201);
      const res = await t
        .http()
        .get('/audit/export')
        .set('authorization', `Bearer ${await t.token({ role: 'auditor' })}`);
      const lines = res.text
        .trim()
        .split('\n')
        .map((line: string) => JSON.parse(line));
      expect(lines.some((l: any) => l.streamId === 'HRO-JA/case/AU-25-002')).toBe(true);
      expect(lines).toHaveLength(await tenantEventCount());
    } finally {
      await open.query('rollback');
      open.release();
    }
  });

  it('verifies the chain, and names an event altered behind the append-only trigger', async () => {
    const clean = await expectStatus(auditor().get('/audit/verification'), 200);
    expect(clean.body).toMatchObject({ ok: true, problems: [] });
    expect(clean.body.eventsChecked).toBeGreaterThan(0);

    const { rows } = await t.db.query(
      `select event_id, global_position from es_events where stream_id = 'HRO-JA/case/AU-25-001' order by stream_version limit 1`,
    );
    await t.db.query('alter table es_events disable trigger es_events_append_only');
    await t.db.query(`update es_events set data = jsonb_set(data, '{providerId}', '"TR-X"') where event_id = $1`, [rows[0].event_id]);
    await t.db.query('alter table es_events enable trigger es_events_append_only');
    const tampered = await expectStatus(auditor().get('/audit/verification'), 200);
    expect(tampered.body.ok).toBe(false);
    expect(tampered.body.problems.join('\n')).toContain(`event ${rows[0].event_id} at position ${rows[0].global_position}`);

    // Another tenant's auditor learns that the log was altered, not which event of whom.
    const other = await t
      .http()
      .get('/audit/verification')
      .set('authorization', `Bearer ${await t.token({ role: 'auditor', tenant: 'HRO-XX' })}`);
    expect(other.body).toMatchObject({ ok: false, eventsChecked: 0, problems: [] });
    expect(other.body.problemsElsewhere).toBeGreaterThan(0);
  });
});
