import { ExampleApi, registerExamples } from '../support/endpoint-examples';
import { paid } from '../flexible/examples';

/**
 * One working call per endpoint of the Finanzverfahren interface. A batch takes every order not
 * yet in one, so the configuration names a creditor for every provider of the tenant, and each
 * batch example first orders an instalment of its own.
 */
async function configuration(api: ExampleApi) {
  const providers = await api.call('admin', 'GET', '/providers?limit=200');
  return {
    effectiveFrom: '2000-01-01',
    produkt: '363',
    accounts: [
      { category: 'FS', sachkonto: '533100' },
      { category: 'FS', legalBasis: '34', sachkonto: '533400' },
      { category: 'FUE', sachkonto: '531800' },
      { category: 'FU', sachkonto: '531810' },
    ],
    creditors: providers.items.map((p: { providerId: string }, i: number) => ({ providerId: p.providerId, creditorNumber: String(700000 + i) })),
    reason: 'Kontenrahmen laut Kämmerei',
  };
}

async function exported(api: ExampleApi): Promise<{ batchId: string; lines: Array<{ anordnungsnummer: string; amount: string }> }> {
  await paid(api);
  await api.call('admin', 'POST', '/finanzverfahren/configuration', await configuration(api));
  await api.t.settle();
  return api.call('wiju', 'POST', '/finanzverfahren/batches', {});
}

registerExamples({
  'POST /finanzverfahren/configuration': async (api) => ({
    path: '/finanzverfahren/configuration',
    body: { ...(await configuration(api)), businessDate: '2025-01-02' },
  }),
  'GET /finanzverfahren/configuration': () => ({ path: '/finanzverfahren/configuration' }),
  'POST /finanzverfahren/batches': async (api) => {
    await paid(api);
    await api.call('admin', 'POST', '/finanzverfahren/configuration', await configuration(api));
    await api.t.settle();
    return { path: '/finanzverfahren/batches', body: { businessDate: '2025-03-04' } };
  },
  'GET /finanzverfahren/batches': () => ({ path: '/finanzverfahren/batches' }),
  'GET /finanzverfahren/batches/:batchId': async (api) => ({ path: `/finanzverfahren/batches/${(await exported(api)).batchId}` }),
  'GET /finanzverfahren/batches/:batchId/csv': async (api) => ({ path: `/finanzverfahren/batches/${(await exported(api)).batchId}/csv?decimalComma=true` }),
  'POST /finanzverfahren/feedback': async (api) => {
    const line = (await exported(api)).lines.at(-1)!;
    return {
      path: '/finanzverfahren/feedback',
      body: {
        csv: `Anordnungsnummer;Bezahlt am;Belegnummer;Betrag\n${line.anordnungsnummer};10.03.2025;FV-2025-1;${line.amount.replace('.', ',')}\n`,
        businessDate: '2025-03-11',
      },
    };
  },
  'GET /finanzverfahren/reconciliation': () => ({ path: '/finanzverfahren/reconciliation' }),
});
