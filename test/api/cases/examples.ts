import { ExampleApi, registerExamples } from '../support/endpoint-examples';

/**
 * One working call per individual-help endpoint. Each example registers what it needs (a fresh
 * Sozialraum, provider TR-E with an FLS rate agreement, a case with an approval), so it can run
 * once per allowed role; provider calls act as TR-E.
 */
let counter = Math.floor(Math.random() * 40000);
const nextCaseRef = () => `EX-25-${String(10000 + (++counter % 90000)).padStart(5, '0')}`;

async function ensureProvider(api: ExampleApi): Promise<void> {
  const admin = await api.t.token({ role: 'admin', sub: 'admin-setup' });
  const res = await api.t
    .http()
    .post('/providers')
    .set('authorization', `Bearer ${admin}`)
    .send({ providerId: 'TR-E', name: 'Träger TR-E', legalForm: 'e.V.' });
  if (res.status !== 201 && res.status !== 409) throw new Error(`setup provider TR-E answered ${res.status}: ${JSON.stringify(res.body)}`);
  // The FLS agreement the approvals follow; 409 means it is in force already.
  const agreement = await api.t
    .http()
    .post('/providers/TR-E/rate-agreements')
    .set('authorization', `Bearer ${admin}`)
    .send({ legalBasis: '31', rateType: 'hourly', amount: '65.00', validFrom: '2020-01-01' });
  if (agreement.status !== 201 && agreement.status !== 409)
    throw new Error(`setup rate agreement answered ${agreement.status}: ${JSON.stringify(agreement.body)}`);
}

async function freshCase(api: ExampleApi): Promise<string> {
  await ensureProvider(api);
  const sozialraumId = api.unique('SR-C');
  await api.call('admin', 'POST', '/sozialraeume', { sozialraumId, name: `Sozialraum ${sozialraumId}` });
  const caseRef = nextCaseRef();
  await api.call('caseworker', 'POST', '/cases', { caseRef, sozialraumId });
  return caseRef;
}

/** A case with an SPFH approval (20 FLS × 65.00 in 2025): returns case and approval ids. */
async function approvedCase(api: ExampleApi): Promise<{ caseRef: string; approvalId: string }> {
  const caseRef = await freshCase(api);
  const body = await api.call('caseworker', 'POST', `/cases/${caseRef}/approvals`, {
    legalBasis: '31',
    providerId: 'TR-E',
    start: '2025-01-01',
    end: '2025-12-31',
    bescheidDate: '2024-12-15',
    hoursPerMonth: '20',
  });
  return { caseRef, approvalId: body.approvals[0].approvalId };
}

/** An invoice for January 2025 in the wanted state. */
async function invoiceIn(api: ExampleApi, state: 'submitted' | 'first-verified' | 'verified' | 'paid') {
  const { caseRef, approvalId } = await approvedCase(api);
  const body = await api.call('provider', 'POST', `/cases/${caseRef}/approvals/${approvalId}/invoices`, {
    serviceMonth: '2025-01',
    quantity: '20',
    invoiceNumber: 'RE-1',
    businessDate: '2025-02-03',
  });
  const invoiceId = body.approvals[0].invoices[0].invoiceId;
  const wiju = async (sub: string, path: string, payload: object) => {
    const token = await api.t.token({ role: 'wiju', sub });
    const res = await api.t.http().post(path).set('authorization', `Bearer ${token}`).send(payload);
    if (res.status !== 200) throw new Error(`setup ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  };
  if (state !== 'submitted')
    await wiju('wiju-setup-1', `/cases/${caseRef}/invoices/${invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: '2025-02-05' });
  if (state === 'verified' || state === 'paid')
    await wiju('wiju-setup-2', `/cases/${caseRef}/invoices/${invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: '2025-02-05' });
  if (state === 'paid') await wiju('wiju-setup-2', `/cases/${caseRef}/invoices/${invoiceId}/payment-order`, { businessDate: '2025-02-06' });
  return { caseRef, approvalId, invoiceId };
}

registerExamples({
  'POST /cases': async (api) => {
    await ensureProvider(api);
    const sozialraumId = api.unique('SR-C');
    await api.call('admin', 'POST', '/sozialraeume', { sozialraumId, name: `Sozialraum ${sozialraumId}` });
    return { path: '/cases', body: { caseRef: nextCaseRef(), sozialraumId } };
  },
  'GET /cases/:caseRef': async (api) => ({ path: `/cases/${(await approvedCase(api)).caseRef}` }),
  'GET /cases/:caseRef/approvals/:approvalId/months/:serviceMonth': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return { path: `/cases/${caseRef}/approvals/${approvalId}/months/2025-03` };
  },
  'POST /cases/:caseRef/approvals': async (api) => ({
    path: `/cases/${await freshCase(api)}/approvals`,
    body: { legalBasis: '31', providerId: 'TR-E', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15', hoursPerMonth: '20' },
  }),
  'POST /cases/:caseRef/approvals/:approvalId/extension': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return {
      path: `/cases/${caseRef}/approvals/${approvalId}/extension`,
      body: { newEnd: '2026-06-30', hoursPerMonth: '16', reason: 'Hilfeplan: Fortsetzung mit weniger Stunden', businessDate: '2025-11-20' },
    };
  },
  'POST /cases/:caseRef/approvals/:approvalId/scope-changes': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return {
      path: `/cases/${caseRef}/approvals/${approvalId}/scope-changes`,
      body: { from: '2025-07-01', hoursPerMonth: '15', reason: 'Hilfeplanfortschreibung', businessDate: '2025-06-20' },
    };
  },
  'POST /cases/:caseRef/approvals/:approvalId/termination': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return {
      path: `/cases/${caseRef}/approvals/${approvalId}/termination`,
      body: { reason: 'planmaessig', effectiveEnd: '2025-09-30', businessDate: '2025-09-15' },
    };
  },
  'POST /cases/:caseRef/approvals/:approvalId/invoices': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return {
      path: `/cases/${caseRef}/approvals/${approvalId}/invoices`,
      body: { serviceMonth: '2025-01', quantity: '20', invoiceNumber: 'RE-2025-01', businessDate: '2025-02-03' },
    };
  },
  'POST /cases/:caseRef/invoices/:invoiceId/verifications': async (api) => {
    const { caseRef, invoiceId } = await invoiceIn(api, 'submitted');
    return { path: `/cases/${caseRef}/invoices/${invoiceId}/verifications`, body: { step: 'sachlich-richtig', businessDate: '2025-02-05' } };
  },
  'POST /cases/:caseRef/invoices/:invoiceId/rejection': async (api) => {
    const { caseRef, invoiceId } = await invoiceIn(api, 'submitted');
    return { path: `/cases/${caseRef}/invoices/${invoiceId}/rejection`, body: { reason: 'Stundennachweis fehlt', businessDate: '2025-02-05' } };
  },
  'POST /cases/:caseRef/invoices/:invoiceId/payment-order': async (api) => {
    const { caseRef, invoiceId } = await invoiceIn(api, 'verified');
    return { path: `/cases/${caseRef}/invoices/${invoiceId}/payment-order`, body: { businessDate: '2025-02-06' } };
  },
  'POST /cases/:caseRef/invoices/:invoiceId/reversal': async (api) => {
    const { caseRef, invoiceId } = await invoiceIn(api, 'paid');
    return { path: `/cases/${caseRef}/invoices/${invoiceId}/reversal`, body: { reason: 'Doppelzahlung', businessDate: '2025-02-10' } };
  },
  'POST /cases/:caseRef/kostenbeitraege': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return { path: `/cases/${caseRef}/kostenbeitraege`, body: { approvalId, monthlyAmount: '120.00', from: '2025-03-01', businessDate: '2025-02-20' } };
  },
  'POST /cases/:caseRef/kostenerstattungen': async (api) => {
    const { caseRef, approvalId } = await approvedCase(api);
    return {
      path: `/cases/${caseRef}/kostenerstattungen`,
      body: { approvalId, debtorAuthority: 'LRO-JA', serviceMonth: '2025-03', amount: '1300.00', reference: 'KE-2025-1', businessDate: '2025-04-10' },
    };
  },
  'GET /approvals': () => ({ path: '/approvals?limit=10' }),
  'GET /invoices': () => ({ path: '/invoices?status=awaiting-first-verification' }),
});
