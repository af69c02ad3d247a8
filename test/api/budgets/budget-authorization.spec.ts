import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { registerSozialraum } from '../flexible/flexible-setup';

/**
 * Authorisation of every planning command per role (docs/security.md): refused roles get 403 and
 * nothing is written; the allowed role then succeeds with the expected figures.
 */
describe('budget planning: who may do what', () => {
  let t: TestApp;
  const ALL: Role[] = ['controller', 'caseworker', 'wiju', 'provider', 'auditor', 'admin'];
  const base = '/budgets/HRO-TW/2025';
  const planned = (body: any) => Object.fromEntries([...body.categories.map((c: any) => [c.category, c.planned]), ['B', body.total]]);

  /** Every role outside `allowed` is refused with 403 and the event count stays; provider users act as the lead TR-E. */
  async function onlyAllowed(allowed: Role[], path: string, body: object): Promise<void> {
    const before = await t.eventCount();
    const refused = ALL.filter((r) => !allowed.includes(r));
    const answers = [];
    for (const role of refused) {
      const res = await as(t, role, role === 'provider' ? 'TR-E' : undefined).post(path, body);
      answers.push([role, res.status, res.body.type]);
    }
    expect(answers).toEqual(refused.map((role) => [role, 403, '/problems/forbidden']));
    expect(await t.eventCount()).toBe(before);
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F']);
  });
  afterAll(async () => t?.close());

  it('contract versions: controller only', async () => {
    const body = { effectiveFrom: '2025-01-01', terms: {}, reason: 'Sozialraumbudgetvertrag', decisionReference: 'JHA 2024/12' };
    await onlyAllowed(['controller'], '/budget-contracts/HRO-TW/versions', body);
    const res = await expectStatus(as(t, 'controller').post('/budget-contracts/HRO-TW/versions', body), 201);
    expect(res.body.inForce).toMatchObject({ versionNumber: 1, terms: { corridorPct: '5', providerSharePct: '50' } });
  });

  it('allocation and opening: controller only', async () => {
    const allocation = {
      sozialraumId: 'HRO-TW',
      fiscalYear: 2025,
      planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
      reason: 'Haushalt 2025',
      businessDate: '2024-12-10',
    };
    await onlyAllowed(['controller'], '/budgets', allocation);
    expect((await expectStatus(as(t, 'controller').post('/budgets', allocation), 201)).body).toMatchObject({ status: 'planned', total: '200000.00' });
    const opening = { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' };
    await onlyAllowed(['controller'], `${base}/opening`, opening);
    expect((await expectStatus(as(t, 'controller').post(`${base}/opening`, opening), 200)).body.status).toBe('open');
  });

  it('amendments: controller only', async () => {
    const amendment = { category: 'FS', amount: '135000.00', reason: 'Nachtrag Fallzahlen', decisionReference: 'BV 2025/0412', businessDate: '2025-04-15' };
    await onlyAllowed(['controller'], `${base}/amendments`, amendment);
    const res = await expectStatus(as(t, 'controller').post(`${base}/amendments`, amendment), 200);
    expect(planned(res.body)).toEqual({ FS: '135000.00', FUE: '30000.00', FU: '40000.00', B: '205000.00' });
  });

  it('reallocation proposal, agreement, rejection, withdrawal: controller and lead provider only', async () => {
    const proposal = { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' };
    await onlyAllowed(['controller', 'provider'], `${base}/reallocations`, proposal);
    await expectStatus(as(t, 'provider', 'TR-E').post(`${base}/reallocations`, proposal), 201);
    const answer = { reason: 'einverstanden', businessDate: '2025-06-01' };
    await onlyAllowed(['controller', 'provider'], `${base}/reallocations/UMS-2025-1/agreement`, answer);
    await onlyAllowed(['controller', 'provider'], `${base}/reallocations/UMS-2025-1/rejection`, answer);
    await onlyAllowed(['controller', 'provider'], `${base}/reallocations/UMS-2025-1/withdrawal`, answer);
    const agreed = await expectStatus(as(t, 'controller').post(`${base}/reallocations/UMS-2025-1/agreement`, answer), 200);
    expect(planned(agreed.body)).toEqual({ FS: '135000.00', FUE: '25000.00', FU: '45000.00', B: '205000.00' });
  });

  it('freeze and lifting: controller only', async () => {
    const freeze = { categories: ['FU'], reason: 'Haushaltssperre', businessDate: '2025-08-01' };
    await onlyAllowed(['controller'], `${base}/freeze`, freeze);
    const frozen = await expectStatus(as(t, 'controller').post(`${base}/freeze`, freeze), 200);
    expect(frozen.body.categories.map((c: any) => [c.category, c.frozen])).toEqual([
      ['FS', undefined],
      ['FUE', false],
      ['FU', true],
    ]);
    const lifting = { categories: ['FU'], reason: 'Sperre aufgehoben', businessDate: '2025-08-20' };
    await onlyAllowed(['controller'], `${base}/freeze-lifting`, lifting);
    expect(
      (await expectStatus(as(t, 'controller').post(`${base}/freeze-lifting`, lifting), 200)).body.categories.find((c: any) => c.category === 'FU').frozen,
    ).toBe(false);
  });

  it('reads: providers see neither the budget list nor the contracts, but the overview of the Sozialraum they lead', async () => {
    await t.settle();
    expect((await as(t, 'provider', 'TR-E').get('/budgets')).status).toBe(403);
    expect((await as(t, 'provider', 'TR-E').get('/budget-contracts/HRO-TW')).status).toBe(403);
    const own = await expectStatus(as(t, 'provider', 'TR-E').get(base), 200);
    expect(own.body.total).toBe('205000.00');
    for (const role of ['controller', 'caseworker', 'wiju', 'auditor', 'admin'] as Role[]) {
      const list = await expectStatus(as(t, role).get('/budgets?fiscalYear=2025'), 200);
      expect({ role, items: list.body.items.map((b: any) => [b.sozialraumId, b.status, b.total]) }).toEqual({ role, items: [['HRO-TW', 'open', '205000.00']] });
    }
  });
});
