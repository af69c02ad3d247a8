import { TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';

/** Providers of the worked example with their legal forms and rate agreements for 2025. */
export const EXAMPLE_PROVIDERS = [
  { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' },
  { providerId: 'TR-F', name: 'Kinder- und Jugendwohnen Warnow gGmbH', legalForm: 'gGmbH' },
  { providerId: 'TR-G', name: 'Tagesgruppe Dierkow gGmbH', legalForm: 'gGmbH' },
];

export const EXAMPLE_RATES: Array<{ providerId: string; legalBasis: string; rateType: string; amount: string }> = [
  { providerId: 'TR-E', legalBasis: '31', rateType: 'hourly', amount: '65.00' },
  { providerId: 'TR-E', legalBasis: '30', rateType: 'hourly', amount: '65.00' },
  { providerId: 'TR-E', legalBasis: '35a', rateType: 'hourly', amount: '38.50' },
  { providerId: 'TR-F', legalBasis: '34', rateType: 'daily', amount: '195.00' },
  { providerId: 'TR-F', legalBasis: '42', rateType: 'daily', amount: '220.00' },
  { providerId: 'TR-G', legalBasis: '32', rateType: 'monthly', amount: '2450.00' },
];

/** Master data of the example through the API: providers, rate agreements, Sozialraum and Trägerverbund. */
export async function registerExampleMasterData(t: TestApp, sozialraumId = 'HRO-TW', name = 'Toitenwinkel'): Promise<void> {
  const admin = as(t, 'admin');
  for (const provider of EXAMPLE_PROVIDERS) {
    const res = await admin.post('/providers', provider);
    if (res.status === 409) continue;
    await expectStatus(Promise.resolve(res), 201);
    for (const rate of EXAMPLE_RATES.filter((r) => r.providerId === provider.providerId)) {
      await expectStatus(
        admin.post(`/providers/${provider.providerId}/rate-agreements`, {
          legalBasis: rate.legalBasis,
          rateType: rate.rateType,
          amount: rate.amount,
          validFrom: '2024-01-01',
        }),
        201,
      );
    }
  }
  await expectStatus(admin.post('/sozialraeume', { sozialraumId, name, residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }), 201);
  await expectStatus(
    admin.post(`/sozialraeume/${sozialraumId}/traegerverbund`, { leadProviderId: 'TR-E', memberProviderIds: ['TR-F', 'TR-G'], effectiveFrom: '2024-01-01' }),
    201,
  );
}

/** Submits, verifies (two different wiju users) and pays an invoice; returns the case after payment. */
export async function invoiceAndPay(
  t: TestApp,
  caseRef: string,
  approvalId: string,
  providerId: string,
  serviceMonth: string,
  quantity: string | undefined,
  dates: { submitted: string; verified?: string; paid?: string },
): Promise<any> {
  const provider = as(t, 'provider', providerId);
  const submitted = await expectStatus(
    provider.post(`/cases/${caseRef}/approvals/${approvalId}/invoices`, {
      serviceMonth,
      quantity,
      invoiceNumber: `RE-${serviceMonth}-${approvalId}`,
      businessDate: dates.submitted,
    }),
    201,
  );
  const invoice = submitted.body.approvals.find((a: any) => a.approvalId === approvalId).invoices.at(-1);
  const verified = dates.verified ?? dates.submitted;
  await expectStatus(
    wiju(t, 'wiju-1').post(`/cases/${caseRef}/invoices/${invoice.invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: verified }),
    200,
  );
  await expectStatus(
    wiju(t, 'wiju-2').post(`/cases/${caseRef}/invoices/${invoice.invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: verified }),
    200,
  );
  return (
    await expectStatus(wiju(t, 'wiju-2').post(`/cases/${caseRef}/invoices/${invoice.invoiceId}/payment-order`, { businessDate: dates.paid ?? verified }), 200)
  ).body;
}

/** A wiju user with a given user id (four-eyes needs two different people). */
export function wiju(t: TestApp, sub: string) {
  const token = t.token({ role: 'wiju', sub });
  return {
    get: async (path: string) =>
      t
        .http()
        .get(path)
        .set('authorization', `Bearer ${await token}`),
    post: async (path: string, body: object = {}) =>
      t
        .http()
        .post(path)
        .set('authorization', `Bearer ${await token}`)
        .send(body),
  };
}

/** Opens a case and grants SPFH (§ 31) by TR-E for 2025, 20 hours a month (`extra` for more fields); answers the approval id. */
export async function openCaseWithSpfh(t: TestApp, caseRef: string, sozialraumId: string, extra: Record<string, string> = {}): Promise<string> {
  await expectStatus(as(t, 'caseworker').post('/cases', { caseRef, sozialraumId }), 201);
  const granted = await expectStatus(
    as(t, 'caseworker').post(`/cases/${caseRef}/approvals`, {
      legalBasis: '31',
      providerId: 'TR-E',
      start: '2025-01-01',
      end: '2025-12-31',
      bescheidDate: '2025-01-02',
      hoursPerMonth: '20',
      ...extra,
    }),
    201,
  );
  return granted.body.approvals[0].approvalId;
}
