import type { Page } from 'playwright-core';
import { currentFiscalYear, formatAmount, formatDate, todayInBerlin } from '../../apps/web/src/format';
import { registerExampleMasterData } from '../api/cases/case-setup';
import { as, expectStatus } from '../api/flexible/flexible-client';
import { openBudget } from '../api/flexible/flexible-setup';
import { createTestApp, TestApp } from '../support/test-app';
import { browserSuite, screenshot, seriousViolations } from '../support/browser';

/**
 * Flexible money in Chromium against the real API (R8): a Träger of the Trägerverbund reports
 * activities, the controller approves one and is refused the next by the discretionary limit with
 * the server's German explanation, rejects it with a reason, and the Träger reports the actual
 * cost; every figure on the page is the API's.
 */
describe('flexible money in the browser', () => {
  // A decision binds money of the year it is taken in or later: the current fiscal year.
  const year = currentFiscalYear();
  const budget = `/budgets/HRO-TW/${year}`;

  const suite = browserSuite(async () => {
    const t = await createTestApp();
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', year, { FS: '100000.00', FUE: '1000.00', FU: '1000.00' });
    await t.settle();
    return t;
  });
  let t: TestApp;
  let page: Page;
  let base: string;
  beforeEach(() => {
    page = suite.page();
    t = suite.app();
    base = suite.base();
  });

  const announced = (text: string) => page.locator('.app-live').getByText(text).waitFor();
  const openPage = async (user: string | RegExp) => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: user }).click();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Flexible Mittel' }).click();
    await page.goto(`${base}/app/#/flexibel?jahr=${year}`);
    await page.getByRole('heading', { level: 1, name: `Flexible Mittel ${year}` }).waitFor();
  };
  const activity = async (id: string) => (await expectStatus(as(t, 'controller').get(`${budget}/activities/${id}`), 200)).body;
  const report = async (values: { category: string; date: string; amount: string; description: string }) => {
    const form = page.getByRole('form', { name: 'Aktivität melden' });
    if (!(await form.isVisible())) await page.getByText('Aktivität melden', { exact: true }).first().click();
    await form.getByRole('combobox', { name: 'Sozialraum' }).selectOption('HRO-TW');
    await form.getByRole('combobox', { name: 'Kategorie' }).selectOption(values.category);
    await form.getByLabel('Tag der Aktivität').fill(values.date);
    await form.getByRole('textbox', { name: 'Geplante Kosten (Euro)' }).fill(values.amount);
    await form.getByRole('textbox', { name: 'Beschreibung' }).fill(values.description);
    await form.getByRole('button', { name: 'Aktivität melden' }).dblclick();
  };

  it('lets a Träger report activities; a double click reports once', async () => {
    await openPage(/Jugendhilfeverbund Nordost e\.V\./);
    await page.getByText(`Im Haushaltsjahr ${year} ist keine Aktivität gemeldet.`).waitFor();
    // Without Sozialraum and day nothing is sent.
    await page.getByText('Aktivität melden', { exact: true }).first().click();
    await page.getByRole('form', { name: 'Aktivität melden' }).getByRole('button', { name: 'Aktivität melden' }).click();
    await page.getByText('Bitte den Sozialraum wählen.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Flexible Mittel ${year}` }).waitFor();

    await report({ category: 'FU', date: todayInBerlin(), amount: '600,00', description: 'Stadtteilfest Toitenwinkel' });
    await announced(`Aktivität AKT-${year}-1 über ${formatAmount('600.00')} gemeldet.`);
    await report({ category: 'FU', date: `${year}-12-28`, amount: '500,00', description: 'Winterferienprogramm' });
    await announced(`Aktivität AKT-${year}-2 über ${formatAmount('500.00')} gemeldet.`);
    await t.settle();
    const listed = (await expectStatus(as(t, 'controller').get(`/flexible-activities?fiscalYear=${year}`), 200)).body.items;
    expect(listed.map((a: { activityId: string; requested: string; status: string }) => [a.activityId, a.requested, a.status])).toEqual([
      [`AKT-${year}-1`, '600.00', 'reported'],
      [`AKT-${year}-2`, '500.00', 'reported'],
    ]);
    const table = page.getByRole('table', { name: 'Gemeldete Aktivitäten' });
    await table
      .getByRole('row')
      .filter({ hasText: `AKT-${year}-1` })
      .getByText('Stadtteilfest Toitenwinkel')
      .waitFor();
    await table
      .getByRole('row')
      .filter({ hasText: `AKT-${year}-1` })
      .getByText(formatDate(todayInBerlin()))
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets the controller approve within the limit, explains the refusal beyond it in German, and reject with a reason', async () => {
    await openPage('Controlling des Jugendamts');
    await page.getByText(`AKT-${year}-1 bewilligen`, { exact: true }).click();
    await page
      .getByRole('form', { name: `AKT-${year}-1 bewilligen` })
      .getByRole('button', { name: 'Bewilligen' })
      .click();
    await announced(`Aktivität AKT-${year}-1 über ${formatAmount('600.00')} bewilligt.`);
    expect(await activity(`AKT-${year}-1`)).toMatchObject({ status: 'approved', approved: '600.00' });

    // 600 of 1000 FU are bound: 500 more exceed the discretionary limit; the activity stays reported.
    await page.getByText(`AKT-${year}-2 bewilligen`, { exact: true }).click();
    const approve2 = page.getByRole('form', { name: `AKT-${year}-2 bewilligen` });
    await approve2.getByRole('button', { name: 'Bewilligen' }).click();
    const refusal = approve2.getByRole('alert');
    await refusal.getByText('Budget ausgeschöpft').waitFor();
    await refusal.getByText(/500\.00 EUR übersteigen die in der Kategorie fallunspezifisch verfügbaren 400\.00 EUR/).waitFor();
    expect(await activity(`AKT-${year}-2`)).toMatchObject({ status: 'reported', approved: null });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByText(`AKT-${year}-2 ablehnen`, { exact: true }).click();
    const reject2 = page.getByRole('form', { name: `AKT-${year}-2 ablehnen` });
    await reject2.getByRole('textbox', { name: 'Grund der Ablehnung' }).fill('Mittel ausgeschöpft; im nächsten Jahr erneut melden');
    await reject2.getByRole('button', { name: 'Ablehnen' }).click();
    await announced(`Aktivität AKT-${year}-2 abgelehnt.`);
    expect(await activity(`AKT-${year}-2`)).toMatchObject({ status: 'rejected', rejectionReason: 'Mittel ausgeschöpft; im nächsten Jahr erneut melden' });
    const table = page.getByRole('table', { name: 'Gemeldete Aktivitäten' });
    await table
      .getByRole('row')
      .filter({ hasText: `AKT-${year}-2` })
      .getByText('abgelehnt')
      .waitFor();
    await screenshot(page, 'controller-flexible-mittel');
  });

  // The first activity takes place today: its cost can be reported from today on.
  it('lets the Träger report the actual cost of its approved activity once it has taken place', async () => {
    await openPage(/Jugendhilfeverbund Nordost e\.V\./);
    await page.getByText(`Ist-Kosten zu AKT-${year}-1 melden`, { exact: true }).click();
    const form = page.getByRole('form', { name: `Ist-Kosten zu AKT-${year}-1 melden` });
    await form.getByRole('textbox', { name: 'Ist-Kosten (Euro)' }).fill('550,00');
    await form.getByRole('button', { name: 'Ist-Kosten melden' }).click();
    await announced(`Ist-Kosten zu AKT-${year}-1: ${formatAmount('550.00')} gemeldet.`);
    const settled = await activity(`AKT-${year}-1`);
    expect(settled).toMatchObject({ status: 'settled', actual: '550.00' });
    const row = page
      .getByRole('table', { name: 'Gemeldete Aktivitäten' })
      .getByRole('row')
      .filter({ hasText: `AKT-${year}-1` });
    await row.getByRole('cell', { name: formatAmount(settled.actual), exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
