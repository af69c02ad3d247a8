import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { registerSozialraum } from '../flexible/flexible-setup';

describe('budget planning through the API', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const lead = () => as(t, 'provider', 'TR-E');
  const base = '/budgets/HRO-TW/2025';
  const category = (body: any, c: string) => body.categories.find((x: any) => x.category === c);

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F']);
    await registerSozialraum(t, 'HRO-GK', 'Groß Klein', 'TR-F');
  });
  afterAll(async () => t?.close());

  it('concludes contract versions with rule-book defaults and reads the one in force on a date', async () => {
    const first = await expectStatus(
      controller().post('/budget-contracts/HRO-TW/versions', {
        effectiveFrom: '2025-01-01',
        terms: {},
        reason: 'Sozialraumbudgetvertrag',
        decisionReference: 'JHA 2024/12',
      }),
      201,
    );
    expect(first.body.inForce.terms).toMatchObject({
      corridorPct: '5',
      warningThresholdPct: '100',
      procedureThresholdPct: '105',
      renegotiationThresholdPct: '110',
      highCostDailyRateThreshold: '300.00',
      excludedLegalBases: ['42'],
      underrunReviewMonth: 9,
    });
    await expectStatus(
      controller().post('/budget-contracts/HRO-TW/versions', {
        effectiveFrom: '2025-07-01',
        terms: { corridorPct: '3', highCostDailyRateThreshold: '320.00' },
        reason: 'Nachverhandlung',
      }),
      201,
    );
    const june = await expectStatus(controller().get('/budget-contracts/HRO-TW?asOf=2025-06-30'), 200);
    const july = await expectStatus(controller().get('/budget-contracts/HRO-TW?asOf=2025-07-01'), 200);
    expect(june.body.inForce).toMatchObject({ versionNumber: 1, terms: { corridorPct: '5', highCostDailyRateThreshold: '300.00' } });
    expect(july.body.inForce).toMatchObject({ versionNumber: 2, terms: { corridorPct: '3', highCostDailyRateThreshold: '320.00', providerSharePct: '50' } });
    expect(july.body.versions).toHaveLength(2);
    const before = await t.eventCount();
    const invalid = await controller().post('/budget-contracts/HRO-TW/versions', { effectiveFrom: '2025-09-01', terms: { corridorPct: '150' }, reason: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'terms.corridorPct' })]);
    expect(await t.eventCount()).toBe(before);
  });

  it('allocates a budget (B is the sum of the categories) and opens it', async () => {
    const allocated = await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushalt 2025',
        businessDate: '2024-12-10',
      }),
      201,
    );
    expect(allocated.body).toMatchObject({ status: 'planned', total: '200000.00' });
    expect(allocated.headers.location).toBe('/budgets/HRO-TW/2025');
    const again = await controller().post('/budgets', {
      sozialraumId: 'HRO-TW',
      fiscalYear: 2025,
      planned: { FS: '1.00', FUE: '1.00', FU: '1.00' },
      reason: 'doppelt',
    });
    expect(again.status).toBe(409);
    const unknown = await controller().post('/budgets', {
      sozialraumId: 'HRO-XX',
      fiscalYear: 2025,
      planned: { FS: '1.00', FUE: '1.00', FU: '1.00' },
      reason: 'x',
    });
    expect(unknown.status).toBe(404);
    const opened = await expectStatus(controller().post(`${base}/opening`, { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' }), 200);
    expect(opened.body.status).toBe('open');
    // The overview shows the contract in force today, or on the date asked for.
    const march = await expectStatus(controller().get(`${base}?contractAsOf=2025-03-01`), 200);
    expect(march.body.contract).toMatchObject({ versionNumber: 1, effectiveFrom: '2025-01-01' });
  });

  it('records a Nachtrag with reason and decision reference in the history (who, when, why)', async () => {
    const res = await expectStatus(
      controller().post(`${base}/amendments`, {
        category: 'FU',
        amount: '42000.00',
        reason: 'Nachtragshaushalt: Ferienangebote',
        decisionReference: 'BV 2025/0815',
        businessDate: '2025-03-20',
      }),
      200,
    );
    expect(category(res.body, 'FU')).toMatchObject({ initial: '40000.00', planned: '42000.00' });
    expect(res.body.total).toBe('202000.00');
    const entry = res.body.history.find((h: any) => h.type === 'BudgetAmended');
    expect(entry).toMatchObject({
      businessDate: '2025-03-20',
      actor: { role: 'controller', organisationId: 'HRO-JA' },
      data: {
        category: 'FU',
        previousAmount: '40000.00',
        newAmount: '42000.00',
        reason: 'Nachtragshaushalt: Ferienangebote',
        decisionReference: 'BV 2025/0815',
      },
    });
    expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('moves money between categories only when the other party agrees; B stays the same', async () => {
    const proposed = await expectStatus(
      lead().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' }),
      201,
    );
    const proposalId = proposed.body.proposalId ?? proposed.body.openProposals[0].proposalId;
    // One-sided: nothing moves yet.
    const pending = await expectStatus(controller().get(base), 200);
    expect(category(pending.body, 'FUE').planned).toBe('30000.00');
    expect(pending.body.openProposals).toEqual([expect.objectContaining({ proposalId, amount: '5000.00' })]);
    // The proposing party cannot agree with itself.
    const self = await lead().post(`${base}/reallocations/${proposalId}/agreement`, { reason: 'ja', businessDate: '2025-05-21' });
    expect(self.status).toBe(422);
    // A provider that is not the lead cannot act for the providers.
    expect((await as(t, 'provider', 'TR-F').post(`${base}/reallocations/${proposalId}/agreement`, { reason: 'ja' })).status).toBe(403);
    const agreed = await expectStatus(
      controller().post(`${base}/reallocations/${proposalId}/agreement`, { reason: 'einverstanden', businessDate: '2025-06-01' }),
      200,
    );
    expect([category(agreed.body, 'FUE').planned, category(agreed.body, 'FU').planned, agreed.body.total]).toEqual(['25000.00', '47000.00', '202000.00']);
    expect(agreed.body.openProposals).toEqual([]);
  });

  it('rejection and withdrawal close a proposal without moving money', async () => {
    const p1 = await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '1000.00', reason: 'Elternarbeit', businessDate: '2025-06-10' }),
      201,
    );
    const id1 = p1.body.proposalId ?? p1.body.openProposals[0].proposalId;
    await expectStatus(lead().post(`${base}/reallocations/${id1}/rejection`, { reason: 'Jugendtreff braucht die Mittel', businessDate: '2025-06-12' }), 200);
    const p2 = await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '1000.00', reason: 'Elternarbeit', businessDate: '2025-06-15' }),
      201,
    );
    const id2 = p2.body.proposalId ?? p2.body.openProposals.at(-1).proposalId;
    expect((await lead().post(`${base}/reallocations/${id2}/withdrawal`, { reason: 'nicht meiner' })).status).toBe(422);
    const withdrawn = await expectStatus(controller().post(`${base}/reallocations/${id2}/withdrawal`, { reason: 'erledigt', businessDate: '2025-06-16' }), 200);
    expect([category(withdrawn.body, 'FUE').planned, category(withdrawn.body, 'FU').planned]).toEqual(['25000.00', '47000.00']);
  });

  it('refuses to move money already committed', async () => {
    await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Elternkurse',
        total: '24000.00',
        instalments: [{ dueDate: '2025-08-01', amount: '24000.00' }],
        businessDate: '2025-07-01',
      }),
      201,
    );
    const before = await t.eventCount();
    const res = await controller().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '1000.01', reason: 'zu viel', businessDate: '2025-07-02' });
    expect(res.status).toBe(422);
    expect(await t.eventCount()).toBe(before);
    await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '1000.00', reason: 'Rest', businessDate: '2025-07-02' }),
      201,
    );
  });

  it('freezes unbound flexible money: new flexible commitments are refused until the freeze is lifted', async () => {
    const frozen = await expectStatus(
      controller().post(`${base}/freeze`, { categories: ['FU'], reason: 'Haushaltssperre § 29 GemHVO', businessDate: '2025-08-01' }),
      200,
    );
    expect(category(frozen.body, 'FU').frozen).toBe(true);
    const grant = {
      providerId: 'TR-E',
      category: 'FU',
      purpose: 'Ferienfahrt',
      total: '500.00',
      instalments: [{ dueDate: '2025-09-01', amount: '500.00' }],
      businessDate: '2025-08-05',
    };
    const refused = await controller().post(`${base}/subsidies`, grant);
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('/problems/budget-frozen');
    // FS cannot be frozen: legal entitlements are never blocked (R8).
    const fs = await controller().post(`${base}/freeze`, { categories: ['FS'], reason: 'x' });
    expect(fs.status).toBe(422);
    await expectStatus(controller().post(`${base}/freeze-lifting`, { categories: ['FU'], reason: 'Sperre aufgehoben', businessDate: '2025-08-20' }), 200);
    await expectStatus(controller().post(`${base}/subsidies`, { ...grant, businessDate: '2025-08-21' }), 201);
  });

  it('lists budgets with filters and keyset pages', async () => {
    await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-GK',
        fiscalYear: 2025,
        planned: { FS: '150000.00', FUE: '25000.00', FU: '35000.00' },
        reason: 'Haushalt 2025',
        businessDate: '2024-12-10',
      }),
      201,
    );
    await t.settle();
    const page1 = await expectStatus(controller().get('/budgets?fiscalYear=2025&limit=1'), 200);
    expect(page1.body.items).toEqual([expect.objectContaining({ sozialraumId: 'HRO-GK', status: 'planned', total: '210000.00' })]);
    const page2 = await expectStatus(controller().get(`/budgets?fiscalYear=2025&limit=1&cursor=${page1.body.nextCursor}`), 200);
    expect(page2.body.items).toEqual([expect.objectContaining({ sozialraumId: 'HRO-TW', status: 'open', frozen: { FUE: false, FU: false } })]);
    expect(page2.body.nextCursor).toBeNull();
    expect((await expectStatus(controller().get('/budgets?status=open'), 200)).body.items.map((b: any) => b.sozialraumId)).toEqual(['HRO-TW']);
  });

  it('a closed year accepts no bookings and no planning changes', async () => {
    await expectStatus(
      controller().post('/budgets', {
        sozialraumId: 'HRO-GK',
        fiscalYear: 2024,
        planned: { FS: '1000.00', FUE: '1000.00', FU: '1000.00' },
        reason: 'Haushalt 2024',
        businessDate: '2023-12-10',
      }),
      201,
    );
    await expectStatus(controller().post('/budgets/HRO-GK/2024/opening', { reason: 'offen', businessDate: '2024-01-01' }), 200);
    await expectStatus(controller().post('/steering/HRO-GK/2024/year-close', { reason: 'Jahresabschluss 2024', businessDate: '2025-01-20' }), 200);
    const before = await t.eventCount();
    const amend = await controller().post('/budgets/HRO-GK/2024/amendments', { category: 'FU', amount: '2000.00', reason: 'zu spät', decisionReference: 'x' });
    const subsidy = await controller().post('/budgets/HRO-GK/2024/subsidies', {
      providerId: 'TR-F',
      category: 'FU',
      purpose: 'x',
      total: '10.00',
      instalments: [{ dueDate: '2024-12-01', amount: '10.00' }],
      businessDate: '2024-11-01',
    });
    for (const res of [amend, subsidy]) {
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('/problems/fiscal-year-closed');
    }
    expect(await t.eventCount()).toBe(before);
  });
});
