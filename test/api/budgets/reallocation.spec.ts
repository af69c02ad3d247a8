import { addDays, todayInBerlin, yearOf } from '../../../libs/calendar';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/** R11: reallocation between categories under shared responsibility (Jugendamt and lead provider). */
describe('two-party reallocation (Umschichtung)', () => {
  let t: TestApp;
  const controller = () => as(t, 'controller');
  const lead = () => as(t, 'provider', 'TR-E');
  const member = () => as(t, 'provider', 'TR-F');
  const base = '/budgets/HRO-TW/2025';
  const planned = (body: any) => Object.fromEntries([...body.categories.map((c: any) => [c.category, c.planned]), ['B', body.total]]);
  const overview = async () => (await expectStatus(controller().get(base), 200)).body;

  async function expectRefused(pending: Promise<{ status: number; body: any }>, status: number, type: string) {
    const before = await t.eventCount();
    const res = await pending;
    expect({ status: res.status, type: res.body.type }).toEqual({ status, type });
    expect(await t.eventCount()).toBe(before);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await registerSozialraum(t, 'HRO-TW', 'Toitenwinkel', 'TR-E', ['TR-F', 'TR-G']);
    await openBudget(t, 'HRO-TW', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => t?.close());

  it('the lead provider proposes, nothing moves, the lead cannot agree itself, the controller agrees and B stays 200,000.00', async () => {
    const before = await t.eventCount();
    const proposed = await expectStatus(
      lead().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' }),
      201,
    );
    expect(await t.eventCount()).toBe(before + 1);
    expect(proposed.body.proposalId).toBe('UMS-2025-1');
    expect(proposed.headers.location).toBe('/budgets/HRO-TW/2025');
    expect(planned(proposed.body)).toEqual({ FS: '130000.00', FUE: '30000.00', FU: '40000.00', B: '200000.00' });
    expect(proposed.body.openProposals).toEqual([
      expect.objectContaining({
        proposalId: 'UMS-2025-1',
        from: 'FUE',
        to: 'FU',
        amount: '5000.00',
        proposedBy: 'lead-provider',
        proposerOrganisationId: 'TR-E',
        proposedOn: '2025-05-20',
      }),
    ]);

    await expectRefused(
      lead().post(`${base}/reallocations/UMS-2025-1/agreement`, { reason: 'ja', businessDate: '2025-05-21' }),
      422,
      '/problems/agreement-by-other-party-required',
    );
    await expectRefused(
      lead().post(`${base}/reallocations/UMS-2025-1/rejection`, { reason: 'doch nicht' }),
      422,
      '/problems/rejection-by-other-party-required',
    );
    await expectRefused(
      controller().post(`${base}/reallocations/UMS-2025-1/withdrawal`, { reason: 'nicht unserer' }),
      422,
      '/problems/withdrawal-by-proposer-required',
    );
    expect(planned(await overview())).toEqual({ FS: '130000.00', FUE: '30000.00', FU: '40000.00', B: '200000.00' });

    const agreed = await expectStatus(
      controller().post(`${base}/reallocations/UMS-2025-1/agreement`, { reason: 'einverstanden', businessDate: '2025-06-01' }),
      200,
    );
    expect(planned(agreed.body)).toEqual({ FS: '130000.00', FUE: '25000.00', FU: '45000.00', B: '200000.00' });
    expect(agreed.body.openProposals).toEqual([]);
    expect(
      agreed.body.history.filter((h: any) => h.type.startsWith('Reallocation')).map((h: any) => [h.type, h.businessDate, h.actor.role, h.actor.organisationId]),
    ).toEqual([
      ['ReallocationProposed', '2025-05-20', 'provider', 'TR-E'],
      ['ReallocationAgreed', '2025-06-01', 'controller', 'HRO-JA'],
    ]);
    // An agreed proposal is no longer open.
    await expectRefused(controller().post(`${base}/reallocations/UMS-2025-1/agreement`, { reason: 'nochmal' }), 404, '/problems/proposal-not-open');
  });

  it('the controller proposes and the lead provider agrees; the controller cannot agree itself', async () => {
    await expectStatus(
      controller().post(`${base}/reallocations`, {
        from: 'FS',
        to: 'FUE',
        amount: '2500.00',
        reason: 'Elternarbeit statt Einzelfallhilfe',
        businessDate: '2025-07-01',
      }),
      201,
    );
    await expectRefused(controller().post(`${base}/reallocations/UMS-2025-2/agreement`, { reason: 'ja' }), 422, '/problems/agreement-by-other-party-required');
    const agreed = await expectStatus(
      lead().post(`${base}/reallocations/UMS-2025-2/agreement`, { reason: 'Verbund stimmt zu', businessDate: '2025-07-03' }),
      200,
    );
    expect(planned(agreed.body)).toEqual({ FS: '127500.00', FUE: '27500.00', FU: '45000.00', B: '200000.00' });
    const history = agreed.body.history.find((h: any) => h.type === 'ReallocationAgreed' && h.data.proposalId === 'UMS-2025-2');
    expect(history).toMatchObject({
      businessDate: '2025-07-03',
      actor: { role: 'provider', organisationId: 'TR-E' },
      data: { agreedBy: 'lead-provider', agreerOrganisationId: 'TR-E' },
    });
  });

  it('a member provider that does not lead the Verbund can neither propose nor answer, nor see the budget', async () => {
    await expectRefused(member().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '100.00', reason: 'x' }), 403, '/problems/not-lead-provider');
    await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '100.00', reason: 'Test', businessDate: '2025-07-10' }),
      201,
    );
    await expectRefused(member().post(`${base}/reallocations/UMS-2025-3/agreement`, { reason: 'x' }), 403, '/problems/not-lead-provider');
    await expectRefused(member().post(`${base}/reallocations/UMS-2025-3/rejection`, { reason: 'x' }), 403, '/problems/not-lead-provider');
    expect((await member().get(base)).status).toBe(404);
    const rejected = await expectStatus(
      lead().post(`${base}/reallocations/UMS-2025-3/rejection`, { reason: 'Jugendtreff braucht die Mittel', businessDate: '2025-07-11' }),
      200,
    );
    expect(planned(rejected.body)).toEqual({ FS: '127500.00', FUE: '27500.00', FU: '45000.00', B: '200000.00' });
    expect(rejected.body.history.at(-1)).toMatchObject({
      type: 'ReallocationRejected',
      businessDate: '2025-07-11',
      data: { proposalId: 'UMS-2025-3', reason: 'Jugendtreff braucht die Mittel', by: 'lead-provider' },
    });
  });

  it('refuses proposals that move more than the uncommitted money, within one category, or nothing', async () => {
    const movable = await expectRefused(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FS', amount: '45000.01', reason: 'zu viel' }),
      422,
      '/problems/reallocation-moves-committed-money',
    );
    expect(movable.body.movable).toBe('45000.00');
    await expectRefused(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FU', amount: '10.00', reason: 'x' }),
      422,
      '/problems/reallocation-same-category',
    );
    expect((await controller().post(`${base}/reallocations`, { from: 'FU', to: 'FS', amount: '0.00', reason: 'x' })).status).toBe(400);
  });

  it('re-checks committed money when the other party agrees: a proposal overtaken by a subsidy is refused and stays open', async () => {
    await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FUE', to: 'FU', amount: '6000.00', reason: 'Ferienprogramm', businessDate: '2025-07-15' }),
      201,
    );
    // FÜ 27,500.00 planned; the Elternkurse bind 24,000.00 of it before the provider answers.
    await expectStatus(
      controller().post(`${base}/subsidies`, {
        providerId: 'TR-E',
        category: 'FUE',
        purpose: 'Elternkurse',
        total: '24000.00',
        instalments: [{ dueDate: '2025-08-01', amount: '24000.00' }],
        businessDate: '2025-07-16',
      }),
      201,
    );
    const refused = await expectRefused(
      lead().post(`${base}/reallocations/UMS-2025-4/agreement`, { reason: 'ja', businessDate: '2025-07-20' }),
      422,
      '/problems/reallocation-moves-committed-money',
    );
    expect(refused.body.movable).toBe('3500.00');
    const now = await overview();
    expect(planned(now)).toEqual({ FS: '127500.00', FUE: '27500.00', FU: '45000.00', B: '200000.00' });
    expect(now.categories.find((c: any) => c.category === 'FUE')).toMatchObject({ bound: '24000.00', available: '3500.00' });
    expect(now.openProposals.map((p: any) => p.proposalId)).toEqual(['UMS-2025-4']);
    const withdrawn = await expectStatus(
      controller().post(`${base}/reallocations/UMS-2025-4/withdrawal`, { reason: 'Mittel gebunden', businessDate: '2025-07-21' }),
      200,
    );
    expect(withdrawn.body.openProposals).toEqual([]);
    expect(withdrawn.body.history.at(-1)).toMatchObject({ type: 'ReallocationWithdrawn', data: { proposalId: 'UMS-2025-4', by: 'jugendamt' } });
  });

  it('follows the Trägerverbund in force on the recording day: after a change of lead only the new lead acts for the providers, whatever the business date', async () => {
    await expectStatus(
      as(t, 'admin').post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-F', memberProviderIds: ['TR-E', 'TR-G'], effectiveFrom: '2025-10-01' }),
      201,
    );
    await expectRefused(
      lead().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '500.00', reason: 'x', businessDate: '2025-10-02' }),
      403,
      '/problems/not-lead-provider',
    );
    // The former lead cannot back-date a command into the time it led the Verbund.
    await expectRefused(
      lead().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '500.00', reason: 'x', businessDate: '2025-09-30' }),
      403,
      '/problems/not-lead-provider',
    );
    const proposed = await expectStatus(
      member().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '500.00', reason: 'Herbstferien Elternarbeit', businessDate: '2025-10-02' }),
      201,
    );
    expect(proposed.body.openProposals).toEqual([
      expect.objectContaining({ proposalId: 'UMS-2025-5', proposerOrganisationId: 'TR-F', proposedBy: 'lead-provider' }),
    ]);
    const agreed = await expectStatus(controller().post(`${base}/reallocations/UMS-2025-5/agreement`, { reason: 'ok', businessDate: '2025-10-06' }), 200);
    expect(planned(agreed.body)).toEqual({ FS: '127500.00', FUE: '28000.00', FU: '44500.00', B: '200000.00' });
  });

  it('refuses an answer dated before the proposal (agreement, rejection and withdrawal alike)', async () => {
    await expectStatus(
      controller().post(`${base}/reallocations`, { from: 'FU', to: 'FUE', amount: '100.00', reason: 'Ferienfreizeit', businessDate: '2025-10-10' }),
      201,
    );
    const early = await expectRefused(
      member().post(`${base}/reallocations/UMS-2025-6/agreement`, { reason: 'ja', businessDate: '2025-10-09' }),
      422,
      '/problems/answer-before-proposal',
    );
    expect(early.body.proposedOn).toBe('2025-10-10');
    await expectRefused(
      member().post(`${base}/reallocations/UMS-2025-6/rejection`, { reason: 'nein', businessDate: '2025-10-01' }),
      422,
      '/problems/answer-before-proposal',
    );
    await expectRefused(
      controller().post(`${base}/reallocations/UMS-2025-6/withdrawal`, { reason: 'zurück', businessDate: '2025-10-09' }),
      422,
      '/problems/answer-before-proposal',
    );
    const agreed = await expectStatus(member().post(`${base}/reallocations/UMS-2025-6/agreement`, { reason: 'ja', businessDate: '2025-10-10' }), 200);
    expect(planned(agreed.body)).toEqual({ FS: '127500.00', FUE: '28100.00', FU: '44400.00', B: '200000.00' });
  });

  it('a lead provider of a future Verbund cannot forward-date a command; the lead in force today still acts', async () => {
    const today = todayInBerlin();
    const year = yearOf(today);
    const tomorrow = addDays(today, 1);
    const ld = `/budgets/HRO-LD/${year}`;
    await registerSozialraum(t, 'HRO-LD', 'Lütten Klein', 'TR-E', ['TR-F', 'TR-G']);
    await openBudget(t, 'HRO-LD', year, { FS: '100000.00', FUE: '20000.00', FU: '30000.00' });
    await expectStatus(
      as(t, 'admin').post('/sozialraeume/HRO-LD/traegerverbund', { leadProviderId: 'TR-G', memberProviderIds: ['TR-E', 'TR-F'], effectiveFrom: tomorrow }),
      201,
    );
    const future = () => as(t, 'provider', 'TR-G');
    await expectRefused(
      future().post(`${ld}/reallocations`, { from: 'FU', to: 'FUE', amount: '500.00', reason: 'x', businessDate: tomorrow }),
      403,
      '/problems/not-lead-provider',
    );
    await expectStatus(
      controller().post(`${ld}/reallocations`, { from: 'FU', to: 'FUE', amount: '500.00', reason: 'Stadtteilfest', businessDate: today }),
      201,
    );
    await expectRefused(
      future().post(`${ld}/reallocations/UMS-${year}-1/agreement`, { reason: 'ja', businessDate: tomorrow }),
      403,
      '/problems/not-lead-provider',
    );
    await expectRefused(
      future().post(`${ld}/reallocations/UMS-${year}-1/rejection`, { reason: 'nein', businessDate: tomorrow }),
      403,
      '/problems/not-lead-provider',
    );
    // TR-E leads until tomorrow, even when it dates its answer after the change.
    const agreed = await expectStatus(lead().post(`${ld}/reallocations/UMS-${year}-1/agreement`, { reason: 'Verbund stimmt zu', businessDate: tomorrow }), 200);
    expect(agreed.body.history.at(-1)).toMatchObject({
      type: 'ReallocationAgreed',
      actor: { role: 'provider', organisationId: 'TR-E' },
      data: { agreedBy: 'lead-provider' },
    });
  });
});
