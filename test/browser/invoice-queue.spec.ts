import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeed } from '../../src/demo/demo-seed';
import { currentFiscalYear, formatAmount } from '../../apps/web/src/format';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, seriousViolations } from '../support/browser';

/**
 * The Wirtschaftliche Jugendhilfe's work queue in Chromium against the real API: the approved
 * amount beside the invoiced one, a double click that books once, the four-eyes rule, a stale page,
 * a rejection whose reason the server asks for next to its field, and the payment order.
 */
describe('the invoice work queue in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const year = currentFiscalYear();
  const caseRef = `TW-${String(year).slice(2)}-950`;
  let approvalId: string;
  const invoiceId: Record<string, string> = {};

  const as = async (role: 'caseworker' | 'provider' | 'wiju', sub?: string) =>
    `Bearer ${await t.token({ role, provider: role === 'provider' ? 'TR-E' : undefined, sub })}`;
  const post = async (auth: string, path: string, body: object) => {
    const res = await t.http().post(path).set('authorization', auth).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const count = async (type: string, id: string) =>
    (await t.db.query(`select count(*)::int as n from es_events where type = $1 and data->>'invoiceId' = $2`, [type, id])).rows[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeed).seed();
    await post(await as('caseworker'), '/cases', { caseRef, sozialraumId: 'HRO-TW' });
    const granted = await post(await as('caseworker'), `/cases/${caseRef}/approvals`, {
      legalBasis: '31',
      providerId: 'TR-E',
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      bescheidDate: `${year}-01-05`,
      hoursPerMonth: '4',
    });
    approvalId = granted.approvalId;
    for (const month of ['03', '04', '05']) {
      const submitted = await post(await as('provider'), `/cases/${caseRef}/approvals/${approvalId}/invoices`, {
        serviceMonth: `${year}-${month}`,
        quantity: '4',
        invoiceNumber: `RE-950-${month}`,
      });
      invoiceId[month] = submitted.invoiceId;
    }
    await t.settle();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
  });
  afterEach(async () => {
    const state = (expect as unknown as { getState(): { currentTestName?: string } }).getState();
    await screenshot(page, `last-${(state.currentTestName ?? 'page').replace(/[^A-Za-z0-9äöüß-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
    await context.close();
  });

  const openQueue = async (name: string) => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name }).click();
    await page.getByRole('link', { name: 'Rechnungen zur Prüfung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rechnungen zur Prüfung' }).waitFor();
  };
  const queue = (title: string) => page.getByRole('region', { name: new RegExp(`^${title}`) });
  const row = (title: string, invoiceNumber: string) => queue(title).getByRole('row').filter({ hasText: invoiceNumber });
  const announced = (text: string) => page.locator('.app-live').getByText(text).waitFor();

  it('shows the approved amount beside the invoiced one, books a double click once and keeps the second check from the first checker', async () => {
    await openQueue('Wirtschaftliche Jugendhilfe 1');
    const first = row('Sachlich richtig zeichnen', 'RE-950-03');
    // 4 hours at the agreement's 65.00: invoiced and approved alike.
    await first
      .getByRole('cell', { name: formatAmount('260.00') })
      .nth(1)
      .waitFor();
    expect(await first.getByRole('cell', { name: formatAmount('260.00') }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    await first.getByRole('button', { name: `Sachlich richtig: Rechnung RE-950-03, ${caseRef}` }).dblclick();
    await announced(`Rechnung RE-950-03 (${caseRef}) sachlich richtig gezeichnet.`);
    expect(await count('InvoiceVerified', invoiceId['03'])).toBe(1);

    const second = row('Rechnerisch richtig zeichnen', 'RE-950-03');
    await second.getByText('Vier-Augen-Prinzip').waitFor();
    expect(await second.getByRole('button').count()).toBe(0);
    await screenshot(page, 'wiju-rechnungen-zur-pruefung');
  });

  it('lets another person sign the second check and order the payment', async () => {
    await openQueue('Wirtschaftliche Jugendhilfe 2');
    await row('Rechnerisch richtig zeichnen', 'RE-950-03')
      .getByRole('button', { name: `Rechnerisch richtig: Rechnung RE-950-03, ${caseRef}` })
      .click();
    await announced(`Rechnung RE-950-03 (${caseRef}) rechnerisch richtig gezeichnet.`);
    await row('Zahlung anordnen', 'RE-950-03')
      .getByRole('button', { name: `Zahlung anordnen: Rechnung RE-950-03, ${caseRef}` })
      .click();
    await announced(`Rechnung RE-950-03 (${caseRef}) zur Zahlung angeordnet.`);
    expect(await count('InvoiceVerified', invoiceId['03'])).toBe(2);
    expect(await count('PaymentOrdered', invoiceId['03'])).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says so when someone else changed the case since the page was loaded, books nothing, and offers to reload', async () => {
    await openQueue('Wirtschaftliche Jugendhilfe 2');
    const stale = row('Sachlich richtig zeichnen', 'RE-950-04');
    await stale
      .getByRole('cell', { name: formatAmount('260.00') })
      .nth(1)
      .waitFor();
    // Meanwhile a colleague signs it through the API.
    await post(await as('wiju', 'wiju-1'), `/cases/${caseRef}/invoices/${invoiceId['04']}/verifications`, { step: 'sachlich-richtig' });
    await stale.getByRole('button', { name: `Sachlich richtig: Rechnung RE-950-04, ${caseRef}` }).click();
    await stale.getByText('Jemand anderes hat diesen Fall inzwischen geändert.').waitFor();
    expect(await count('InvoiceVerified', invoiceId['04'])).toBe(1);
    await stale.getByRole('button', { name: 'Neu laden' }).click();
    // Reloaded: it waits for the second check now, which this person may sign.
    await row('Rechnerisch richtig zeichnen', 'RE-950-04')
      .getByRole('button', { name: `Rechnerisch richtig: Rechnung RE-950-04, ${caseRef}` })
      .waitFor();
  });

  it('asks for the reason of a rejection next to its field, in German, and then rejects', async () => {
    await openQueue('Wirtschaftliche Jugendhilfe 1');
    const rejected = row('Sachlich richtig zeichnen', 'RE-950-05');
    await rejected.getByRole('button', { name: `Zurückweisen: Rechnung RE-950-05, ${caseRef}` }).click();
    const form = page.getByRole('form', { name: 'Rechnung RE-950-05 zurückweisen' });
    await form.getByRole('button', { name: 'Zurückweisen' }).click();
    const field = form.getByRole('textbox', { name: 'Grund der Zurückweisung' });
    await form.getByRole('alert').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await count('InvoiceRejected', invoiceId['05'])).toBe(0);
    await field.fill('Stundennachweis fehlt');
    await form.getByRole('button', { name: 'Zurückweisen' }).click();
    await announced(`Rechnung RE-950-05 (${caseRef}) zurückgewiesen.`);
    expect(await count('InvoiceRejected', invoiceId['05'])).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
