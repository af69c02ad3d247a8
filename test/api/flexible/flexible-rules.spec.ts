import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from './flexible-client';
import { openBudget, registerSozialraum } from './flexible-setup';

/** The rules of flexible money as a client meets them: refusals by name, isolation, revenue, pages. */
describe('flexible money: rules over HTTP', () => {
  let t: TestApp;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const controller = () => as(t, 'controller');
  const wiju = () => as(t, 'wiju');
  const trE = () => as(t, 'provider', 'TR-E');
  const trF = () => as(t, 'provider', 'TR-F');

  async function budget(planned = { FS: '0.00', FUE: '10000.00', FU: '10000.00' }): Promise<string> {
    const sozialraumId = `HRO-R${++counter}`;
    await registerSozialraum(t, sozialraumId, `Sozialraum ${counter}`, 'TR-E', ['TR-F']);
    await openBudget(t, sozialraumId, 2025, planned);
    return `/budgets/${sozialraumId}/2025`;
  }

  const subsidy = (total: string, category = 'FU', instalments = [{ dueDate: '2025-03-01', amount: total }]) => ({
    providerId: 'TR-E',
    category,
    purpose: 'Gruppenangebot',
    total,
    instalments,
    businessDate: '2025-02-01',
  });

  it('takes activity reports only from providers of the Trägerverbund on the activity date, writing nothing otherwise', async () => {
    const base = await budget();
    const admin = as(t, 'admin');
    const outsider = await admin.post('/providers', { providerId: 'TR-Z', name: 'Träger Z' });
    expect([201, 409]).toContain(outsider.status);
    const events = await t.eventCount();
    const res = await expectStatus(
      as(t, 'provider', 'TR-Z').post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-05-10',
        amount: '500.00',
        description: 'Sportnacht',
        businessDate: '2025-02-10',
      }),
      422,
    );
    expect(res.body).toMatchObject({ type: '/problems/provider-not-in-traegerverbund', providerId: 'TR-Z' });
    expect(await t.eventCount()).toBe(events);
    // TR-F is a member of the Verbund: its report is taken.
    await expectStatus(
      trF().post(`${base}/activities`, { category: 'FU', activityDate: '2025-05-10', amount: '500.00', description: 'Sportnacht', businessDate: '2025-02-10' }),
      201,
    );
  });

  it('refuses a commitment beyond the available money with budget-exhausted and the available amount', async () => {
    const base = await budget();
    await expectStatus(controller().post(`${base}/subsidies`, subsidy('9000.00')), 201);
    const res = await expectStatus(controller().post(`${base}/subsidies`, subsidy('1000.01')), 422);
    expect(res.body).toMatchObject({ type: '/problems/budget-exhausted', status: 422, category: 'FU', available: '1000.00', requested: '1000.01' });
    await expectStatus(controller().post(`${base}/subsidies`, subsidy('1000.00')), 201);
  });

  it('refuses new commitments while frozen; money committed before is still paid and reported (R8)', async () => {
    const base = await budget();
    await expectStatus(controller().post(`${base}/subsidies`, subsidy('2000.00')), 201);
    await expectStatus(
      trE().post(`${base}/activities`, { category: 'FU', activityDate: '2025-05-10', amount: '500.00', description: 'Sportnacht', businessDate: '2025-02-10' }),
      201,
    );
    await expectStatus(controller().post(`${base}/freeze`, { categories: ['FU'], reason: 'Haushaltssperre', businessDate: '2025-02-15' }), 200);
    const refused = await expectStatus(controller().post(`${base}/subsidies`, { ...subsidy('1.00'), businessDate: '2025-02-16' }), 422);
    expect(refused.body.type).toBe('/problems/budget-frozen');
    expect((await expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, { businessDate: '2025-02-16' }), 422)).body.type).toBe(
      '/problems/budget-frozen',
    );
    await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R1/payment-order`, { businessDate: '2025-03-01' }), 200);
    const [, fu] = (await expectStatus(controller().get(`${base}/flexible`), 200)).body.categories;
    expect(fu).toMatchObject({ granted: '2000.00', paid: '2000.00', frozen: true });
  });

  it('refuses an actual amount above the approval; a lower one releases the rest', async () => {
    const base = await budget();
    await expectStatus(
      trE().post(`${base}/activities`, {
        category: 'FUE',
        activityDate: '2025-04-05',
        amount: '1500.00',
        description: 'Elterncafé',
        businessDate: '2025-02-10',
      }),
      201,
    );
    await expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, { amount: '1200.00', businessDate: '2025-02-12' }), 200);
    const over = await expectStatus(trE().post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '1200.01', businessDate: '2025-04-06' }), 422);
    expect(over.body).toMatchObject({ type: '/problems/actual-exceeds-approval', approved: '1200.00' });
    const res = await expectStatus(trE().post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '1100.00', businessDate: '2025-04-06' }), 200);
    expect(res.body).toMatchObject({ actual: '1100.00', released: '100.00' });
    const [fue] = (await expectStatus(controller().get(`${base}/flexible`), 200)).body.categories;
    expect(fue).toMatchObject({ granted: '1100.00', paid: '1100.00', open: '0.00', available: '8900.00' });
  });

  it('a rejection keeps its reason and commits nothing', async () => {
    const base = await budget();
    await expectStatus(
      trE().post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-04-05',
        amount: '800.00',
        description: 'Graffiti-Workshop',
        businessDate: '2025-02-10',
      }),
      201,
    );
    const res = await expectStatus(
      controller().post(`${base}/activities/AKT-2025-1/rejection`, { reason: 'kein Bezug zum Sozialraum', businessDate: '2025-02-12' }),
      200,
    );
    expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: 'kein Bezug zum Sozialraum' });
    expect((await expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, {}), 422)).body.type).toBe('/problems/activity-already-decided');
  });

  it('reclaims unused money: unpaid instalments released, the claim received as revenue, actuals unchanged (R2)', async () => {
    const base = await budget();
    const plan = [
      { dueDate: '2025-03-01', amount: '3000.00' },
      { dueDate: '2025-09-01', amount: '3000.00' },
    ];
    await expectStatus(controller().post(`${base}/subsidies`, subsidy('6000.00', 'FUE', plan)), 201);
    await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R1/payment-order`, { businessDate: '2025-03-01' }), 200);
    await expectStatus(trF().post(`${base}/subsidies/ZUW-2025-1/usage-reports`, { lines: [{ instalmentId: 'R1', spent: '1.00', description: 'x' }] }), 404);
    const reported = await expectStatus(
      trE().post(`${base}/subsidies/ZUW-2025-1/usage-reports`, {
        lines: [{ instalmentId: 'R1', spent: '2500.00', description: 'Kurs mit 6 statt 8 Terminen' }],
        businessDate: '2025-06-30',
      }),
      201,
    );
    expect(reported.body.instalments[0].usage).toMatchObject({ spent: '2500.00', unused: '500.00', reportedOn: '2025-06-30' });
    const reclaimed = await expectStatus(
      controller().post(`${base}/subsidies/ZUW-2025-1/reclaim`, { reason: 'Kurs eingestellt', businessDate: '2025-07-01' }),
      200,
    );
    expect(reclaimed.body).toMatchObject({
      status: 'reclaimed',
      granted: '3000.00',
      paid: '3000.00',
      reclaim: { released: '3000.00', claimed: '500.00', received: '0.00', outstanding: '500.00' },
    });
    expect(reclaimed.body.instalments.map((i: any) => i.status)).toEqual(['paid', 'released']);
    expect((await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R2/payment-order`, {}), 422)).body.type).toBe(
      '/problems/subsidy-reclaimed',
    );
    const over = await expectStatus(controller().post(`${base}/subsidies/ZUW-2025-1/reclaim-receipt`, { amount: '500.01', businessDate: '2025-07-20' }), 422);
    expect(over.body).toMatchObject({ type: '/problems/receipt-exceeds-claim', outstanding: '500.00' });
    const received = await expectStatus(
      controller().post(`${base}/subsidies/ZUW-2025-1/reclaim-receipt`, { amount: '500.00', businessDate: '2025-07-20' }),
      200,
    );
    expect(received.body.reclaim).toMatchObject({ received: '500.00', outstanding: '0.00' });

    const [fue] = (await expectStatus(controller().get(`${base}/flexible`), 200)).body.categories;
    expect(fue).toMatchObject({ granted: '3000.00', paid: '3000.00', open: '0.00', available: '7000.00' });
    await t.settle();
    const utilisation = await expectStatus(controller().get(`/steering/${base.split('/')[2]}/2025/utilisation`), 200);
    expect(utilisation.body.categories.find((c: any) => c.category === 'FUE')).toMatchObject({ actual: '3000.00', forecast: '3000.00' });
    expect(utilisation.body.revenue).toEqual([{ kind: 'rueckforderung', amount: '500.00' }]);
    const list = await expectStatus(controller().get(`/subsidies?sozialraumId=${base.split('/')[2]}`), 200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ status: 'reclaimed', granted: '3000.00', paid: '3000.00', claimed: '500.00', received: '500.00' }),
    ]);
  });

  it('keeps providers to their own subsidies and activities', async () => {
    const base = await budget();
    await expectStatus(controller().post(`${base}/subsidies`, subsidy('100.00')), 201);
    await expectStatus(
      trE().post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-04-05',
        amount: '50.00',
        description: 'Kinonachmittag',
        businessDate: '2025-02-10',
      }),
      201,
    );
    await expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, { businessDate: '2025-02-11' }), 200);
    expect((await expectStatus(trF().get(`${base}/subsidies/ZUW-2025-1`), 404)).body.type).toBe('/problems/subsidy-not-found');
    expect((await expectStatus(trF().get(`${base}/activities/AKT-2025-1`), 404)).body.type).toBe('/problems/activity-not-found');
    await expectStatus(trF().post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '50.00', businessDate: '2025-04-06' }), 404);
    await expectStatus(trE().get(`${base}/subsidies/ZUW-2025-1`), 200);
    await expectStatus(as(t, 'caseworker').get(`${base}/activities/AKT-2025-1`), 200);
  });

  it('validates input: amounts as decimal strings with two decimals, flexible categories only, known ids', async () => {
    const base = await budget();
    const bad = async (body: object, field: string) => {
      const res = await expectStatus(controller().post(`${base}/subsidies`, body), 400);
      expect(res.body.type).toBe('/problems/validation-failed');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    };
    await bad({ ...subsidy('100.00'), total: '100.001' }, 'total');
    await bad({ ...subsidy('100.00'), total: 100 }, 'total');
    await bad({ ...subsidy('100.00'), category: 'FS' }, 'category');
    await bad({ ...subsidy('100.00'), instalments: [] }, 'instalments');
    await bad({ ...subsidy('100.00'), instalments: [{ dueDate: '2025-02-30', amount: '100.00' }] }, 'instalments[0].dueDate');
    await bad({ ...subsidy('100.00'), surname: 'Mustermann' }, 'surname');
    const sum = await expectStatus(controller().post(`${base}/subsidies`, { ...subsidy('100.00'), total: '100.01' }), 422);
    expect(sum.body).toMatchObject({ type: '/problems/instalments-do-not-match-total', instalmentSum: '100.00' });
    await expectStatus(controller().get(`${base}/subsidies/nope`), 400);
    await expectStatus(controller().get('/budgets/HRO-NONE/2025/flexible'), 404);
    expect((await expectStatus(controller().post('/budgets/HRO-NONE/2025/subsidies', subsidy('1.00')), 404)).body.type).toBe('/problems/budget-not-found');
  });

  it('answers a creation with the new id at the top level and the Location it is read at', async () => {
    const base = await budget();
    const plan = [
      { dueDate: '2025-03-01', amount: '300.00' },
      { dueDate: '2025-04-01', amount: '200.00' },
    ];
    const granted = await expectStatus(controller().post(`${base}/subsidies`, subsidy('500.00', 'FU', plan)), 201);
    expect(granted.body.subsidyId).toBe('ZUW-2025-1');
    expect(granted.headers.location).toBe(`${base}/subsidies/ZUW-2025-1`);
    await expectStatus(controller().get(granted.headers.location), 200);

    const reported = await expectStatus(
      trE().post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-05-10',
        amount: '50.00',
        description: 'Kinonachmittag',
        businessDate: '2025-02-10',
      }),
      201,
    );
    expect(reported.body.activityId).toBe('AKT-2025-1');
    expect(reported.headers.location).toBe(`${base}/activities/AKT-2025-1`);
    expect((await expectStatus(controller().get(reported.headers.location), 200)).body).toMatchObject({ activityId: 'AKT-2025-1', status: 'reported' });

    await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R1/payment-order`, { businessDate: '2025-03-01' }), 200);
    await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R2/payment-order`, { businessDate: '2025-04-01' }), 200);
    const first = await expectStatus(
      trE().post(`${base}/subsidies/ZUW-2025-1/usage-reports`, {
        lines: [{ instalmentId: 'R1', spent: '300.00', description: 'Kurs' }],
        businessDate: '2025-04-10',
      }),
      201,
    );
    expect(first.body.reportId).toBe('VN1');
    expect(first.headers.location).toBe(`${base}/subsidies/ZUW-2025-1`);
    const second = await expectStatus(
      trE().post(`${base}/subsidies/ZUW-2025-1/usage-reports`, {
        lines: [{ instalmentId: 'R2', spent: '150.00', description: 'Kurs' }],
        businessDate: '2025-05-10',
      }),
      201,
    );
    expect(second.body.reportId).toBe('VN2');
    const read = await expectStatus(trE().get(second.headers.location), 200);
    expect(read.body.instalments.map((i: any) => i.usage?.reportId)).toEqual(['VN1', 'VN2']);
  });

  it('refuses in German by default and in English on request', async () => {
    const base = await budget();
    const token = await t.token({ role: 'controller', sub: 'controller-lang' });
    const post = (language?: string) => {
      const req = t.http().post(`${base}/subsidies`).set('authorization', `Bearer ${token}`);
      return (language ? req.set('accept-language', language) : req).send(subsidy('10000.01'));
    };
    const german = await expectStatus(post(), 422);
    expect(german.body).toMatchObject({
      type: '/problems/budget-exhausted',
      title: 'Budget ausgeschöpft',
      detail:
        '10000.01 EUR übersteigen die in der Kategorie fallunspezifisch verfügbaren 10000.00 EUR; weitere Mittel kann eine Umschichtung (R11) oder ein Nachtrag bereitstellen.',
    });
    const english = await expectStatus(post('en'), 422);
    expect(english.body).toMatchObject({
      type: '/problems/budget-exhausted',
      title: 'Budget exhausted',
      detail: '10000.01 exceeds the available fallunspezifisch money of 10000.00; a reallocation (R11) or an amendment can provide more.',
    });
  });

  it('pages lists with limit and cursor', async () => {
    const base = await budget();
    for (let i = 1; i <= 3; i++) {
      await expectStatus(
        trE().post(`${base}/activities`, {
          category: 'FU',
          activityDate: '2025-04-05',
          amount: `${i}0.00`,
          description: `Angebot ${i}`,
          businessDate: '2025-02-10',
        }),
        201,
      );
    }
    await t.settle();
    const sozialraumId = base.split('/')[2];
    const first = await expectStatus(controller().get(`/flexible-activities?sozialraumId=${sozialraumId}&limit=2`), 200);
    expect(first.body.items.map((a: any) => a.activityId)).toEqual(['AKT-2025-1', 'AKT-2025-2']);
    const second = await expectStatus(controller().get(`/flexible-activities?sozialraumId=${sozialraumId}&limit=2&cursor=${first.body.nextCursor}`), 200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ activityId: 'AKT-2025-3', requested: '30.00', status: 'reported' })], nextCursor: null });
  });
});
