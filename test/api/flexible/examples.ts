import { ExampleApi, registerExamples } from '../support/endpoint-examples';

/**
 * One working call per flexible-money endpoint. Each example sets up a fresh Sozialraum with an
 * open 2025 budget (it runs once per allowed role), grants or reports what the call needs, and
 * returns the call. Provider calls act as TR-E, the lead and subsidised provider.
 */
const YEAR = 2025;

async function freshBudget(api: ExampleApi): Promise<string> {
  const sozialraumId = api.unique('SR-F');
  const admin = await api.t.token({ role: 'admin', sub: 'admin-setup' });
  const provider = await api.t.http().post('/providers').set('authorization', `Bearer ${admin}`).send({ providerId: 'TR-E', name: 'Träger TR-E' });
  if (provider.status !== 201 && provider.status !== 409) throw new Error(`setup provider TR-E answered ${provider.status}: ${JSON.stringify(provider.body)}`);
  await api.call('admin', 'POST', '/sozialraeume', { sozialraumId, name: `Sozialraum ${sozialraumId}` });
  await api.call('admin', 'POST', `/sozialraeume/${sozialraumId}/traegerverbund`, {
    leadProviderId: 'TR-E',
    memberProviderIds: [],
    effectiveFrom: '2024-01-01',
  });
  await api.call('controller', 'POST', '/budgets', {
    sozialraumId,
    fiscalYear: YEAR,
    planned: { FS: '0.00', FUE: '10000.00', FU: '10000.00' },
    reason: 'Haushalt',
    businessDate: '2024-12-10',
  });
  await api.call('controller', 'POST', `/budgets/${sozialraumId}/${YEAR}/opening`, { reason: 'Haushalt rechtskräftig', businessDate: `${YEAR}-01-01` });
  return `/budgets/${sozialraumId}/${YEAR}`;
}

const subsidyBody = {
  providerId: 'TR-E',
  category: 'FUE',
  purpose: 'Elternkurse',
  total: '1000.00',
  instalments: [
    { dueDate: '2025-03-03', amount: '600.00' },
    { dueDate: '2025-09-01', amount: '400.00' },
  ],
  businessDate: '2025-02-01',
};

const activityBody = { category: 'FU', activityDate: '2025-06-14', amount: '280.00', description: 'Stadtteilfest', businessDate: '2025-04-25' };

async function granted(api: ExampleApi): Promise<string> {
  const base = await freshBudget(api);
  const subsidy = await api.call('controller', 'POST', `${base}/subsidies`, subsidyBody);
  return `${base}/subsidies/${subsidy.subsidyId}`;
}

export async function paid(api: ExampleApi): Promise<string> {
  const subsidy = await granted(api);
  await api.call('wiju', 'POST', `${subsidy}/instalments/R1/payment-order`, { businessDate: '2025-03-03' });
  return subsidy;
}

async function reported(api: ExampleApi): Promise<string> {
  const base = await freshBudget(api);
  const activity = await api.call('provider', 'POST', `${base}/activities`, activityBody);
  return `${base}/activities/${activity.activityId}`;
}

registerExamples({
  'POST /budgets/:sozialraumId/:fiscalYear/subsidies': async (api) => ({ path: `${await freshBudget(api)}/subsidies`, body: subsidyBody }),
  'GET /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId': async (api) => ({ path: await granted(api) }),
  'POST /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId/instalments/:instalmentId/payment-order': async (api) => ({
    path: `${await granted(api)}/instalments/R1/payment-order`,
    body: { businessDate: '2025-03-03' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId/usage-reports': async (api) => ({
    path: `${await paid(api)}/usage-reports`,
    body: { lines: [{ instalmentId: 'R1', spent: '550.00', description: 'Kursreihe Frühjahr' }], businessDate: '2025-06-30' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId/reclaim': async (api) => ({
    path: `${await granted(api)}/reclaim`,
    body: { reason: 'Angebot findet nicht statt', businessDate: '2025-02-20' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/subsidies/:subsidyId/reclaim-receipt': async (api) => {
    const subsidy = await paid(api);
    await api.call('provider', 'POST', `${subsidy}/usage-reports`, {
      lines: [{ instalmentId: 'R1', spent: '550.00', description: 'Kursreihe Frühjahr' }],
      businessDate: '2025-06-30',
    });
    await api.call('controller', 'POST', `${subsidy}/reclaim`, { reason: '50.00 nicht verwendet', businessDate: '2025-07-01' });
    return { path: `${subsidy}/reclaim-receipt`, body: { amount: '50.00', businessDate: '2025-07-15' } };
  },
  'POST /budgets/:sozialraumId/:fiscalYear/activities': async (api) => ({ path: `${await freshBudget(api)}/activities`, body: activityBody }),
  'GET /budgets/:sozialraumId/:fiscalYear/activities/:activityId': async (api) => ({ path: await reported(api) }),
  'POST /budgets/:sozialraumId/:fiscalYear/activities/:activityId/approval': async (api) => ({
    path: `${await reported(api)}/approval`,
    body: { businessDate: '2025-05-02' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/activities/:activityId/rejection': async (api) => ({
    path: `${await reported(api)}/rejection`,
    body: { reason: 'außerhalb des Sozialraums', businessDate: '2025-05-02' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/activities/:activityId/actual-report': async (api) => {
    const activity = await reported(api);
    await api.call('controller', 'POST', `${activity}/approval`, { businessDate: '2025-05-02' });
    return { path: `${activity}/actual-report`, body: { amount: '250.00', businessDate: '2025-06-20' } };
  },
  'GET /budgets/:sozialraumId/:fiscalYear/flexible': async (api) => ({ path: `${await freshBudget(api)}/flexible` }),
  'GET /subsidies': () => ({ path: '/subsidies?fiscalYear=2025&limit=10' }),
  'GET /flexible-activities': () => ({ path: '/flexible-activities?fiscalYear=2025&limit=10' }),
});
