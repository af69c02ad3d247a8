import { Role } from '../../../libs/auth/principal';
import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, endpointExamples } from '../support/all-examples';

const WRITERS = 20;

/**
 * Writes without If-Match that meet on one stream are decided one after another: twenty parallel
 * writers to one budget or one case all succeed, each decided on the state the one before left,
 * and every one of them is recorded once.
 */
describe('parallel writers on one stream', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function parallel(key: string, role: Role, vary: (body: Record<string, unknown>, i: number) => Record<string, unknown>) {
    const call = await endpointExamples.get(key)!(createExampleApi(t), role);
    const token = await t.token({ role, sub: `${role}-parallel` });
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => t.http().post(call.path).set('authorization', `Bearer ${token}`).send(vary(call.body!, i))),
    );
    return Object.assign(answers, { path: call.path });
  }
  const count = async (type: string) => (await t.db.query('select count(*)::int as n from es_events where type = $1', [type])).rows[0].n;

  it(`${WRITERS} budget amendments to one Sozialraum-year all succeed`, async () => {
    const before = await count('BudgetAmended');
    const answers = await parallel('POST /budgets/:sozialraumId/:fiscalYear/amendments', 'controller', (body, i) => ({
      ...body,
      amount: `${45000 + i}.00`,
      decisionReference: `BV 2025/${i}`,
    }));
    expect(answers.map((a) => a.status)).toEqual(Array(WRITERS).fill(200));
    expect(await count('BudgetAmended')).toBe(before + WRITERS);
    // Decided one after another: each amendment names the amount the one before it left.
    const overview = await t
      .http()
      .get(answers.path.replace(/\/amendments$/, ''))
      .set('authorization', `Bearer ${await t.token({ role: 'controller' })}`);
    const amended = overview.body.history.filter((h: any) => h.type === 'BudgetAmended' && /^BV 2025\/\d+$/.test(h.data.decisionReference));
    expect(amended).toHaveLength(WRITERS);
    for (let i = 1; i < amended.length; i++) expect(amended[i].data.previousAmount).toBe(amended[i - 1].data.newAmount);
  });

  it(`${WRITERS} approvals on one case all succeed`, async () => {
    const before = await count('ApprovalGranted');
    const answers = await parallel('POST /cases/:caseRef/approvals', 'caseworker', (body, i) => ({ ...body, hoursPerMonth: String(4 + i) }));
    expect(answers.map((a) => a.status)).toEqual(Array(WRITERS).fill(201));
    expect(await count('ApprovalGranted')).toBe(before + WRITERS);
    const latest = answers.reduce((a, b) => (a.body.version > b.body.version ? a : b));
    expect(latest.body.approvals.length).toBeGreaterThanOrEqual(WRITERS);
  });
});
