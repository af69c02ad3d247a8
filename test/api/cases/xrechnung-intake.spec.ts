import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '../../../libs/ddd/command-context';
import { DomainError } from '../../../libs/ddd/domain-error';
import { ProblemException } from '../../../libs/http/problem';
import { SubmitXRechnungCommand } from '../../../src/cases/commands/case.commands';
import { TEST_LEITWEG_ID, TestInvoice, generateXRechnung, testInvoice } from '../../../src/cases/domain/xrechnung/xrechnung.fixtures';
import { documentSha256 } from '../../../src/cases/domain/xrechnung/xrechnung';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { EXAMPLE_PROVIDERS, registerExampleMasterData, wiju, openCaseWithSpfh } from './case-setup';

const TENANT = 'HRO-JA';
const TR_E_NAME = EXAMPLE_PROVIDERS.find((p) => p.providerId === 'TR-E')!.name;

/**
 * The XRechnung intake behind the route, through the command bus: what it records, what it stores
 * beside the events, and that a rejected document writes nothing.
 */
describe('XRechnung intake (UBL and CII)', () => {
  let t: TestApp;
  let previous: string | undefined;

  beforeAll(async () => {
    previous = process.env.XRECHNUNG_LEITWEG_IDS;
    process.env.XRECHNUNG_LEITWEG_IDS = `${TENANT}=${TEST_LEITWEG_ID}`;
    t = await createTestApp();
    await registerExampleMasterData(t, 'HRO-XR', 'Evershagen');
    await openBudget(t, 'HRO-XR', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.XRECHNUNG_LEITWEG_IDS;
    else process.env.XRECHNUNG_LEITWEG_IDS = previous;
    await t?.close();
  });

  const spfhCase = (caseRef: string): Promise<string> => openCaseWithSpfh(t, caseRef, 'HRO-XR');

  function provider(businessDate: string, providerId = 'TR-E'): CommandContext {
    return {
      tenantId: TENANT,
      actor: { userId: `provider-${providerId}`, role: 'provider', organisationId: providerId },
      roles: ['provider'],
      providerId,
      correlationId: randomUUID(),
      causationId: null,
      requestId: randomUUID(),
      businessDate,
    };
  }

  function submit(ctx: CommandContext, caseRef: string, approvalId: string, xml: string) {
    return t.app.get(CommandBus).execute(new SubmitXRechnungCommand(ctx, caseRef, approvalId, xml));
  }

  async function xml(syntax: 'UBL' | 'CII', caseRef: string, approvalId: string, overrides: Partial<TestInvoice> = {}) {
    return generateXRechnung(syntax, testInvoice({ orderReference: `${caseRef}/${approvalId}`, sellerName: TR_E_NAME, ...overrides }));
  }

  async function documents(): Promise<number> {
    const { rows } = await t.db.query('select count(*)::int as n from case_invoice_documents');
    return rows[0].n;
  }

  async function rejection(pending: Promise<unknown>): Promise<{ name: string; fields: string[] }> {
    const error = await pending.then(
      () => {
        throw new Error('accepted');
      },
      (e: unknown) => e,
    );
    if (error instanceof ProblemException) return { name: error.problem.kind.name, fields: (error.problem.errors ?? []).map((i) => i.field) };
    if (error instanceof DomainError) return { name: error.kind.name, fields: [] };
    throw error;
  }

  it.each(['UBL', 'CII'] as const)('records a %s XRechnung as the JSON intake would, with its hash; four eyes follow', async (syntax) => {
    const caseRef = syntax === 'UBL' ? 'XR-25-001' : 'XR-25-002';
    const approvalId = await spfhCase(caseRef);
    const document = await xml(syntax, caseRef, approvalId);
    await submit(provider('2025-02-03'), caseRef, approvalId, document);

    const sha256 = documentSha256(document);
    const { rows } = await t.db.query(`select data from es_events where type = 'InvoiceSubmitted' and data->>'approvalId' = $1`, [approvalId]);
    expect(rows.map((r) => r.data)).toEqual([
      {
        invoiceId: `${approvalId}-R1`,
        approvalId,
        providerId: 'TR-E',
        serviceMonth: '2025-01',
        quantity: '20',
        amount: '1300.00',
        invoiceNumber: 'RE-2025-01',
        leitwegId: TEST_LEITWEG_ID,
        documentSha256: sha256,
      },
    ]);
    const stored = await t.db.query('select syntax, xml from case_invoice_documents where tenant_id = $1 and sha256 = $2', [TENANT, sha256]);
    expect(stored.rows).toEqual([{ syntax, xml: document }]);

    const invoiceId = `${approvalId}-R1`;
    await expectStatus(
      wiju(t, 'wiju-a').post(`/cases/${caseRef}/invoices/${invoiceId}/verifications`, { step: 'sachlich-richtig', businessDate: '2025-02-05' }),
      200,
    );
    await expectStatus(
      wiju(t, 'wiju-a').post(`/cases/${caseRef}/invoices/${invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: '2025-02-05' }),
      422,
    );
    const verified = await expectStatus(
      wiju(t, 'wiju-b').post(`/cases/${caseRef}/invoices/${invoiceId}/verifications`, { step: 'rechnerisch-richtig', businessDate: '2025-02-06' }),
      200,
    );
    expect(verified.body.approvals[0].invoices[0]).toMatchObject({
      invoiceId,
      status: 'awaiting-payment-order',
      invoiceNumber: 'RE-2025-01',
      leitwegId: TEST_LEITWEG_ID,
    });
  });

  it('rejects a broken XRechnung with every failed check by XPath and writes nothing', async () => {
    const approvalId = await spfhCase('XR-25-003');
    const before = { events: await t.eventCount(), documents: await documents() };
    const broken = await xml('CII', 'XR-25-003', approvalId, { leitwegId: undefined, sellerName: 'Fremder Träger', periodEnd: '2025-02-28', netTotal: '1.00' });
    const refused = await rejection(submit(provider('2025-02-03'), 'XR-25-003', approvalId, broken));
    const agreement = '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement';
    const settlement = '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement';
    expect(refused.name).toBe('xrechnung-rejected');
    expect(refused.fields.sort()).toEqual(
      [
        `${agreement}/ram:BuyerReference`,
        `${agreement}/ram:SellerTradeParty/ram:Name`,
        `${settlement}/ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString`,
        `${settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:LineTotalAmount`,
      ].sort(),
    );
    const bomb = (await xml('UBL', 'XR-25-003', approvalId)).replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>');
    expect(await rejection(submit(provider('2025-02-03'), 'XR-25-003', approvalId, bomb))).toEqual({ name: 'xrechnung-rejected', fields: ['/'] });
    expect({ events: await t.eventCount(), documents: await documents() }).toEqual(before);
  });

  it('refuses what the approval does not yield and takes the stored document back', async () => {
    const approvalId = await spfhCase('XR-25-004');
    const before = { events: await t.eventCount(), documents: await documents() };
    // 20 hours at 70.00 instead of the agreed 65.00: the lines add up, the approval yields 1300.00.
    const dearer = await xml('UBL', 'XR-25-004', approvalId, {
      lines: [{ quantity: '20', unitCode: 'HUR', price: '70.00', amount: '1400.00' }],
      netTotal: '1400.00',
    });
    expect(await rejection(submit(provider('2025-02-03'), 'XR-25-004', approvalId, dearer))).toEqual({
      name: 'xrechnung-rejected',
      fields: ['/Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount'],
    });
    // Days on an hourly approval.
    const days = await xml('UBL', 'XR-25-004', approvalId, { lines: [{ quantity: '20', unitCode: 'DAY', price: '65.00', amount: '1300.00' }] });
    expect(await rejection(submit(provider('2025-02-03'), 'XR-25-004', approvalId, days))).toEqual({
      name: 'xrechnung-rejected',
      fields: ['/Invoice/cac:InvoiceLine[1]/cbc:InvoicedQuantity/@unitCode'],
    });
    // The decision of the JSON intake applies: more hours than approved.
    const more = await xml('UBL', 'XR-25-004', approvalId, {
      lines: [{ quantity: '25', unitCode: 'HUR', price: '65.00', amount: '1625.00' }],
      netTotal: '1625.00',
    });
    expect(await rejection(submit(provider('2025-02-03'), 'XR-25-004', approvalId, more))).toEqual({ name: 'invoice-exceeds-approval', fields: [] });
    expect({ events: await t.eventCount(), documents: await documents() }).toEqual(before);
  });

  it('refuses a second invoice for the month, keeping the first document', async () => {
    const approvalId = await spfhCase('XR-25-005');
    const first = await xml('UBL', 'XR-25-005', approvalId);
    await submit(provider('2025-02-03'), 'XR-25-005', approvalId, first);
    const before = { events: await t.eventCount(), documents: await documents() };
    expect(await rejection(submit(provider('2025-02-04'), 'XR-25-005', approvalId, first))).toEqual({ name: 'month-already-invoiced', fields: [] });
    const second = await xml('CII', 'XR-25-005', approvalId, { invoiceNumber: 'RE-2025-01-B' });
    expect(await rejection(submit(provider('2025-02-04'), 'XR-25-005', approvalId, second))).toEqual({ name: 'month-already-invoiced', fields: [] });
    expect({ events: await t.eventCount(), documents: await documents() }).toEqual(before);
  });

  it("does not reveal another provider's approval", async () => {
    const approvalId = await spfhCase('XR-25-006');
    const document = await generateXRechnung(
      'UBL',
      testInvoice({ orderReference: `XR-25-006/${approvalId}`, sellerName: EXAMPLE_PROVIDERS.find((p) => p.providerId === 'TR-F')!.name }),
    );
    expect(await rejection(submit(provider('2025-02-03', 'TR-F'), 'XR-25-006', approvalId, document))).toEqual({ name: 'approval-not-found', fields: [] });
  });
});
