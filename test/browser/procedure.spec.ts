import type { Page } from 'playwright-core';
import { formatAmount, formatDate, todayInBerlin } from '../../apps/web/src/format';
import { as, expectStatus } from '../api/flexible/flexible-client';
import { openBudget, registerSozialraum } from '../api/flexible/flexible-setup';
import { createTestApp, TestApp } from '../support/test-app';
import { browserSuite, screenshot, seriousViolations } from '../support/browser';

/**
 * The threshold procedure in Chromium against the real API (R7, R9): two approvals push the
 * forecast over 105 %, the controller records the steering meeting, the supplementary-expenditure
 * request, the decision of the body the value limits name, the report to the Kämmerei and the
 * closing on the Sozialraum-year page; every entry as GET /steering/… answers it.
 */
describe('the threshold procedure in the browser', () => {
  const steering = '/steering/HRO-UE/2025';

  const suite = browserSuite(async () => {
    const t = await createTestApp();
    await registerSozialraum(t, 'HRO-UE', 'Überschreitung');
    await openBudget(t, 'HRO-UE', 2025, { FS: '100000.00', FUE: '10000.00', FU: '10000.00' });
    await expectStatus(
      as(t, 'admin').post('/providers/TR-E/rate-agreements', { legalBasis: '34', rateType: 'daily', amount: '250.00', validFrom: '2024-01-01' }),
      201,
    );
    for (const [caseRef, start, bescheidDate] of [
      ['UE-25-001', '2025-01-01', '2025-01-10'],
      ['UE-25-002', '2025-06-01', '2025-05-20'],
    ]) {
      await expectStatus(as(t, 'caseworker').post('/cases', { caseRef, sozialraumId: 'HRO-UE' }), 201);
      await expectStatus(
        as(t, 'caseworker').post(`/cases/${caseRef}/approvals`, { legalBasis: '34', providerId: 'TR-E', start, end: '2025-12-31', bescheidDate }),
        201,
      );
    }
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
  const procedure = async () => (await expectStatus(as(t, 'controller').get(steering), 200)).body.procedure;
  const step = async (summary: string) => {
    await page.locator('summary').getByText(summary, { exact: true }).click();
    return page.getByRole('form', { name: summary });
  };

  it('records the steering meeting, the request, the decision of the competent body, the report to the Kämmerei and the closing', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Controlling des Jugendamts' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await page.goto(`${base}/app/#/sozialraum/HRO-UE/2025`);
    await page.getByRole('heading', { level: 2, name: 'Überschreitungsverfahren UEV-HRO-UE-2025' }).waitFor();

    const meeting = await step('Steuerungsrunde buchen');
    await meeting.getByLabel('Tag der Steuerungsrunde').fill('2025-05-28');
    expect(await meeting.getByRole('textbox', { name: 'Organisation 1' }).inputValue()).toBe('HRO-JA');
    await meeting.getByRole('textbox', { name: 'Funktion 1' }).fill('Amtsleitung Jugend');
    await meeting.getByRole('textbox', { name: 'Organisation 2' }).fill('TR-E');
    await meeting.getByRole('textbox', { name: 'Funktion 2' }).fill('Geschäftsführung');
    await meeting.getByRole('textbox', { name: 'Vereinbarte Maßnahmen' }).fill('Fallkonferenz stationäre Hilfen\nPrüfung ambulanter Alternativen');
    await meeting.getByRole('button', { name: 'Steuerungsrunde buchen' }).dblclick();
    await announced('Steuerungsrunde vom 28.05.2025 gebucht.');
    expect((await procedure()).meetings).toEqual([
      expect.objectContaining({ heldOn: '2025-05-28', measures: ['Fallkonferenz stationäre Hilfen', 'Prüfung ambulanter Alternativen'] }),
    ]);
    await page.getByRole('group', { name: 'Steuerungsrunde vom 28.05.2025' }).getByText('Prüfung ambulanter Alternativen').waitFor();

    const request = await step('Über- oder außerplanmäßige Aufwendungen beantragen');
    await request.getByRole('combobox', { name: 'Art' }).selectOption('ueberplanmaessig');
    await request.getByRole('textbox', { name: 'Betrag (Euro)' }).fill('60000,00');
    await request.getByRole('textbox', { name: 'Begründung' }).fill('unabweisbar: Rechtsanspruch § 34');
    await request.getByRole('textbox', { name: 'Deckung' }).fill('Mehrerträge Gewerbesteuer');
    await request.getByRole('button', { name: 'Antrag buchen' }).click();
    await page
      .locator('.app-live')
      .getByText(/^Antrag .+ gebucht; zuständig: Hauptausschuss\.$/)
      .waitFor();
    const [requested] = (await procedure()).requests;
    await announced(`Antrag ${requested.requestId} gebucht; zuständig: Hauptausschuss.`);
    expect(requested).toMatchObject({ amount: '60000.00', competentBody: 'Hauptausschuss', justification: 'unabweisbar: Rechtsanspruch § 34', decision: null });
    expect(await seriousViolations(page)).toEqual([]);

    const decision = await step(`Entscheidung über ${requested.requestId} buchen`);
    await decision.getByText('Hauptausschuss', { exact: true }).waitFor();
    await decision.getByRole('textbox', { name: 'Zeichen des Beschlusses' }).fill('HA 2025/061');
    await decision.getByRole('button', { name: 'Entscheidung buchen' }).click();
    await announced(`Entscheidung über ${requested.requestId} gebucht.`);
    expect((await procedure()).requests[0].decision).toMatchObject({ body: 'Hauptausschuss', approved: true, decisionReference: 'HA 2025/061' });
    const requests = page.getByRole('table', { name: 'Anträge auf über- und außerplanmäßige Aufwendungen' });
    await requests.getByText(`bewilligt von Hauptausschuss am ${formatDate(todayInBerlin())} (HA 2025/061)`).waitFor();

    const report = await step('Sendung des Berichts an die Kämmerei buchen');
    await report.getByRole('textbox', { name: 'Zeichen des Berichts' }).fill('Vorlage 2025/KÄ-017');
    await report.getByRole('button', { name: 'Sendung buchen' }).click();
    await announced('Bericht an die Kämmerei (Vorlage 2025/KÄ-017) gebucht.');
    expect((await procedure()).kaemmereiReports).toEqual([expect.objectContaining({ reference: 'Vorlage 2025/KÄ-017' })]);

    const closing = await step('Überschreitungsverfahren abschließen');
    await closing.getByRole('textbox', { name: 'Ergebnis' }).fill('Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart');
    await closing.getByRole('button', { name: 'Verfahren abschließen' }).click();
    await announced('Überschreitungsverfahren abgeschlossen.');
    const closed = (await procedure()).closed;
    expect(closed).toEqual({ outcome: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart', closedOn: todayInBerlin() });
    await page.getByText(`Abgeschlossen am ${formatDate(closed.closedOn)}: ${closed.outcome}`).waitFor();
    // Closed: no step is offered any more.
    expect(await page.locator('summary').getByText('Steuerungsrunde buchen', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'controller-ueberschreitungsverfahren');
  });
  it('closes a month with its frozen figures, lists the work that blocks the year close with where it is resolved, and closes the year once it is done', async () => {
    const submitted = await expectStatus(
      as(t, 'provider', 'TR-E').post('/cases/UE-25-001/approvals/UE-25-001-B1/invoices', { serviceMonth: '2025-01', quantity: '31', invoiceNumber: 'RE-UE-1' }),
      201,
    );
    await t.settle();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Controlling des Jugendamts' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await page.goto(`${base}/app/#/sozialraum/HRO-UE/2025`);
    await page.getByRole('heading', { level: 2, name: 'Monats- und Jahresabschluss' }).waitFor();
    await page.getByText('Noch kein Monat abgeschlossen.').waitFor();

    // The first month not closed yet is offered.
    const month = await step('Monat abschließen');
    expect(await month.getByLabel('Monat', { exact: true }).inputValue()).toBe('2025-01');
    await month.getByRole('button', { name: 'Monat abschließen' }).dblclick();
    await page.getByText('Januar 2025 abgeschlossen.').waitFor();
    const [closed] = (await expectStatus(as(t, 'controller').get(`${steering}/month-closes`), 200)).body.items;
    expect(closed).toMatchObject({ month: '2025-01' });
    const row = page.getByRole('table', { name: 'Abgeschlossene Monate' }).getByRole('row').filter({ hasText: 'Januar 2025' });
    await row.getByRole('cell', { name: formatAmount(closed.forecast), exact: true }).waitFor();
    await row.getByRole('cell', { name: formatAmount(closed.budget), exact: true }).waitFor();

    // The invoice waits for its checks: the year close is refused, the list links to the case.
    const pending = page.getByRole('list', { name: 'Offene Arbeit des Haushaltsjahres' });
    await pending.getByText(new RegExp(`Rechnung ${submitted.body.invoiceId} des Falls UE-25-001`)).waitFor();
    expect(await pending.getByRole('link', { name: 'Fall UE-25-001 (Wirtschaftliche Jugendhilfe)' }).getAttribute('href')).toBe('#/faelle/UE-25-001');
    const close = await step('Haushaltsjahr abschließen');
    await close.getByRole('textbox', { name: 'Anlass' }).fill('Jahresabschluss 2025');
    await close.getByRole('button', { name: 'Haushaltsjahr abschließen' }).click();
    await close.getByRole('alert').waitFor();
    expect((await expectStatus(as(t, 'controller').get('/budgets/HRO-UE/2025'), 200)).body.status).toBe('open');
    expect(await seriousViolations(page)).toEqual([]);

    // Rejected, the invoice no longer blocks: reloaded, the list is empty and the year closes.
    await expectStatus(as(t, 'wiju').post(`/cases/UE-25-001/invoices/${submitted.body.invoiceId}/rejection`, { reason: 'Doppelt eingereicht' }), 200);
    await t.settle();
    await page.reload();
    await page.getByText('Keine offene Arbeit: Das Haushaltsjahr kann abgeschlossen werden.').waitFor();
    const again = await step('Haushaltsjahr abschließen');
    await again.getByRole('textbox', { name: 'Anlass' }).fill('Jahresabschluss 2025');
    await again.getByRole('button', { name: 'Haushaltsjahr abschließen' }).click();
    await page.getByText('Haushaltsjahr 2025 abgeschlossen.').waitFor();
    expect((await expectStatus(as(t, 'controller').get('/budgets/HRO-UE/2025'), 200)).body.status).toBe('closed');
    // Closed: the page says so and offers no close any more.
    await page.getByText('Das Haushaltsjahr 2025 ist abgeschlossen.').waitFor();
    expect(await page.locator('summary').getByText('Monat abschließen', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'controller-jahresabschluss');
  });
});
