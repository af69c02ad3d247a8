import { createTestApp, TestApp } from '../../support/test-app';
import { registerExampleMasterData } from '../cases/case-setup';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';

/**
 * R11 and the amendment floor count FS money bound by approvals in their own streams. The ledger
 * journal that holds it is filled asynchronously; a planning decision right after an approval
 * must still see it.
 */
describe('planning decisions see FS commitments recorded a moment before', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const caseworker = () => as(t, 'caseworker');
  const lead = () => as(t, 'provider', 'TR-E');
  const base = '/budgets/HRO-CM/2025';

  async function approve(caseRef: string, start: string) {
    await expectStatus(caseworker().post('/cases', { caseRef, sozialraumId: 'HRO-CM' }), 201);
    // SPFH § 31: 20 h × 65.00 € a month, to 31.12. — 15,600.00 € bound in FS from January.
    const res = await expectStatus(
      caseworker().post(`/cases/${caseRef}/approvals`, {
        legalBasis: '31',
        providerId: 'TR-E',
        start,
        end: '2025-12-31',
        bescheidDate: start,
        hoursPerMonth: '20',
      }),
      201,
    );
    return res.body.approvals[0];
  }

  async function expectRefused(pending: Promise<{ status: number; body: any }>, status: number, type: string) {
    const before = await t.eventCount();
    const res = await pending;
    expect({ status: res.status, type: res.body.type }).toEqual({ status, type });
    expect(await t.eventCount()).toBe(before);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t, 'HRO-CM', 'Committed Money');
    await openBudget(t, 'HRO-CM', 2025, { FS: '20000.00', FUE: '30000.00', FU: '40000.00' });
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('a reallocation proposed right after an approval cannot move the money it bound', async () => {
    const approval = await approve('CM-25-001', '2025-01-01');
    expect(approval.years[0]).toMatchObject({ committed: '15600.00' });
    // No settle: the proposal follows the approval at once.
    const refused = await expectRefused(
      controller().post(`${base}/reallocations`, { from: 'FS', to: 'FU', amount: '5000.00', reason: 'Jugendtreff', businessDate: '2025-02-01' }),
      422,
      '/problems/reallocation-moves-committed-money',
    );
    expect(refused.body.movable).toBe('4400.00');
    await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FS', to: 'FU', amount: '4400.00', reason: 'Jugendtreff', businessDate: '2025-02-01' }),
      201,
    );
  });

  it('an agreement right after an approval is re-checked against the money that approval bound', async () => {
    // UMS-2025-1 (4,400.00 FS → FU) is open; a second approval binds FS money before the answer.
    await approve('CM-25-002', '2025-01-01');
    await expectRefused(
      lead().post(`${base}/reallocations/UMS-2025-1/agreement`, { reason: 'ja', businessDate: '2025-02-02' }),
      422,
      '/problems/reallocation-moves-committed-money',
    );
  });

  it('an amendment right after an approval cannot plan FS below what it bound', async () => {
    await t.settle();
    // FS 20,000.00 planned, 31,200.00 bound by the two approvals (R8 never blocks them).
    await approve('CM-25-003', '2025-07-01');
    // 20 h × 65.00 € for July to December: 7,800.00 € more, 39,000.00 € bound in FS.
    const refused = await expectRefused(
      controller().post(`${base}/amendments`, {
        category: 'FS',
        amount: '38999.99',
        reason: 'Nachtrag',
        decisionReference: 'JHA-2025-07',
        businessDate: '2025-07-02',
      }),
      422,
      '/problems/amount-below-commitments',
    );
    expect(refused.body.committed).toBe('39000.00');
    const amended = await expectStatus(
      controller().post(`${base}/amendments`, {
        category: 'FS',
        amount: '39000.00',
        reason: 'Nachtrag',
        decisionReference: 'JHA-2025-07',
        businessDate: '2025-07-02',
      }),
      200,
    );
    expect(amended.body.categories.find((c: any) => c.category === 'FS')).toMatchObject({ planned: '39000.00' });
  });
});
