import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';

/** A rate agreement fixes the Entgelt approvals follow by default: a rate of 0.00 is no Entgelt. */
describe('rate agreements: the amount must be positive', () => {
  let t: TestApp;
  const admin = () => as(t, 'admin');

  beforeAll(async () => {
    t = await createTestApp();
    await expectStatus(admin().post('/providers', { providerId: 'TR-Z', name: 'Jugendhilfe Nullsatz e.V.', legalForm: 'e.V.' }), 201);
  });
  afterAll(async () => t?.close());

  it('refuses 0.00 (and 0) with a 400 validation problem naming amount, and writes nothing', async () => {
    for (const amount of ['0.00', '0']) {
      const before = await t.eventCount();
      const res = await admin().post('/providers/TR-Z/rate-agreements', { legalBasis: '31', rateType: 'hourly', amount, validFrom: '2025-01-01' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'amount' })]));
      expect(await t.eventCount()).toBe(before);
    }
  });

  it('accepts a positive rate, the smallest being 0.01', async () => {
    await expectStatus(admin().post('/providers/TR-Z/rate-agreements', { legalBasis: '31', rateType: 'hourly', amount: '0.01', validFrom: '2025-01-01' }), 201);
  });
});
