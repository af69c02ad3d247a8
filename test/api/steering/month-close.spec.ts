import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { registerExampleMasterData } from '../cases/case-setup';

/**
 * Month close freezes the month's Haushaltsüberwachungsliste: GET …/month-closes/:month answers
 * the list as of the month end as it was known at closing, and a booking back-dated into the
 * month later changes the live list, never the frozen one. A month closes once it has ended.
 */
describe('month close: the frozen Haushaltsüberwachungsliste', () => {
  let t: TestApp;
  const sr = 'HRO-MC';
  const base = `/budgets/${sr}/2025`;
  const steering = `/steering/${sr}/2025`;
  const controller = () => as(t, 'controller');
  const withoutView = ({ view: _view, source: _source, ...list }: any) => list;

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, sr, 'Monatsabschluss');
    await openBudget(t, sr, 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FU',
        purpose: 'Jugendtreff',
        total: '6000.00',
        instalments: ['01', '02', '03'].map((m) => ({ dueDate: `2025-${m}-15`, amount: '2000.00' })),
        businessDate: '2025-01-10',
      }),
      201,
    );
    for (const [i, m] of ['01', '02', '03'].entries()) {
      await expectStatus(as(t, 'wiju').post(`${base}/subsidies/ZUW-2025-1/instalments/R${i + 1}/payment-order`, { businessDate: `2025-${m}-15` }), 200);
    }
    await t.settle();
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses to close a month before its last day (month-not-ended) and writes nothing', async () => {
    const events = await t.eventCount();
    const early = await controller().post(`${steering}/month-closes`, { month: '2025-03', businessDate: '2025-03-30' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      type: '/problems/month-not-ended',
      monthEnd: '2025-03-31',
      detail: 'Der Monat 2025-03 endet am 2025-03-31; er kann nicht am 2025-03-30 abgeschlossen werden.',
    });
    const english = await t
      .http()
      .post(`${steering}/month-closes`)
      .set('authorization', `Bearer ${await t.token({ role: 'controller' })}`)
      .set('accept-language', 'en')
      .send({ month: '2025-03', businessDate: '2025-03-30' });
    expect(english.body.title).toBe('Month not ended');
    expect(english.body.detail).toBe('2025-03 ends on 2025-03-31; it cannot be closed on 2025-03-30.');
    expect(await t.eventCount()).toBe(events);
  });

  it('freezes the list as of the month end at closing; a later back-dated booking leaves it unchanged', async () => {
    const live = await expectStatus(controller().get(`${steering}/monitoring-list?asOf=2025-03-31`), 200);
    expect(live.body.rows.find((r: any) => r.category === 'FU')).toMatchObject({
      ansatz: '40000.00',
      bindungen: '0.00',
      anordnungen: '6000.00',
      ist: '6000.00',
      rest: '34000.00',
    });
    const closed = await expectStatus(controller().post(`${steering}/month-closes`, { month: '2025-03', businessDate: '2025-04-07' }), 201);
    expect(closed.body).toMatchObject({ month: '2025-03', events: [{ type: 'MonthClosed', businessDate: '2025-03-31' }] });
    expect(closed.headers.location).toBe(`${steering}/month-closes/2025-03`);

    const frozen = await expectStatus(controller().get(`${steering}/month-closes/2025-03`), 200);
    expect(frozen.body).toMatchObject({ month: '2025-03', monthEnd: '2025-03-31', forecast: '6000.00', budget: '200000.00', pctOfBudget: '3.00' });
    expect(frozen.body.monitoringList).toEqual(withoutView(live.body));

    // Booked on 09.04. with business date 20.03.: an Elternkurs subsidy paid in March.
    await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Elternkurse',
        total: '1500.00',
        instalments: [{ dueDate: '2025-03-20', amount: '1500.00' }],
        businessDate: '2025-03-20',
      }),
      201,
    );
    await expectStatus(as(t, 'wiju').post(`${base}/subsidies/ZUW-2025-2/instalments/R1/payment-order`, { businessDate: '2025-03-20' }), 200);
    await t.settle();
    const relived = await expectStatus(controller().get(`${steering}/monitoring-list?asOf=2025-03-31`), 200);
    expect(relived.body.total).toMatchObject({ anordnungen: '7500.00', ist: '7500.00' });
    const still = await expectStatus(controller().get(`${steering}/month-closes/2025-03`), 200);
    expect(still.body.monitoringList).toEqual(frozen.body.monitoringList);
    expect(still.body.monitoringList.total).toMatchObject({ anordnungen: '6000.00', ist: '6000.00' });
  });

  it('lists the closed months with their figures; an open month is 404; the auditor reads, the provider does not', async () => {
    await expectStatus(controller().post(`${steering}/month-closes`, { month: '2025-01', businessDate: '2025-02-05' }), 201);
    const list = await expectStatus(as(t, 'auditor').get(`${steering}/month-closes`), 200);
    expect(list.body.items.map((i: any) => [i.month, i.forecast, i.pctOfBudget])).toEqual([
      ['2025-01', '6000.00', '3.00'],
      ['2025-03', '6000.00', '3.00'],
    ]);
    expect(list.body.items[0].monitoringList).toBeUndefined();
    const open = await controller().get(`${steering}/month-closes/2025-02`);
    expect(open.status).toBe(404);
    expect(open.body.type).toBe('/problems/month-not-closed');
    expect((await as(t, 'provider', 'TR-E').get(`${steering}/month-closes/2025-03`)).status).toBe(403);
  });
});
