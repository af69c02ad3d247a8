import { monthsBetween } from '../../../libs/calendar';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from './flexible-client';
import { openBudget, registerSozialraum } from './flexible-setup';

/**
 * The flexible part of docs/example-toitenwinkel-2025.md through the public API: Elternkurse and
 * Jugendtreff subsidies, the Stadtteilfest reported by TR-E, the reallocation agreed on 01.06.
 */
describe('Toitenwinkel 2025: flexible money through the API', () => {
  let t: TestApp;
  const base = '/budgets/HRO-TW/2025';
  const months = monthsBetween('2025-01', '2025-12');
  const fueMonths = ['2025-02', '2025-05', '2025-08', '2025-11'];

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F', 'TR-G']);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => t?.close());

  const controller = () => as(t, 'controller');
  const wiju = () => as(t, 'wiju');
  const trE = () => as(t, 'provider', 'TR-E');
  const figures = async () => (await expectStatus(controller().get(`${base}/flexible`), 200)).body.categories;

  it('grants the Elternkurse: 24,000.00 in FÜ, four instalments of 6,000.00 in Feb, May, Aug, Nov', async () => {
    const res = await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Elternkurse',
        total: '24000.00',
        instalments: fueMonths.map((m) => ({ dueDate: `${m}-03`, amount: '6000.00' })),
        businessDate: '2025-01-15',
      }),
      201,
    );
    expect(res.body).toMatchObject({
      subsidyId: 'ZUW-2025-1',
      providerId: 'TR-E',
      category: 'FUE',
      bescheidDate: '2025-01-15',
      total: '24000.00',
      granted: '24000.00',
      paid: '0.00',
      status: 'granted',
    });
    expect(res.body.instalments.map((i: any) => [i.instalmentId, i.month, i.amount])).toEqual(fueMonths.map((m, i) => [`R${i + 1}`, m, '6000.00']));
    expect(typeof res.body.version).toBe('number');
  });

  it('grants the Jugendtreff: 30,000.00 in FU, 12 × 2,500.00 monthly', async () => {
    const res = await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FU',
        purpose: 'Jugendtreff Toitenwinkel',
        total: '30000.00',
        instalments: months.map((m) => ({ dueDate: `${m}-15`, amount: '2500.00' })),
        businessDate: '2025-01-15',
      }),
      201,
    );
    expect(res.body).toMatchObject({ subsidyId: 'ZUW-2025-2', granted: '30000.00' });
    expect(res.body.instalments).toHaveLength(12);
  });

  it('TR-E reports the Stadtteilfest, the Jugendamt approves 2,800.00 on 02.05. for June', async () => {
    const reported = await expectStatus(
      trE().post(`${base}/activities`, {
        category: 'FU',
        activityDate: '2025-06-14',
        amount: '2800.00',
        description: 'Stadtteilfest Toitenwinkel',
        evidenceReference: 'Angebot TR-E 2025/17',
        businessDate: '2025-04-25',
      }),
      201,
    );
    expect(reported.body).toMatchObject({ activityId: 'AKT-2025-1', providerId: 'TR-E', status: 'reported', requested: '2800.00', approved: null });
    const approved = await expectStatus(controller().post(`${base}/activities/AKT-2025-1/approval`, { businessDate: '2025-05-02' }), 200);
    expect(approved.body).toMatchObject({ status: 'approved', approved: '2800.00', decidedOn: '2025-05-02' });
    expect(await figures()).toEqual([
      {
        category: 'FUE',
        name: 'fallübergreifend',
        planned: '30000.00',
        granted: '24000.00',
        paid: '0.00',
        open: '24000.00',
        available: '6000.00',
        frozen: false,
      },
      {
        category: 'FU',
        name: 'fallunspezifisch',
        planned: '40000.00',
        granted: '32800.00',
        paid: '0.00',
        open: '32800.00',
        available: '7200.00',
        frozen: false,
      },
    ]);
  });

  it('moves 5,000.00 from FÜ to FU: proposed by TR-E on 20.05., agreed by the Jugendamt on 01.06.', async () => {
    const proposed = await expectStatus(
      trE().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' }),
      201,
    );
    await expectStatus(
      controller().post(`${base}/reallocations/${proposed.body.proposalId}/agreement`, { reason: 'einverstanden', businessDate: '2025-06-01' }),
      200,
    );
    const [fue, fu] = await figures();
    expect(fue).toMatchObject({ planned: '25000.00', granted: '24000.00', available: '1000.00' });
    expect(fu).toMatchObject({ planned: '45000.00', granted: '32800.00', available: '12200.00' });
  });

  it('the Stadtteilfest cost 2,800.00: actual expenditure of June', async () => {
    const res = await expectStatus(trE().post(`${base}/activities/AKT-2025-1/actual-report`, { amount: '2800.00', businessDate: '2025-06-20' }), 200);
    expect(res.body).toMatchObject({ status: 'settled', actual: '2800.00', released: '0.00', actualReportedOn: '2025-06-20' });
  });

  it('the Wirtschaftliche Jugendhilfe orders every instalment on its due date', async () => {
    for (const [i, m] of fueMonths.entries()) {
      const res = await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-1/instalments/R${i + 1}/payment-order`, { businessDate: `${m}-03` }), 200);
      expect(res.body.instalments[i]).toMatchObject({ status: 'paid', paymentOrderedOn: `${m}-03` });
    }
    for (const [i, m] of months.entries()) {
      await expectStatus(wiju().post(`${base}/subsidies/ZUW-2025-2/instalments/R${i + 1}/payment-order`, { businessDate: `${m}-15` }), 200);
    }
    const elternkurse = await expectStatus(controller().get(`${base}/subsidies/ZUW-2025-1`), 200);
    expect(elternkurse.body).toMatchObject({ granted: '24000.00', paid: '24000.00', open: '0.00' });
  });

  it('ends the year with FÜ 25,000.00 planned / 24,000.00 actual and FU 45,000.00 planned / 32,800.00 actual', async () => {
    expect(await figures()).toEqual([
      {
        category: 'FUE',
        name: 'fallübergreifend',
        planned: '25000.00',
        granted: '24000.00',
        paid: '24000.00',
        open: '0.00',
        available: '1000.00',
        frozen: false,
      },
      {
        category: 'FU',
        name: 'fallunspezifisch',
        planned: '45000.00',
        granted: '32800.00',
        paid: '32800.00',
        open: '0.00',
        available: '12200.00',
        frozen: false,
      },
    ]);
  });

  it('steering shows the monthly actuals of the example', async () => {
    await t.settle();
    const res = await expectStatus(controller().get('/steering/HRO-TW/2025/utilisation'), 200);
    const monthly = res.body.monthlyActual.map((m: any) => [m.month, m.FUE, m.FU]);
    expect(monthly).toEqual(months.map((m) => [m, fueMonths.includes(m) ? '6000.00' : '0.00', m === '2025-06' ? '5300.00' : '2500.00']));
    const category = (c: string) => res.body.categories.find((x: any) => x.category === c);
    expect(category('FUE')).toMatchObject({ planned: '25000.00', actual: '24000.00', forecast: '24000.00' });
    expect(category('FU')).toMatchObject({ planned: '45000.00', actual: '32800.00', forecast: '32800.00' });
  });

  it('TR-E sees its own subsidies and activities; other providers see none of them', async () => {
    await t.settle();
    const own = await expectStatus(trE().get('/subsidies?sozialraumId=HRO-TW&fiscalYear=2025'), 200);
    expect(own.body.items.map((s: any) => [s.subsidyId, s.purpose, s.granted, s.paid])).toEqual([
      ['ZUW-2025-1', 'Elternkurse', '24000.00', '24000.00'],
      ['ZUW-2025-2', 'Jugendtreff Toitenwinkel', '30000.00', '30000.00'],
    ]);
    const activities = await expectStatus(trE().get('/flexible-activities?fiscalYear=2025'), 200);
    expect(activities.body.items).toEqual([expect.objectContaining({ activityId: 'AKT-2025-1', status: 'settled', approved: '2800.00', actual: '2800.00' })]);
    const trF = as(t, 'provider', 'TR-F');
    expect((await expectStatus(trF.get('/subsidies?sozialraumId=HRO-TW'), 200)).body.items).toEqual([]);
    expect((await expectStatus(trF.get('/flexible-activities'), 200)).body.items).toEqual([]);
    await expectStatus(trF.get(`${base}/subsidies/ZUW-2025-1`), 404);
    await expectStatus(trF.get(`${base}/activities/AKT-2025-1`), 404);
    await expectStatus(trF.get('/subsidies?providerId=TR-E'), 404);
  });
});
