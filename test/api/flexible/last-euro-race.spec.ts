import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from './flexible-client';
import { openBudget, registerSozialraum } from './flexible-setup';

/**
 * Approvals racing for the last euros of a category meet at the budget stream's expected
 * version: the losers are re-decided on the newer state, so exactly those that fit succeed.
 */
describe('the last euro of flexible money under concurrent requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function budgetWith(sozialraumId: string, fu: string): Promise<string> {
    await registerSozialraum(t, sozialraumId, `Sozialraum ${sozialraumId}`);
    await openBudget(t, sozialraumId, 2025, { FS: '1000.00', FUE: '0.00', FU: fu });
    return `/budgets/${sozialraumId}/2025`;
  }

  async function boundEvents(sozialraumId: string): Promise<number> {
    const { rows } = await t.db.query(`select count(*)::int as n from es_events where stream_id = $1 and type = 'CommitmentRecorded'`, [
      `HRO-JA/budget/${sozialraumId}/2025`,
    ]);
    return rows[0].n;
  }

  it('of eight approvals of 300.00 against 1,000.00 exactly three succeed; the rest are budget-exhausted', async () => {
    const base = await budgetWith('HRO-RACE-A', '1000.00');
    const provider = as(t, 'provider', 'TR-E');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await expectStatus(
        provider.post(`${base}/activities`, {
          category: 'FU',
          activityDate: '2025-07-01',
          amount: '300.00',
          description: `Angebot ${i + 1}`,
          businessDate: '2025-03-01',
        }),
        201,
      );
      ids.push(res.body.activityId);
    }
    const controller = as(t, 'controller');
    const answers = await Promise.all(ids.map((id) => controller.post(`${base}/activities/${id}/approval`, { businessDate: '2025-03-02' })));

    const approved = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(approved).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ type: '/problems/budget-exhausted', available: '100.00', requested: '300.00' });
    }
    const [, fu] = (await expectStatus(controller.get(`${base}/flexible`), 200)).body.categories;
    expect(fu).toMatchObject({ planned: '1000.00', granted: '900.00', available: '100.00' });
    expect(await boundEvents('HRO-RACE-A')).toBe(3);
  });

  it('of two subsidies racing for 1,000.00 with 600.00 each exactly one is granted', async () => {
    const base = await budgetWith('HRO-RACE-B', '1000.00');
    const controller = as(t, 'controller');
    const grant = (purpose: string) =>
      controller.post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FU',
        purpose,
        total: '600.00',
        instalments: [{ dueDate: '2025-09-01', amount: '600.00' }],
        businessDate: '2025-03-01',
      });
    const answers = await Promise.all([grant('Ferienfahrt'), grant('Sportnacht'), grant('Kochkurs')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    expect(answers.filter((a) => a.status === 422).every((a) => a.body.type === '/problems/budget-exhausted' && a.body.available === '400.00')).toBe(true);
    const [, fu] = (await expectStatus(controller.get(`${base}/flexible`), 200)).body.categories;
    expect(fu).toMatchObject({ granted: '600.00', available: '400.00' });
    expect(await boundEvents('HRO-RACE-B')).toBe(1);
  });
});
