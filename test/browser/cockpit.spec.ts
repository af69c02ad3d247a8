import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeed } from '../../src/demo/demo-seed';
import { currentFiscalYear, formatAmount, formatDate } from '../../apps/web/src/format';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, seriousViolations } from '../support/browser';

/**
 * The web app in Debian's Chromium against the real API on a real PostgreSQL with the demo
 * tenant: sign-in, the controller's Übersicht with the API's figures, the Sozialraum-year with its
 * chart and the time controls, a provider kept out of the budgets, and no serious or critical
 * accessibility violation on any of these pages.
 */
describe('the web app in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const year = currentFiscalYear();

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeed).seed();
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
    // A failed test leaves the page as it saw it.
    const state = (expect as unknown as { getState(): { currentTestName?: string; assertionCalls: number } }).getState();
    await screenshot(page, `last-${(state.currentTestName ?? 'page').replace(/[^A-Za-z0-9äöüß-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
    await context.close();
  });

  const api = async (role: 'controller' | 'provider', path: string, provider?: string) => {
    const token = await t.token({ role, provider });
    const res = await t.http().get(path).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const signIn = async (name: string) => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  };

  it('signs the controller in and shows every Sozialraum budget of the year with the figures of the API', async () => {
    await signIn('Controlling des Jugendamts');
    await page.getByRole('heading', { level: 1, name: new RegExp(`Übersicht.*${year}`) }).waitFor();
    const budgets = await api('controller', `/budgets?fiscalYear=${year}`);
    expect(budgets.items.length).toBeGreaterThan(0);
    for (const budget of budgets.items) {
      const utilisation = await api('controller', `/steering/${budget.sozialraumId}/${year}/utilisation`);
      const row = page.getByRole('row').filter({ hasText: budget.sozialraumId });
      await row.getByText(formatAmount(budget.total)).first().waitFor();
      await row.getByText(formatAmount(utilisation.forecast)).first().waitFor();
    }
    await screenshot(page, 'controller-uebersicht');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('draws the Sozialraum-year: the forecast chart with its table, the utilisation, and the view asked for', async () => {
    await signIn('Controlling des Jugendamts');
    await page.getByRole('link', { name: /Toitenwinkel/ }).click();
    await page.getByRole('heading', { name: 'Verlauf der Hochrechnung' }).waitFor();
    await page.locator('svg').first().waitFor();
    const utilisation = await api('controller', `/steering/HRO-TW/${year}/utilisation`);
    await page.getByText(formatAmount(utilisation.forecast)).first().waitFor();
    await page.getByRole('button', { name: /Daten als Tabelle/ }).click();
    await page.getByRole('table', { name: new RegExp(`Verlauf der Hochrechnung ${year}`) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'controller-sozialraum-jahr');

    // A past business date: the page says which view it shows and reads the figures of that day.
    const asOf = `${year}-01-31`;
    await page.getByLabel('Stand am').fill(asOf);
    await page.getByRole('button', { name: 'Ansicht anzeigen' }).click();
    await page
      .getByText(`Stand am ${formatDate(asOf)}`)
      .first()
      .waitFor();
    const then = await api('controller', `/steering/HRO-TW/${year}/utilisation?asOf=${asOf}`);
    await page.getByText(formatAmount(then.forecast)).first().waitFor();
  });

  it('keeps a provider out of the budget figures with a German notice, not a dead page', async () => {
    await signIn('Jugendhilfeverbund Nordost');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page
      .getByText(/Ihre Rolle|nicht|keine/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
