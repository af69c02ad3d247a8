import { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import type { paths } from '../../apps/web/src/api/api-schema';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A client generated from the committed docs/openapi.json (openapi-typescript types, openapi-fetch)
 * drives a planning flow against the real API: the request types the document declares are the
 * ones the server accepts, from registering a Sozialraum to an amendment sent with an
 * Idempotency-Key and If-Match; answers and refusals are typed from the document's schemas.
 */
describe('the client generated from docs/openapi.json', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  const client = async (role: 'admin' | 'controller') => createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${await t.token({ role })}` } });

  it('plans a Sozialraum budget and amends it, typed end to end', async () => {
    const admin = await client('admin');
    expect((await admin.POST('/providers', { body: { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' } })).response.status).toBe(
      201,
    );
    expect(
      (
        await admin.POST('/sozialraeume', {
          body: { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' },
        })
      ).response.status,
    ).toBe(201);
    const verbund = await admin.POST('/sozialraeume/{sozialraumId}/traegerverbund', {
      params: { path: { sozialraumId: 'HRO-TW' } },
      body: { leadProviderId: 'TR-E', memberProviderIds: [], effectiveFrom: '2024-01-01' },
    });
    expect(verbund.response.status).toBe(201);

    const controller = await client('controller');
    const contract = await controller.POST('/budget-contracts/{sozialraumId}/versions', {
      params: { path: { sozialraumId: 'HRO-TW' } },
      body: {
        effectiveFrom: '2025-01-01',
        terms: {
          supplementaryApprovalLimits: [
            { body: 'Oberbürgermeisterin', upTo: '75000.00' },
            { body: 'Bürgerschaft', upTo: null },
          ],
        },
        reason: 'Sozialraumbudgetvertrag 2025',
      },
    });
    expect(contract.response.status).toBe(201);
    // A 201 names the created version at the top level and where it is read.
    expect(contract.data?.versionNumber).toBe(1);
    expect(contract.response.headers.get('location')).toBe('/budget-contracts/HRO-TW');
    const allocated = await controller.POST('/budgets', {
      body: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
        reason: 'Haushaltssatzung 2025',
        businessDate: '2024-12-10',
      },
    });
    expect(allocated.response.status).toBe(201);
    expect(allocated.response.headers.get('location')).toBe('/budgets/HRO-TW/2025');
    const opened = await controller.POST('/budgets/{sozialraumId}/{fiscalYear}/opening', {
      params: { path: { sozialraumId: 'HRO-TW', fiscalYear: 2025 } },
      body: { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' },
    });
    expect(opened.response.status).toBe(200);

    const overview = await controller.GET('/budgets/{sozialraumId}/{fiscalYear}', { params: { path: { sozialraumId: 'HRO-TW', fiscalYear: 2025 } } });
    expect(overview.response.status).toBe(200);
    const etag = overview.response.headers.get('etag')!;
    const amendment = {
      params: { path: { sozialraumId: 'HRO-TW', fiscalYear: 2025 }, header: { 'Idempotency-Key': 'nachtrag-fu-2025', 'If-Match': etag } },
      body: { category: 'FU' as const, amount: '45000.00', reason: 'Nachtragshaushalt', decisionReference: 'BV 2025/0815', businessDate: '2025-06-15' },
    };
    const amended = await controller.POST('/budgets/{sozialraumId}/{fiscalYear}/amendments', amendment);
    expect(amended.response.status).toBe(200);
    // The same key again is answered from the stored answer, and books nothing.
    const events = await t.eventCount();
    const repeated = await controller.POST('/budgets/{sozialraumId}/{fiscalYear}/amendments', amendment);
    expect(repeated.response.headers.get('idempotency-replayed')).toBe('true');
    expect(await t.eventCount()).toBe(events);

    const after = await controller.GET('/budgets/{sozialraumId}/{fiscalYear}', { params: { path: { sozialraumId: 'HRO-TW', fiscalYear: 2025 } } });
    // The answer is typed from the document's named schema: no cast.
    expect(after.data?.categories.find((c) => c.category === 'FU')?.planned).toBe('45000.00');

    // A refusal is typed too: the problem of its status, in German unless English is asked for.
    const stale = await controller.POST('/budgets/{sozialraumId}/{fiscalYear}/amendments', {
      ...amendment,
      params: { ...amendment.params, header: { 'Idempotency-Key': 'nachtrag-fu-2025-zwei', 'If-Match': etag } },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.type).toBe('/problems/stale-version');
    expect(stale.error?.title).toBe('Fassung nicht mehr aktuell');
  });
});
