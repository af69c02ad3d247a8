import { ExampleApi, registerExamples } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

/**
 * One working call per steering endpoint: a fresh open 2025 budget, brought into the state the
 * call needs (an overrun procedure by a large approval, a closed year, a calculated settlement).
 */
let caseCounter = Math.floor(Math.random() * 40000);
const caseRef = () => `ST-25-${String(10000 + (++caseCounter % 90000))}`;

/** Forecast at 150 % of B through one large approval: warning, procedure and renegotiation open. */
async function overrun(api: ExampleApi): Promise<string> {
  const sozialraumId = await freshBudget(api);
  const ref = caseRef();
  await api.call('caseworker', 'POST', '/cases', { caseRef: ref, sozialraumId });
  await api.call('caseworker', 'POST', `/cases/${ref}/approvals`, {
    legalBasis: '35',
    providerId: 'TR-E',
    start: '2025-01-01',
    end: '2025-12-31',
    bescheidDate: '2025-03-03',
    rateType: 'monthly',
    rate: '25000.00',
    rateReason: 'Intensivbetreuung, Einzelvereinbarung',
  });
  await api.t.settle();
  return sozialraumId;
}

async function withMeeting(api: ExampleApi): Promise<string> {
  const sozialraumId = await overrun(api);
  await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/procedure/meetings`, meeting);
  return sozialraumId;
}

async function withRequest(api: ExampleApi): Promise<{ sozialraumId: string; requestId: string }> {
  const sozialraumId = await withMeeting(api);
  const body = await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/procedure/supplementary-requests`, request);
  return { sozialraumId, requestId: body.procedure?.requests?.[0]?.requestId ?? body.requestId };
}

async function closedYear(api: ExampleApi): Promise<string> {
  const sozialraumId = await freshBudget(api);
  await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' });
  return sozialraumId;
}

async function calculated(api: ExampleApi): Promise<string> {
  const sozialraumId = await closedYear(api);
  await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/settlement`, { businessDate: '2026-01-21' });
  return sozialraumId;
}

const meeting = {
  heldOn: '2025-03-12',
  participants: [
    { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
    { organisationId: 'TR-E', role: 'Geschäftsführung' },
  ],
  measures: ['Fallkonferenz zu stationären Hilfen', 'Prüfung ambulanter Alternativen'],
};
const request = {
  kind: 'ueberplanmaessig',
  amount: '40000.00',
  justification: 'unabweisbar: Rechtsanspruch',
  coverSource: 'Mehrerträge Gewerbesteuer',
  businessDate: '2025-03-15',
};
const view = (path: string) => async (api: ExampleApi) => ({ path: `/steering/${await freshBudget(api)}/2025${path}` });

registerExamples({
  'GET /ops/projections': () => ({ path: '/ops/projections' }),
  'GET /me': () => ({ path: '/me' }),
  'GET /steering/:sozialraumId/:fiscalYear': view('?asOf=2025-06-30'),
  'GET /steering/:sozialraumId/:fiscalYear/utilisation': view('/utilisation?asOf=2025-06-30'),
  'GET /steering/:sozialraumId/:fiscalYear/utilisation/csv': view('/utilisation/csv?decimalComma=true'),
  'GET /steering/:sozialraumId/:fiscalYear/utilisation/xlsx': view('/utilisation/xlsx?asOf=2025-06-30'),
  'GET /steering/:sozialraumId/:fiscalYear/monitoring-list': view('/monitoring-list'),
  'GET /steering/:sozialraumId/:fiscalYear/monitoring-list/csv': view('/monitoring-list/csv'),
  'GET /steering/:sozialraumId/:fiscalYear/monitoring-list/xlsx': view('/monitoring-list/xlsx?asOf=2025-06-30'),
  'GET /steering/:sozialraumId/:fiscalYear/forecast-timeline': view('/forecast-timeline'),
  'GET /steering/:sozialraumId/:fiscalYear/forecast-timeline/csv': view('/forecast-timeline/csv?decimalComma=false'),
  'GET /steering/:sozialraumId/:fiscalYear/forecast-timeline/xlsx': view('/forecast-timeline/xlsx?asOf=2025-06-30'),
  'GET /steering/:sozialraumId/:fiscalYear/settlement': async (api) => ({ path: `/steering/${await calculated(api)}/2025/settlement` }),
  'GET /steering/:sozialraumId/:fiscalYear/settlement/csv': async (api) => ({
    path: `/steering/${await calculated(api)}/2025/settlement/csv?decimalComma=true`,
  }),
  'GET /steering/:sozialraumId/:fiscalYear/settlement/xlsx': async (api) => ({
    path: `/steering/${await calculated(api)}/2025/settlement/xlsx?asOf=2026-01-31`,
  }),
  'GET /steering/:sozialraumId/:fiscalYear/pending-work': view('/pending-work'),
  'GET /steering/:sozialraumId/:fiscalYear/month-closes': view('/month-closes'),
  'GET /steering/:sozialraumId/:fiscalYear/month-closes/:month': async (api) => {
    const sozialraumId = await freshBudget(api);
    await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/month-closes`, { month: '2025-01', businessDate: '2025-02-05' });
    return { path: `/steering/${sozialraumId}/2025/month-closes/2025-01` };
  },
  'POST /steering/:sozialraumId/:fiscalYear/month-closes': async (api) => ({
    path: `/steering/${await freshBudget(api)}/2025/month-closes`,
    body: { month: '2025-01' },
  }),
  'POST /steering/:sozialraumId/:fiscalYear/year-close': async (api) => ({
    path: `/steering/${await freshBudget(api)}/2025/year-close`,
    body: { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' },
  }),
  'POST /steering/:sozialraumId/:fiscalYear/settlement': async (api) => ({
    path: `/steering/${await closedYear(api)}/2025/settlement`,
    body: { businessDate: '2026-01-21' },
  }),
  'POST /steering/:sozialraumId/:fiscalYear/settlement/confirmations': async (api) => ({
    path: `/steering/${await calculated(api)}/2025/settlement/confirmations`,
    body: { businessDate: '2026-01-22' },
  }),
  'POST /steering/:sozialraumId/:fiscalYear/settlement/application': async (api) => {
    const sozialraumId = await calculated(api);
    await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/settlement/confirmations`, { businessDate: '2026-01-22' });
    await api.call('provider', 'POST', `/steering/${sozialraumId}/2025/settlement/confirmations`, { businessDate: '2026-01-23' });
    await api.call('controller', 'POST', '/budgets', {
      sozialraumId,
      fiscalYear: 2026,
      planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
      reason: 'Haushalt 2026',
      businessDate: '2025-12-10',
    });
    return { path: `/steering/${sozialraumId}/2025/settlement/application`, body: { businessDate: '2026-01-25' } };
  },
  'POST /steering/:sozialraumId/:fiscalYear/procedure/meetings': async (api) => ({
    path: `/steering/${await overrun(api)}/2025/procedure/meetings`,
    body: meeting,
  }),
  'POST /steering/:sozialraumId/:fiscalYear/procedure/supplementary-requests': async (api) => ({
    path: `/steering/${await withMeeting(api)}/2025/procedure/supplementary-requests`,
    body: request,
  }),
  'POST /steering/:sozialraumId/:fiscalYear/procedure/supplementary-requests/:requestId/decision': async (api) => {
    const { sozialraumId, requestId } = await withRequest(api);
    return {
      path: `/steering/${sozialraumId}/2025/procedure/supplementary-requests/${requestId}/decision`,
      body: { body: 'Oberbürgermeister', approved: true, decisionReference: 'OB-Entscheidung 2025/117', businessDate: '2025-03-20' },
    };
  },
  'GET /steering/:sozialraumId/:fiscalYear/procedure/kaemmerei-report': async (api) => ({
    path: `/steering/${await withMeeting(api)}/2025/procedure/kaemmerei-report`,
  }),
  'POST /steering/:sozialraumId/:fiscalYear/procedure/kaemmerei-report': async (api) => ({
    path: `/steering/${await overrun(api)}/2025/procedure/kaemmerei-report`,
    body: { reference: 'Vorlage 2025/KÄ-017', reportedOn: '2025-03-10' },
  }),
  'POST /steering/:sozialraumId/:fiscalYear/procedure/closing': async (api) => {
    const { sozialraumId, requestId } = await withRequest(api);
    await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/procedure/supplementary-requests/${requestId}/decision`, {
      body: 'Oberbürgermeister',
      approved: true,
      decisionReference: 'OB 2025/117',
      businessDate: '2025-03-20',
    });
    return {
      path: `/steering/${sozialraumId}/2025/procedure/closing`,
      body: { outcome: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart', businessDate: '2025-03-30' },
    };
  },
  'GET /notifications': () => ({ path: '/notifications?limit=10' }),
  'GET /notifications/unread': () => ({ path: '/notifications/unread?fiscalYear=2025' }),
  'PUT /notifications/read-mark': async (api) => {
    await overrun(api);
    const newest = await api.call('controller', 'GET', '/notifications?limit=1');
    return { path: '/notifications/read-mark', body: { readUpTo: newest.items[0].position } };
  },
  // The example subscribes a Sozialraum whose notifications the other examples do not raise.
  'POST /notification-subscriptions': () => ({
    path: '/notification-subscriptions',
    body: {
      channel: 'webhook',
      target: 'https://steuerung.example.de/hooks/sozialraumbudget',
      role: 'controller',
      sozialraumId: 'HRO-XX',
      types: ['BudgetWarningRaised', 'SettlementCalculated'],
      secret: 'ein-langer-geheimer-schluessel-2025',
    },
  }),
  'POST /notification-subscriptions/:subscriptionId/ending': async (api) => {
    const created = await api.call('admin', 'POST', '/notification-subscriptions', {
      channel: 'email',
      target: 'steuerung@jugendamt.example',
      role: 'controller',
    });
    return { path: `/notification-subscriptions/${created.subscriptionId}/ending`, body: { reason: 'Postfach aufgelöst' } };
  },
  'GET /notification-subscriptions': async (api) => {
    const created = await api.call('admin', 'POST', '/notification-subscriptions', {
      channel: 'email',
      target: 'steuerung@jugendamt.example',
      role: 'controller',
      sozialraumId: 'HRO-XX',
    });
    return { path: `/notification-subscriptions?subscriptionId=${created.subscriptionId}` };
  },
  'GET /notifications/dead-letters': () => ({ path: '/notifications/dead-letters' }),
  'GET /provider-figures/:providerId/:fiscalYear': async (api) => {
    await freshBudget(api);
    return { path: '/provider-figures/TR-E/2025' };
  },
  'GET /provider-figures/:providerId/:fiscalYear/csv': async (api) => {
    await freshBudget(api);
    return { path: '/provider-figures/TR-E/2025/csv?decimalComma=true' };
  },
  'GET /provider-figures/:providerId/:fiscalYear/xlsx': async (api) => {
    await freshBudget(api);
    return { path: '/provider-figures/TR-E/2025/xlsx' };
  },
});
