import { TestApp } from '../../support/test-app';
import { as, expectStatus } from './flexible-client';

export interface Planned {
  FS: string;
  FUE: string;
  FU: string;
}

/**
 * Master data through the API: a Sozialraum, its providers and a Trägerverbund led by the lead
 * provider. Providers registered before (by another setup of the same file) are kept.
 */
export async function registerSozialraum(t: TestApp, sozialraumId: string, name: string, lead = 'TR-E', others: string[] = []): Promise<void> {
  const admin = as(t, 'admin');
  for (const providerId of [lead, ...others]) {
    const res = await admin.post('/providers', { providerId, name: `Träger ${providerId}` });
    if (res.status !== 201 && res.status !== 409) throw new Error(`provider ${providerId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await expectStatus(admin.post('/sozialraeume', { sozialraumId, name }), 201);
  await expectStatus(
    admin.post(`/sozialraeume/${sozialraumId}/traegerverbund`, { leadProviderId: lead, memberProviderIds: others, effectiveFrom: '2024-01-01' }),
    201,
  );
}

/** Budget contract (rule-book defaults), budget allocated in December, opened on 01.01. */
export async function openBudget(t: TestApp, sozialraumId: string, fiscalYear: number, planned: Planned): Promise<void> {
  const controller = as(t, 'controller');
  await expectStatus(
    controller.post(`/budget-contracts/${sozialraumId}/versions`, { effectiveFrom: `${fiscalYear}-01-01`, terms: {}, reason: 'Sozialraumbudgetvertrag' }),
    201,
  );
  await expectStatus(
    controller.post('/budgets', { sozialraumId, fiscalYear, planned, reason: `Haushalt ${fiscalYear}`, businessDate: `${fiscalYear - 1}-12-10` }),
    201,
  );
  await expectStatus(
    controller.post(`/budgets/${sozialraumId}/${fiscalYear}/opening`, { reason: 'Haushalt rechtskräftig', businessDate: `${fiscalYear}-01-01` }),
    200,
  );
}
