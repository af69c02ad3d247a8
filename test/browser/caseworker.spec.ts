import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatAmount } from '../../apps/web/src/format';
import { describeCeiling } from '../../apps/web/src/invoice-form';
import { registerExampleMasterData } from '../api/cases/case-setup';
import { as, expectStatus } from '../api/flexible/flexible-client';
import { openBudget } from '../api/flexible/flexible-setup';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, seriousViolations } from '../support/browser';

/**
 * The caseworker's (ASD) pages in Chromium against the real API: a case opened under its
 * pseudonymous reference, a § 35a approval that needs its setting, a double click that books one
 * approval, a termination and one on a case someone else changed meanwhile (If-Match, 412).
 */
describe('the caseworker pages in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const year = 2025;
  const caseRef = 'TW-25-777';
  const B1 = `${caseRef}-B1`;
  const B2 = `${caseRef}-B2`;

  const caseView = async () => (await expectStatus(as(t, 'caseworker').get(`/cases/${caseRef}`), 200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    await registerExampleMasterData(t);
    // A small budget, so that the approvals cross its thresholds.
    await openBudget(t, 'HRO-TW', year, { FS: '3000.00', FUE: '1000.00', FU: '1000.00' });
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
  const signInAndOpenCases = async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Fallsteuerung (ASD)' }).click();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fälle' }).waitFor();
  };
  const openCasePage = async () => {
    await signInAndOpenCases();
    await page.getByRole('link', { name: caseRef }).first().click();
    await page.getByRole('heading', { level: 1, name: `Fall ${caseRef}` }).waitFor();
  };
  const grantForm = () => page.getByRole('form', { name: 'Bewilligung erteilen' });
  const fillGrant = async (values: { legalBasis: string; provider: string; start: string; end?: string; bescheid: string; hours?: string }) => {
    const form = grantForm();
    await form.getByRole('combobox', { name: 'Rechtsgrundlage' }).selectOption(values.legalBasis);
    await form.getByRole('combobox', { name: 'Träger' }).selectOption(values.provider);
    await form.getByLabel('Beginn').fill(values.start);
    await form.getByLabel('Ende (freiwillig)').fill(values.end ?? '');
    await form.getByLabel('Datum des Bescheids').fill(values.bescheid);
    await form.getByRole('textbox', { name: 'Fachleistungsstunden je Monat' }).fill(values.hours ?? '');
  };

  it('opens a case under its pseudonymous reference and grants a § 35a approval only with its setting', async () => {
    await signInAndOpenCases();
    const open = page.getByRole('form', { name: 'Fall anlegen' });
    await open.getByText('Nur das pseudonyme Fallzeichen – keine Namen, Geburtsdaten oder Diagnosen.').waitFor();
    // No field for a name, a birth date or a diagnosis: the reference and the Sozialraum only.
    expect(await open.locator('input, select, textarea').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await open.getByRole('textbox', { name: 'Fallzeichen' }).fill(caseRef);
    await open.getByRole('combobox', { name: 'Sozialraum' }).selectOption('HRO-TW');
    await open.getByRole('button', { name: 'Fall anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: `Fall ${caseRef}` }).waitFor();
    expect((await caseView()).approvals).toEqual([]);

    // § 35a without a setting: the server's 400 next to the setting field, nothing booked.
    await fillGrant({ legalBasis: '35a', provider: 'TR-E', start: `${year}-02-01`, end: `${year}-12-31`, bescheid: `${year}-01-20`, hours: '20' });
    const setting = grantForm().getByRole('combobox', { name: 'Setting' });
    expect(await setting.inputValue()).toBe('');
    await grantForm().getByRole('button', { name: 'Bewilligung erteilen' }).click();
    await grantForm().getByRole('alert').waitFor();
    expect(await setting.getAttribute('aria-invalid')).toBe('true');
    expect((await caseView()).approvals).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await setting.selectOption('ambulant');
    await grantForm().getByRole('button', { name: 'Bewilligung erteilen' }).click();
    await announced(`Bewilligung ${B1} erteilt (§ 35a SGB VIII Eingliederungshilfe für seelisch behinderte Kinder und Jugendliche).`);

    // The page shows the approval as GET /cases/… answers it.
    const [b1] = (await caseView()).approvals;
    expect(b1).toMatchObject({
      approvalId: B1,
      legalBasis: '35a',
      setting: 'ambulant',
      status: 'running',
      period: { start: `${year}-02-01`, end: `${year}-12-31` },
    });
    const section = page.getByRole('region', { name: `${B1}: ${b1.help}` });
    await section.getByText('ambulant', { exact: true }).waitFor();
    await section.getByText('Jugendhilfeverbund Nordost e.V.', { exact: true }).waitFor();
    await section.getByText(`01.02.${year} – 31.12.${year}`).waitFor();
    await section.getByText('laufend', { exact: true }).waitFor();
    const yearRow = section.getByRole('row').filter({ hasText: String(year) });
    for (const year of b1.years) {
      for (const value of [year.committed, year.invoiced, year.actual, year.openCommitment]) {
        await yearRow
          .getByRole('cell', { name: formatAmount(value), exact: true })
          .first()
          .waitFor();
      }
    }
    // A crossing of a threshold does not refuse the approval; the steering shows its consequences.
    const notice = page.getByRole('status').filter({ hasText: `Bewilligung ${B1} ist gebucht.` });
    await notice.getByText(/erscheinen die Folgen \(Warnung, Verfahren\) in der Steuerung des Sozialraums/).waitFor();
    expect(await notice.getByRole('link', { name: `Steuerung HRO-TW ${year}` }).getAttribute('href')).toBe(`#/sozialraum/HRO-TW/${year}`);
    await t.settle();
    const steering = await expectStatus(as(t, 'controller').get(`/steering/HRO-TW/${year}`), 200);
    expect(steering.body.crossings.warning).toBeDefined();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'caseworker-fall');
  });

  it('books one approval for a double click and terminates it', async () => {
    await openCasePage();
    await fillGrant({ legalBasis: '31', provider: 'TR-E', start: `${year}-03-01`, bescheid: `${year}-02-20`, hours: '4' });
    // § 31: ambulant preselected.
    expect(await grantForm().getByRole('combobox', { name: 'Setting' }).inputValue()).toBe('ambulant');
    await grantForm().getByRole('button', { name: 'Bewilligung erteilen' }).dblclick();
    await announced(`Bewilligung ${B2} erteilt (§ 31 SGB VIII Sozialpädagogische Familienhilfe (SPFH)).`);
    await page.getByRole('region', { name: new RegExp(`^${B2}: `) }).waitFor();
    await page.waitForTimeout(500);
    const approvals = (await caseView()).approvals;
    expect(approvals.map((a: { approvalId: string }) => a.approvalId)).toEqual([B1, B2]);
    expect(approvals[1]).toMatchObject({ setting: 'ambulant', period: { start: `${year}-03-01`, end: null } });
    await page
      .getByRole('region', { name: new RegExp(`^${B2}: `) })
      .getByText(`ab 01.03.${year}, unbefristet`)
      .waitFor();

    await page.getByText(`Bewilligung ${B2} beenden`, { exact: true }).click();
    const terminate = page.getByRole('form', { name: `Bewilligung ${B2} beenden` });
    await terminate.getByRole('combobox', { name: 'Grund der Beendigung' }).selectOption('abbruch');
    await terminate.getByLabel('Letzter Tag der Hilfe').fill(`${year}-06-30`);
    await terminate.getByRole('textbox', { name: 'Anmerkung (freiwillig)' }).fill('Abbruch durch die Familie');
    await terminate.getByRole('button', { name: 'Bewilligung beenden' }).click();
    await announced(`Bewilligung ${B2} beendet.`);
    const b2 = (await caseView()).approvals[1];
    expect(b2).toMatchObject({ status: 'terminated', termination: { reason: 'abbruch', effectiveEnd: `${year}-06-30` } });
    const section = page.getByRole('region', { name: new RegExp(`^${B2}: `) });
    await section.getByText('beendet', { exact: true }).waitFor();
    await section.getByText(`Abbruch zum 30.06.${year} (Abbruch durch die Familie)`).waitFor();
    expect(await page.getByRole('form', { name: `Bewilligung ${B2} beenden` }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says so when someone else changed the case since the page was loaded, books nothing, and offers to reload', async () => {
    await openCasePage();
    await page.getByText(`Bewilligung ${B1} beenden`, { exact: true }).click();
    const terminate = page.getByRole('form', { name: `Bewilligung ${B1} beenden` });
    await terminate.getByRole('combobox', { name: 'Grund der Beendigung' }).selectOption('planmaessig');
    await terminate.getByLabel('Letzter Tag der Hilfe').fill(`${year}-09-30`);
    // Meanwhile a colleague extends B1 through the API.
    const before = (await caseView()).version;
    await expectStatus(
      as(t, 'caseworker').post(`/cases/${caseRef}/approvals/${B1}/extension`, { newEnd: `${year + 1}-03-31`, reason: 'Hilfeplan fortgeschrieben' }),
      200,
    );
    await terminate.getByRole('button', { name: 'Bewilligung beenden' }).click();
    await terminate.getByText('Jemand anderes hat diesen Fall inzwischen geändert.').waitFor();
    // The extension is booked, the termination decided on the older version is not.
    const after = await caseView();
    expect(after.version).toBeGreaterThan(before);
    expect(after.approvals[0]).toMatchObject({ status: 'running', termination: null, period: { end: `${year + 1}-03-31` } });
    expect(await seriousViolations(page)).toEqual([]);
    await terminate.getByRole('button', { name: 'Neu laden' }).click();
    await page
      .getByRole('region', { name: new RegExp(`^${B1}: `) })
      .getByText(`01.02.${year} – 31.03.${year + 1}`)
      .waitFor();
    expect(await terminate.getByText('Jemand anderes hat diesen Fall inzwischen geändert.').count()).toBe(0);
  });
  it('extends an approval with a changed scope in one Bescheid, changes its scope from a month on, and shows a refusal at its form', async () => {
    await openCasePage();
    const section = page.getByRole('region', { name: new RegExp(`^${B1}: `) });
    // Each change of an approval is folded away until asked for.
    const extend = page.getByRole('form', { name: `Bewilligung ${B1} verlängern` });
    expect(await extend.isVisible()).toBe(false);
    await page.getByText(`Bewilligung ${B1} verlängern`, { exact: true }).click();
    await extend.getByLabel('Neues Ende').fill(`${year + 1}-06-30`);
    await extend.getByRole('textbox', { name: 'Grund der Verlängerung' }).fill('Hilfeplan fortgeschrieben');
    await extend.getByRole('textbox', { name: 'Fachleistungsstunden je Monat (freiwillig)' }).fill('15');
    await extend.getByRole('button', { name: 'Verlängerung buchen' }).dblclick();
    await announced(`Bewilligung ${B1} verlängert bis 30.06.${year + 1}.`);
    await page
      .getByRole('status')
      .filter({ hasText: `Die Verlängerung von ${B1} ist gebucht.` })
      .waitFor();
    await section.getByText(`01.02.${year} – 30.06.${year + 1}`).waitFor();
    const extended = (await caseView()).approvals[0];
    expect(extended.period).toEqual({ start: `${year}-02-01`, end: `${year + 1}-06-30` });
    // The added months from 01.04. at 15 hours; the months approved before keep theirs.
    expect(extended.rates.map((r: { from: string; hoursPerMonth: string | null }) => [r.from, r.hoursPerMonth])).toEqual([
      [`${year}-02-01`, '20'],
      [`${year + 1}-04-01`, '15'],
    ]);

    // A change of scope for an hourly rate starts on a month's first day (R3): refused, nothing booked.
    const version = (await caseView()).version;
    await page.getByText(`Umfang der Bewilligung ${B1} ändern`, { exact: true }).click();
    const scope = page.getByRole('form', { name: `Umfang der Bewilligung ${B1} ändern` });
    await scope.getByLabel('Gilt ab').fill(`${year}-10-15`);
    await scope.getByRole('textbox', { name: 'Fachleistungsstunden je Monat (freiwillig)' }).fill('10');
    await scope.getByRole('textbox', { name: 'Grund der Änderung' }).fill('Stundenumfang reduziert');
    await scope.getByRole('button', { name: 'Änderung buchen' }).click();
    await scope.getByRole('alert').first().waitFor();
    expect((await caseView()).version).toBe(version);
    expect(await seriousViolations(page)).toEqual([]);

    await scope.getByLabel('Gilt ab').fill(`${year}-10-01`);
    await scope.getByRole('button', { name: 'Änderung buchen' }).click();
    await announced(`Umfang der Bewilligung ${B1} ab 01.10.${year} geändert.`);
    const changed = (await caseView()).approvals[0];
    expect(changed.rates.map((r: { from: string; hoursPerMonth: string | null }) => [r.from, r.hoursPerMonth])).toEqual([
      [`${year}-02-01`, '20'],
      [`${year}-10-01`, '10'],
    ]);
    await section.getByText(/10 Stunden je Monat/).waitFor();
    const yearRow = section.getByRole('row').filter({ hasText: String(year) });
    const figures = changed.years.find((y: { fiscalYear: number }) => y.fiscalYear === year);
    await yearRow
      .getByRole('cell', { name: formatAmount(figures.committed), exact: true })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'caseworker-verlaengerung');
  });
  it('lets the Träger invoice a Leistungsmonat: the form says what is approved, refuses more before sending, books one invoice for a double click', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: /Jugendhilfeverbund Nordost e\.V\./ }).click();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click();
    await page.getByRole('link', { name: caseRef }).first().click();
    await page.getByRole('heading', { level: 1, name: `Fall ${caseRef}` }).waitFor();
    // A Träger changes no approval; it invoices.
    expect(await page.getByText(`Bewilligung ${B1} verlängern`, { exact: true }).count()).toBe(0);
    await page.getByText(`Rechnung zu ${B1} einreichen`, { exact: true }).click();
    const form = page.getByRole('form', { name: `Rechnung zu ${B1} einreichen` });

    await form.getByLabel('Leistungsmonat').fill(`${year}-11`);
    const approved = await expectStatus(as(t, 'provider', 'TR-E').get(`/cases/${caseRef}/approvals/${B1}/months/${year}-11`), 200);
    expect(approved.body.ceilings).toEqual([expect.objectContaining({ unit: 'hours', approvedQuantity: '10', approvedAmount: '385.00', invoice: null })]);
    await form.getByText(describeCeiling(approved.body)).waitFor();

    const before = (await caseView()).version;
    await form.getByRole('textbox', { name: 'Geleistete Fachleistungsstunden' }).fill('12');
    await form.getByRole('textbox', { name: 'Rechnungsnummer' }).fill('RE-2025-1101');
    await form.getByRole('button', { name: 'Rechnung einreichen' }).click();
    await form.getByText(`Mehr als bewilligt: höchstens 10 Stunden für November ${year}.`).waitFor();
    expect(await form.getByRole('textbox', { name: 'Geleistete Fachleistungsstunden' }).getAttribute('aria-invalid')).toBe('true');
    expect((await caseView()).version).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByRole('textbox', { name: 'Geleistete Fachleistungsstunden' }).fill('9,5');
    await form.getByRole('button', { name: 'Rechnung einreichen' }).dblclick();
    await announced(`Rechnung ${B1}-R1 über ${formatAmount('365.75')} eingereicht.`);
    const invoices = (await caseView()).approvals[0].invoices;
    expect(invoices).toEqual([expect.objectContaining({ invoiceId: `${B1}-R1`, serviceMonth: `${year}-11`, quantity: '9.5', amount: '365.75' })]);

    // The month is claimed now: the form says by which invoice.
    await form.getByLabel('Leistungsmonat').fill(`${year}-11`);
    const claimed = await expectStatus(as(t, 'provider', 'TR-E').get(`/cases/${caseRef}/approvals/${B1}/months/${year}-11`), 200);
    await form.getByText(describeCeiling(claimed.body)).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'traeger-rechnung');
  });
  it('lets the Wirtschaftliche Jugendhilfe fix a Kostenbeitrag and claim a Kostenerstattung, shown as revenue beside the figures', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Wirtschaftliche Jugendhilfe 1' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await page.goto(`${base}/app/#/faelle/${caseRef}`);
    await page.getByRole('heading', { level: 1, name: `Fall ${caseRef}` }).waitFor();
    const section = page.getByRole('region', { name: new RegExp(`^${B1}: `) });

    await page.getByText(`Kostenbeitrag zu ${B1} festsetzen`, { exact: true }).click();
    const kb = page.getByRole('form', { name: `Kostenbeitrag zu ${B1} festsetzen` });
    // Not an amount: the server's answer at the field, nothing booked.
    const before = (await caseView()).version;
    await kb.getByRole('textbox', { name: 'Betrag je Monat (Euro)' }).fill('viel');
    await kb.getByLabel('Ab', { exact: true }).fill(`${year}-03-01`);
    await kb.getByRole('button', { name: 'Kostenbeitrag festsetzen' }).click();
    await kb.getByRole('alert').first().waitFor();
    expect(await kb.getByRole('textbox', { name: 'Betrag je Monat (Euro)' }).getAttribute('aria-invalid')).toBe('true');
    expect((await caseView()).version).toBe(before);

    await kb.getByRole('textbox', { name: 'Betrag je Monat (Euro)' }).fill('180,00');
    await kb.getByLabel('Bis (freiwillig)').fill(`${year}-12-31`);
    await kb.getByRole('button', { name: 'Kostenbeitrag festsetzen' }).dblclick();
    await announced(`Kostenbeitrag ${B1}-KB1 über ${formatAmount('180.00')} je Monat festgesetzt.`);

    await page.getByText(`Kostenerstattung zu ${B1} geltend machen`, { exact: true }).click();
    const ke = page.getByRole('form', { name: `Kostenerstattung zu ${B1} geltend machen` });
    await ke.getByRole('textbox', { name: 'Erstattungspflichtiges Jugendamt' }).fill('LRO-JA');
    await ke.getByLabel('Leistungsmonat').fill(`${year}-04`);
    await ke.getByRole('textbox', { name: 'Betrag (Euro)' }).fill('500,00');
    await ke.getByRole('textbox', { name: 'Aktenzeichen' }).fill('KE-2025-17');
    await ke.getByRole('button', { name: 'Kostenerstattung geltend machen' }).click();
    await announced(`Kostenerstattung ${B1}-KE1 über ${formatAmount('500.00')} gegen LRO-JA geltend gemacht.`);

    // The page shows what GET /cases/… answers: the entries and the revenue of the year.
    const b1 = (await caseView()).approvals[0];
    expect(b1.kostenbeitraege).toEqual([expect.objectContaining({ monthlyAmount: '180.00', from: `${year}-03-01`, to: `${year}-12-31` })]);
    expect(b1.kostenerstattungen).toEqual([expect.objectContaining({ debtorAuthority: 'LRO-JA', serviceMonth: `${year}-04`, amount: '500.00' })]);
    const revenue = b1.years.find((y: { fiscalYear: number }) => y.fiscalYear === year).revenue;
    expect(revenue).not.toBe('0.00');
    await section
      .getByRole('row')
      .filter({ hasText: String(year) })
      .first()
      .getByRole('cell', { name: formatAmount(revenue), exact: true })
      .waitFor();
    const entries = section.getByRole('table', { name: `Erträge zu ${B1}` });
    await entries
      .getByRole('row')
      .filter({ hasText: 'Kostenbeitrag' })
      .getByText(`${formatAmount('180.00')} je Monat`)
      .waitFor();
    await entries.getByRole('row').filter({ hasText: 'Kostenerstattung' }).getByText('gegen LRO-JA, Az. KE-2025-17').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'wiju-ertraege');
  });
});
