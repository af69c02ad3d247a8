import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatIndicatorValue } from '../../apps/web/src/wirkung';
import { registerExampleMasterData } from '../api/cases/case-setup';
import { as, expectStatus } from '../api/flexible/flexible-client';
import { openBudget } from '../api/flexible/flexible-setup';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, seriousViolations } from '../support/browser';

/**
 * The Wirkung page (R12) in Chromium against the real API: the lead provider agrees to the
 * Jugendamt's proposal of a target agreement, reports a quarter's value through the form and
 * corrects it after the server says it is reported already; the indicator table shows what
 * GET /wirkung/… answers.
 */
describe('the Wirkung page in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const year = 2025;
  const api = `/wirkung/HRO-TW/${year}`;

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    await openBudget(t, 'HRO-TW', year, { FS: '120000.00', FUE: '30000.00', FU: '40000.00' });
    const controller = as(t, 'controller');
    await expectStatus(
      controller.post('/indicators', {
        key: 'teilnehmende-fu',
        name: 'Teilnehmende an fallunspezifischen Angeboten',
        definition: 'Teilnahmen an fallunspezifischen Angeboten des Trägerverbunds, gemeldet je Quartal vom federführenden Träger.',
        unit: 'count',
        direction: 'higher-is-better',
        aggregation: 'sum',
        reportedBy: ['provider'],
        incentivisable: true,
        effectiveFrom: `${year}-01-01`,
        businessDate: `${year}-01-02`,
      }),
      201,
    );
    await expectStatus(
      controller.post(`${api}/target-agreements`, {
        indicators: [
          { indicatorKey: 'ambulant-anteil', baseline: '50.00', target: '65.00', weight: '40' },
          { indicatorKey: 'teilnehmende-fu', baseline: '1200', target: '2000', weight: '60' },
        ],
        bonus: { poolPercentOfFlexibleBudget: '5', minimumScorePct: '50' },
        reason: `Zielvereinbarung ${year} nach Steuerungsrunde`,
        businessDate: `${year}-01-08`,
      }),
      201,
    );
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

  const announced = (text: string) => page.locator('.app-live').getByText(text).waitFor();

  const openWirkung = async (name: string) => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // From the Sozialraum-year page, as a user would go.
    await page.evaluate(`window.location.hash = '#/sozialraum/HRO-TW/${year}'`);
    await page.getByRole('link', { name: 'Wirkung', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Wirkung – Toitenwinkel/ }).waitFor();
  };

  it('lets the lead provider agree, report a Q1 value and correct it, and shows the figures of the API', async () => {
    await openWirkung('Jugendhilfeverbund Nordost e.V.');
    const agreement = page.getByRole('region', { name: 'Zielvereinbarung' });
    await agreement.getByText('vorgeschlagen, Antwort steht aus').waitFor();
    expect(await agreement.getByRole('button', { name: 'Zurückziehen' }).count()).toBe(0);
    await agreement.getByRole('button', { name: 'Zustimmen' }).click();
    await announced(`Zielvereinbarung ZV-HRO-TW-${year}-1 zugestimmt; die Zielvereinbarung ist in Kraft.`);
    await agreement.getByText(`Zielvereinbarung ZV-HRO-TW-${year}-1 ist in Kraft.`).waitFor();
    await agreement.getByText('in Kraft (zugestimmt)').waitFor();
    expect(await agreement.getByRole('button', { name: 'Zustimmen' }).count()).toBe(0);

    const form = page.getByRole('form', { name: 'Wert melden' });
    await form.getByRole('combobox', { name: 'Indikator' }).selectOption('teilnehmende-fu');
    await form.getByRole('combobox', { name: 'Zeitraum' }).selectOption(`${year}-Q1`);
    await form.getByRole('textbox', { name: 'Wert' }).fill('410');
    await form.getByRole('textbox', { name: 'Anmerkung' }).fill('Jugendtreff, Elternkurse, Stadtteilfest');
    await form.getByRole('button', { name: 'Wert melden' }).click();
    await announced(`Wert für Teilnehmende an fallunspezifischen Angeboten, 1. Quartal ${year} gemeldet: 410.`);
    const reports = page.getByRole('region', { name: 'Gemeldete Werte mit Berichtigungen' });
    await reports
      .getByRole('row')
      .filter({ hasText: `MW-${year}-1` })
      .getByRole('cell', { name: '410', exact: true })
      .waitFor();

    // The same quarter once more: the server says it is reported, the page offers the correction.
    await form.getByRole('combobox', { name: 'Zeitraum' }).selectOption(`${year}-Q1`);
    await form.getByRole('textbox', { name: 'Wert' }).fill('430');
    await form.getByRole('textbox', { name: 'Anmerkung' }).fill('Jugendtreff, Elternkurse, Stadtteilfest');
    await form.getByRole('button', { name: 'Wert melden' }).click();
    await form.getByText('Für diesen Zeitraum ist bereits ein Wert gemeldet.').waitFor();
    await form.getByRole('button', { name: 'Als Berichtigung melden' }).click();
    await form.getByRole('textbox', { name: `Grund der Berichtigung von MW-${year}-1` }).fill('Nachmeldung des Jugendtreffs');
    await form.getByRole('button', { name: 'Berichtigung melden' }).click();
    await announced(`Berichtigung für Teilnehmende an fallunspezifischen Angeboten, 1. Quartal ${year} gemeldet: 430.`);
    await reports
      .getByRole('row')
      .filter({ hasText: `berichtigt MW-${year}-1: Nachmeldung des Jugendtreffs` })
      .waitFor();

    // The indicator table shows exactly what the API answers.
    const monitoring = (await expectStatus(as(t, 'controller').get(api), 200)).body;
    const tfu = monitoring.indicators.find((i: any) => i.indicatorKey === 'teilnehmende-fu');
    expect(tfu.year.value).toBe('430.00');
    const table = page.getByTestId('indicator-table');
    await table.locator('tr[data-indicator="teilnehmende-fu"] [data-column="value"]').getByText(formatIndicatorValue('430.00', 'count')).waitFor();
    for (const indicator of monitoring.indicators) {
      const row = table.locator(`tr[data-indicator="${indicator.indicatorKey}"]`);
      expect((await row.locator('[data-column="value"]').innerText()).trim()).toBe(formatIndicatorValue(indicator.year.value, indicator.unit));
      expect((await row.locator('[data-column="cases"]').innerText()).trim()).toBe(indicator.year.caseCount === null ? '–' : String(indicator.year.caseCount));
    }
    expect((await table.locator('tr[data-indicator="hze-dichte"] [data-column="target"]').innerText()).trim()).toBe('nur beobachtet (R8)');
    expect((await table.locator('tr[data-indicator="teilnehmende-fu"] [data-column="target"]').innerText()).trim()).toBe('1.200 → 2.000 (Gewicht 60)');

    // A chart per weighted indicator, with its text alternative.
    expect(await page.getByRole('img', { name: /^Diagramm: / }).count()).toBe(2);
    // The evaluation preview with its intermediate figures.
    const evaluation = page.getByRole('region', { name: 'Bewertung der Leistungen' });
    await evaluation.getByText('Punktzahl (gewichtetes Mittel der Zielerreichungen)').waitFor();
    await page.getByRole('button', { name: 'Bericht für den Jugendhilfeausschuss als CSV' }).waitFor();
    // The committee's report on the page: the published values, small cells protected, as the API answers them.
    const report = (await expectStatus(as(t, 'controller').get(`${api}/report`), 200)).body;
    const jha = page.getByTestId('jha-report');
    await jha.waitFor();
    for (const indicator of report.indicators) {
      const row = jha.locator(`tr[data-indicator="${indicator.indicatorKey}"]`);
      const shown = indicator.value === null ? (indicator.note ?? 'kein Wert') : formatIndicatorValue(indicator.value, indicator.unit);
      expect((await row.locator('[data-column="value"]').innerText()).trim()).toBe(shown);
      expect((await row.locator('[data-column="cases"]').innerText()).trim()).toBe(indicator.cases ?? '–');
    }

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'traeger-wirkung');
  });

  it('offers the controlling the comparison of the Sozialräume', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Controlling des Jugendamts' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(`window.location.hash = '#/wirkung/HRO-TW/${year}'`);
    await page.getByRole('heading', { level: 1, name: /^Wirkung – Toitenwinkel/ }).waitFor();
    await page.getByRole('link', { name: 'Vergleich der Sozialräume' }).click();
    const comparison = (await expectStatus(as(t, 'controller').get(`/indicators/ambulant-anteil/comparison/${year}`), 200)).body;
    const region = page.getByRole('region', { name: /je Sozialraum$/ });
    const row = region.getByRole('row').filter({ hasText: 'HRO-TW' });
    await row.getByRole('cell', { name: formatIndicatorValue(comparison.sozialraeume[0].year.value, 'percent') }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
