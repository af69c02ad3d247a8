import { ExampleApi, registerExamples } from '../support/endpoint-examples';
import { freshSozialraum } from '../support/example-setup';
import { Role } from '../../../libs/auth/principal';

/**
 * One working call per endpoint of R12: a fresh Sozialraum led by TR-E, with the indicator,
 * report or proposal the call needs made first by the party the call does not come from.
 */
const agreement = {
  indicators: [
    { indicatorKey: 'planmaessig-beendet', baseline: '60.00', target: '70.00', weight: '40' },
    { indicatorKey: 'ambulant-anteil', baseline: '50.00', target: '65.00', weight: '60' },
  ],
  bonus: { poolAmount: '3500.00', minimumScorePct: '50' },
  reason: 'Zielvereinbarung 2025',
  businessDate: '2025-01-08',
};

/** A reported indicator both parties report. */
async function reportedIndicator(api: ExampleApi): Promise<string> {
  const key = `meldung-${api.unique('k').toLowerCase()}`;
  await api.call('controller', 'POST', '/indicators', {
    key,
    name: 'Teilnehmende an Angeboten',
    definition: 'Teilnahmen je Quartal',
    unit: 'count',
    direction: 'higher-is-better',
    aggregation: 'sum',
    reportedBy: ['jugendamt', 'provider'],
    incentivisable: true,
    effectiveFrom: '2025-01-01',
  });
  return key;
}

/** A proposal by the party other than `role` (controller ↔ TR-E), so that `role` answers it. */
async function proposedByOther(api: ExampleApi, role: Role): Promise<string> {
  const sozialraumId = await freshSozialraum(api, 'SR-W');
  await api.call(role === 'controller' ? 'provider' : 'controller', 'POST', `/wirkung/${sozialraumId}/2025/target-agreements`, agreement);
  return sozialraumId;
}

const view = (path: string) => async (api: ExampleApi) => ({ path: `/wirkung/${await freshSozialraum(api, 'SR-W')}/2025${path}` });

registerExamples({
  'GET /indicators': () => ({ path: '/indicators?asOf=2025-06-30' }),
  'POST /indicators': (api) => ({
    path: '/indicators',
    body: {
      key: `teilnehmende-${api.unique('k').toLowerCase()}`,
      name: 'Teilnehmende an fallunspezifischen Angeboten',
      definition: 'Teilnahmen an fallunspezifischen Angeboten, je Quartal gemeldet',
      unit: 'count',
      direction: 'higher-is-better',
      aggregation: 'sum',
      reportedBy: ['provider'],
      incentivisable: true,
      effectiveFrom: '2025-01-01',
      businessDate: '2025-01-02',
    },
  }),
  'GET /indicators/:indicatorKey/comparison/:fiscalYear': () => ({ path: '/indicators/ambulant-anteil/comparison/2025?asOf=2025-06-30' }),
  'POST /statistics/imports': async (api) => ({
    path: '/statistics/imports',
    body: {
      csv: `Sozialraum;Stichtag;Einwohner;Einwohner unter 21;SGB-II-Quote\nHRO-TW-X;01.01.2025;14.200;2.600;12,4\n`.replace(
        'HRO-TW-X',
        await freshSozialraum(api, 'SR-S'),
      ),
      businessDate: '2025-01-05',
    },
  }),
  'GET /statistics/facts': () => ({ path: '/statistics/facts' }),
  'GET /wirkung/:sozialraumId/:fiscalYear': view('?asOf=2025-06-30'),
  'GET /wirkung/:sozialraumId/:fiscalYear/reports': view('/reports'),
  'GET /wirkung/:sozialraumId/:fiscalYear/target-agreements': view('/target-agreements'),
  'GET /wirkung/:sozialraumId/:fiscalYear/evaluation': view('/evaluation'),
  'GET /wirkung/:sozialraumId/:fiscalYear/report': view('/report'),
  'GET /wirkung/:sozialraumId/:fiscalYear/report/csv': view('/report/csv?decimalComma=true'),
  'GET /wirkung/:sozialraumId/:fiscalYear/report/xlsx': view('/report/xlsx?asOf=2025-06-30'),
  'POST /wirkung/:sozialraumId/:fiscalYear/reports': async (api) => {
    const indicatorKey = await reportedIndicator(api);
    const sozialraumId = await freshSozialraum(api, 'SR-W');
    return {
      path: `/wirkung/${sozialraumId}/2025/reports`,
      body: { indicatorKey, period: '2025-Q1', value: '410', note: 'Jugendtreff und Elternkurse', businessDate: '2025-04-04' },
    };
  },
  'POST /wirkung/:sozialraumId/:fiscalYear/target-agreements': async (api) => ({
    path: `/wirkung/${await freshSozialraum(api, 'SR-W')}/2025/target-agreements`,
    body: agreement,
  }),
  'POST /wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/agreement': async (api, role) => {
    const sozialraumId = await proposedByOther(api, role);
    return {
      path: `/wirkung/${sozialraumId}/2025/target-agreements/ZV-${sozialraumId}-2025-1/agreement`,
      body: { reason: 'einverstanden', businessDate: '2025-01-10' },
    };
  },
  'POST /wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/rejection': async (api, role) => {
    const sozialraumId = await proposedByOther(api, role);
    return {
      path: `/wirkung/${sozialraumId}/2025/target-agreements/ZV-${sozialraumId}-2025-1/rejection`,
      body: { reason: 'Ziele zu hoch', businessDate: '2025-01-10' },
    };
  },
  'POST /wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/withdrawal': async (api, role) => {
    const sozialraumId = await freshSozialraum(api, 'SR-W');
    await api.call(role, 'POST', `/wirkung/${sozialraumId}/2025/target-agreements`, agreement);
    return {
      path: `/wirkung/${sozialraumId}/2025/target-agreements/ZV-${sozialraumId}-2025-1/withdrawal`,
      body: { reason: 'neu zu fassen', businessDate: '2025-01-09' },
    };
  },
});
