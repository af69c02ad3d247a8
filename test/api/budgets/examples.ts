import { ExampleApi, registerExamples } from '../support/endpoint-examples';
import { ensureProviders, freshBudget, freshSozialraum } from '../support/example-setup';

/** One working call per master-data, contract and budget endpoint; provider calls act as TR-E, the lead. */

/** The lead provider of every fresh Sozialraum (support/example-setup.ts). */
const LEAD = 'TR-E';

async function proposal(api: ExampleApi, by: 'controller' | 'provider'): Promise<{ sozialraumId: string; proposalId: string }> {
  const sozialraumId = await freshBudget(api);
  const body = await api.call(
    by,
    'POST',
    `/budgets/${sozialraumId}/2025/reallocations`,
    { from: 'FUE', to: 'FU', amount: '1000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' },
    LEAD,
  );
  return { sozialraumId, proposalId: body.openProposals?.[0]?.proposalId ?? body.proposalId };
}

async function providerWithAgreement(api: ExampleApi): Promise<{ providerId: string; agreementId: string }> {
  const providerId = api.unique('TR-X');
  await api.call('admin', 'POST', '/providers', { providerId, name: `Träger ${providerId}`, legalForm: 'gGmbH' });
  const body = await api.call('admin', 'POST', `/providers/${providerId}/rate-agreements`, {
    legalBasis: '31',
    rateType: 'hourly',
    amount: '65.00',
    validFrom: '2025-01-01',
  });
  return { providerId, agreementId: body.agreement.agreementId };
}

registerExamples({
  'POST /sozialraeume': (api) => ({
    path: '/sozialraeume',
    body: { sozialraumId: api.unique('SR'), name: 'Groß Klein', residents: 11800, residentsUnder21: 2600, validFrom: '2024-01-01' },
  }),
  'GET /sozialraeume': () => ({ path: '/sozialraeume?limit=5' }),
  'GET /sozialraeume/:sozialraumId': async (api) => ({ path: `/sozialraeume/${await freshSozialraum(api)}?asOf=2025-06-01` }),
  'POST /sozialraeume/:sozialraumId/changes': async (api) => ({
    path: `/sozialraeume/${await freshSozialraum(api)}/changes`,
    body: { residents: 12150, residentsUnder21: 2550, validFrom: '2026-01-01', reason: 'Einwohnerstatistik 31.12.2025' },
  }),
  'POST /sozialraeume/:sozialraumId/traegerverbund': async (api) => {
    await ensureProviders(api, ['TR-E', 'TR-F']);
    return {
      path: `/sozialraeume/${await freshSozialraum(api)}/traegerverbund`,
      body: { leadProviderId: 'TR-E', memberProviderIds: ['TR-F'], effectiveFrom: '2025-07-01' },
    };
  },
  'POST /providers': (api) => ({ path: '/providers', body: { providerId: api.unique('TR'), name: 'Jugendhilfe Warnow gGmbH', legalForm: 'gGmbH' } }),
  'GET /providers': () => ({ path: '/providers?limit=5' }),
  'GET /providers/:providerId': async (api) => {
    await ensureProviders(api);
    return { path: '/providers/TR-E' };
  },
  'POST /providers/:providerId/changes': async (api) => ({
    path: `/providers/${(await providerWithAgreement(api)).providerId}/changes`,
    body: { legalForm: 'GmbH', reason: 'Umwandlung laut Handelsregister' },
  }),
  'POST /providers/:providerId/rate-agreements': async (api) => {
    const providerId = api.unique('TR-R');
    await api.call('admin', 'POST', '/providers', { providerId, name: `Träger ${providerId}` });
    return {
      path: `/providers/${providerId}/rate-agreements`,
      body: { legalBasis: '34', rateType: 'daily', amount: '195.00', validFrom: '2025-01-01', validTo: '2025-12-31', reference: 'EV 2025/34-1' },
    };
  },
  'GET /providers/:providerId/rate-agreements': async (api) => {
    await ensureProviders(api);
    return { path: '/providers/TR-E/rate-agreements' };
  },
  'POST /providers/:providerId/rate-agreements/:agreementId/ending': async (api) => {
    const { providerId, agreementId } = await providerWithAgreement(api);
    return { path: `/providers/${providerId}/rate-agreements/${agreementId}/ending`, body: { validTo: '2025-06-30', reason: 'Neuverhandlung zum 01.07.2025' } };
  },
  'POST /budget-contracts/:sozialraumId/versions': async (api) => ({
    path: `/budget-contracts/${await freshSozialraum(api)}/versions`,
    body: {
      effectiveFrom: '2025-01-01',
      terms: {
        corridorPct: '5',
        highCostDailyRateThreshold: '300.00',
        supplementaryApprovalLimits: [
          { body: 'Oberbürgermeisterin', upTo: '75000.00' },
          { body: 'Jugendhilfeausschuss', upTo: '250000.00' },
          { body: 'Bürgerschaft', upTo: null },
        ],
      },
      reason: 'Sozialraumbudgetvertrag 2025',
      decisionReference: 'JHA 2024/12',
    },
  }),
  'GET /budget-contracts/:sozialraumId': async (api) => ({ path: `/budget-contracts/${await freshSozialraum(api)}?asOf=2025-06-01` }),
  'POST /budgets': async (api) => ({
    path: '/budgets',
    body: {
      sozialraumId: await freshSozialraum(api),
      fiscalYear: 2025,
      planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
      reason: 'Haushalt 2025',
      businessDate: '2024-12-10',
    },
  }),
  'GET /budgets': () => ({ path: '/budgets?fiscalYear=2025&limit=5' }),
  'GET /budgets/:sozialraumId/:fiscalYear': async (api) => ({ path: `/budgets/${await freshBudget(api)}/2025` }),
  'POST /budgets/:sozialraumId/:fiscalYear/opening': async (api) => ({
    path: `/budgets/${await freshBudget(api, 'planned')}/2025/opening`,
    body: { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/amendments': async (api) => ({
    path: `/budgets/${await freshBudget(api)}/2025/amendments`,
    body: { category: 'FU', amount: '45000.00', reason: 'Nachtragshaushalt', decisionReference: 'BV 2025/0815', businessDate: '2025-06-15' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/reallocations': async (api) => ({
    path: `/budgets/${await freshBudget(api)}/2025/reallocations`,
    body: { from: 'FUE', to: 'FU', amount: '5000.00', reason: 'mehr offene Jugendarbeit', businessDate: '2025-05-20' },
    provider: LEAD,
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/reallocations/:proposalId/agreement': async (api, role) => {
    const { sozialraumId, proposalId } = await proposal(api, role === 'controller' ? 'provider' : 'controller');
    return {
      path: `/budgets/${sozialraumId}/2025/reallocations/${proposalId}/agreement`,
      body: { reason: 'einverstanden', businessDate: '2025-06-01' },
      provider: LEAD,
    };
  },
  'POST /budgets/:sozialraumId/:fiscalYear/reallocations/:proposalId/rejection': async (api, role) => {
    const { sozialraumId, proposalId } = await proposal(api, role === 'controller' ? 'provider' : 'controller');
    return {
      path: `/budgets/${sozialraumId}/2025/reallocations/${proposalId}/rejection`,
      body: { reason: 'Mittel werden für Gruppenangebote gebraucht', businessDate: '2025-06-01' },
      provider: LEAD,
    };
  },
  'POST /budgets/:sozialraumId/:fiscalYear/reallocations/:proposalId/withdrawal': async (api, role) => {
    const { sozialraumId, proposalId } = await proposal(api, role === 'controller' ? 'controller' : 'provider');
    return {
      path: `/budgets/${sozialraumId}/2025/reallocations/${proposalId}/withdrawal`,
      body: { reason: 'hat sich erledigt', businessDate: '2025-05-25' },
      provider: LEAD,
    };
  },
  'POST /budgets/:sozialraumId/:fiscalYear/freeze': async (api) => ({
    path: `/budgets/${await freshBudget(api)}/2025/freeze`,
    body: { categories: ['FU'], reason: 'Haushaltssperre', businessDate: '2025-07-01' },
  }),
  'POST /budgets/:sozialraumId/:fiscalYear/freeze-lifting': async (api) => {
    const sozialraumId = await freshBudget(api);
    await api.call('controller', 'POST', `/budgets/${sozialraumId}/2025/freeze`, { categories: ['FU'], reason: 'Haushaltssperre', businessDate: '2025-07-01' });
    return { path: `/budgets/${sozialraumId}/2025/freeze-lifting`, body: { categories: ['FU'], reason: 'Sperre aufgehoben', businessDate: '2025-08-01' } };
  },
});
