import { ExampleApi } from './endpoint-examples';

/** Registers TR-E (and optionally more providers) if not yet there; 409 means it exists. */
export async function ensureProviders(api: ExampleApi, providerIds: string[] = ['TR-E']): Promise<void> {
  const admin = await api.t.token({ role: 'admin', sub: 'admin-setup' });
  for (const providerId of providerIds) {
    const res = await api.t
      .http()
      .post('/providers')
      .set('authorization', `Bearer ${admin}`)
      .send({ providerId, name: `Träger ${providerId}`, legalForm: 'e.V.' });
    if (res.status !== 201 && res.status !== 409) throw new Error(`setup provider ${providerId} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/** A fresh Sozialraum led by TR-E (the provider claim examples use). */
export async function freshSozialraum(api: ExampleApi, prefix = 'SR'): Promise<string> {
  await ensureProviders(api);
  const sozialraumId = api.unique(prefix);
  await api.call('admin', 'POST', '/sozialraeume', {
    sozialraumId,
    name: `Sozialraum ${sozialraumId}`,
    residents: 12000,
    residentsUnder21: 2500,
    validFrom: '2024-01-01',
  });
  await api.call('admin', 'POST', `/sozialraeume/${sozialraumId}/traegerverbund`, {
    leadProviderId: 'TR-E',
    memberProviderIds: [],
    effectiveFrom: '2024-01-01',
  });
  return sozialraumId;
}

/** A Sozialraum with a 2025 budget, allocated and (unless `planned`) opened. */
export async function freshBudget(
  api: ExampleApi,
  status: 'planned' | 'open' = 'open',
  planned = { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
): Promise<string> {
  const sozialraumId = await freshSozialraum(api, 'SR-B');
  await api.call('controller', 'POST', '/budgets', { sozialraumId, fiscalYear: 2025, planned, reason: 'Haushalt 2025', businessDate: '2024-12-10' });
  if (status === 'open')
    await api.call('controller', 'POST', `/budgets/${sozialraumId}/2025/opening`, { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' });
  return sozialraumId;
}
