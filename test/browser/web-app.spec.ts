import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeed } from '../../src/demo/demo-seed';
import { currentFiscalYear, formatAmount, formatDate, formatMonth, todayInBerlin } from '../../apps/web/src/format';
import { describeUnread } from '../../apps/web/src/notifications';
import { createTestApp, TestApp } from '../support/test-app';
import { CheckpointSigner } from '../../src/audit';
import { verifyOffline } from '../../libs/event-store/audit/offline-verification';
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
  /** When the test's own approval was not yet known: the moment the comparison looks back to. */
  let beforeApproval: string | undefined;

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

  const api = async (role: 'controller' | 'provider' | 'auditor', path: string, provider?: string) => {
    const token = await t.token({ role, provider });
    const res = await t.http().get(path).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const timelineTableButton = () => page.getByRole('region', { name: 'Verlauf der Hochrechnung' }).getByRole('button', { name: 'Daten als Tabelle' });

  const signIn = async (name: string) => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name }).click();
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
    await timelineTableButton().click();
    await page.getByRole('table', { name: new RegExp(`Verlauf der Hochrechnung ${year}`) }).waitFor();
    // The monthly Ist stacked by category, and the same figures as a table.
    const monthly = page.getByRole('region', { name: 'Ist je Monat nach Kategorie' });
    await monthly
      .getByRole('img', { name: /Ist je Monat/ })
      .locator('svg')
      .waitFor();
    await monthly.getByRole('button', { name: 'Daten als Tabelle' }).click();
    const booked = utilisation.monthlyActual.filter((m: { total: string }) => m.total !== '0.00');
    expect(booked.length).toBeGreaterThan(0);
    for (const month of booked) {
      const monthRow = monthly
        .getByRole('table', { name: `Ist je Monat ${year}` })
        .getByRole('row')
        .filter({ hasText: formatMonth(month.month) });
      await monthRow.getByText(formatAmount(month.total)).waitFor();
      await monthRow.getByText(formatAmount(month.FS)).first().waitFor();
    }
    // The Haushaltsüberwachungsliste, the providers' figures and the money beside the budget.
    const list = await api('controller', `/steering/HRO-TW/${year}/monitoring-list`);
    const summe = page
      .getByRole('table', { name: `Haushaltsüberwachungsliste ${year}` })
      .getByRole('row')
      .filter({ hasText: 'Summe' });
    await summe.getByText(formatAmount(list.total.ansatz)).first().waitFor();
    await summe.getByText(formatAmount(list.total.rest)).first().waitFor();
    await page
      .getByRole('table', { name: `Auslastung nach Träger ${year}` })
      .getByRole('row')
      .filter({ hasText: 'TR-E' })
      .filter({ hasText: (await api('controller', '/providers/TR-E')).name })
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Neben dem Budget' }).waitFor();
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

  it('shows, without a reload, the crossing of a threshold that an approval made through the API during the test causes', async () => {
    await signIn('Controlling des Jugendamts');
    await page.goto(`${base}/app/#/sozialraum/HRO-TW/${year}`);
    await timelineTableButton().click();
    const table = page.getByRole('table', { name: new RegExp(`Verlauf der Hochrechnung ${year}`) });
    await table.waitFor();

    // The approval is sized from today's figures so that it crosses the next threshold above them.
    const before = await api('controller', `/steering/HRO-TW/${year}/forecast-timeline`);
    const last = before.entries[before.entries.length - 1];
    const threshold = [100, 105, 110].find((p) => Number(last.pctOfBudget) < p);
    expect(threshold).toBeDefined();
    const today = todayInBerlin();
    const months = 12 - Number(today.slice(5, 7)) + 1;
    const needed = (Number(last.budget) * threshold!) / 100 - Number(last.forecast);
    const hoursPerMonth = String(Math.ceil(needed / 65 / months) + 1);
    const caseworker = await t.token({ role: 'caseworker' });
    beforeApproval = new Date().toISOString();
    const caseRef = `TW-${String(year).slice(2)}-901`;
    expect((await t.http().post('/cases').set('authorization', `Bearer ${caseworker}`).send({ caseRef, sozialraumId: 'HRO-TW' })).status).toBe(201);
    const granted = await t
      .http()
      .post(`/cases/${caseRef}/approvals`)
      .set('authorization', `Bearer ${caseworker}`)
      .send({ legalBasis: '31', providerId: 'TR-E', start: `${today.slice(0, 7)}-01`, end: `${year}-12-31`, bescheidDate: today, hoursPerMonth });
    expect(granted.status).toBe(201);
    await t.settle();

    // The open page asks again by itself: the new row with its crossing and the marker appear.
    const row = table.getByRole('row').filter({ hasText: caseRef });
    await row.getByText(`(${threshold}\u00a0%) überschritten`).waitFor({ timeout: 45_000 });
    await page
      .getByRole('region', { name: 'Verlauf der Hochrechnung' })
      .getByText(new RegExp(`Überschritten:.*\\(${threshold}\u00a0%\\)`))
      .waitFor();
    await screenshot(page, 'controller-schwelle-ueberschritten');
  }, 90_000);

  it('puts two Wissensstände side by side and marks the figures that changed between them', async () => {
    expect(beforeApproval).toBeDefined();
    const then = await api('auditor', `/steering/HRO-TW/${year}/utilisation?knownAt=${encodeURIComponent(beforeApproval!)}`);
    const now = await api('auditor', `/steering/HRO-TW/${year}/utilisation`);
    expect(then.forecast).not.toBe(now.forecast);
    await signIn('Rechnungsprüfungsamt');
    await page.goto(`${base}/app/#/sozialraum/HRO-TW/${year}?vergleich=${encodeURIComponent(beforeApproval!)}`);
    await page.getByRole('heading', { name: 'Vergleich der Wissensstände' }).waitFor();
    const table = page.getByRole('table', { name: `Vergleich der Auslastung ${year}` });
    const total = table.getByRole('row').filter({ hasText: 'Gesamt' });
    await total.getByText(formatAmount(now.forecast)).first().waitFor();
    await total.getByText(formatAmount(then.forecast)).first().waitFor();
    await page
      .getByText(/\d+ Zahlen? unterscheide/)
      .first()
      .waitFor();
    expect(await table.locator('mark').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pruefung-vergleich');
  });

  it.each([
    ['Fallsteuerung (ASD)', ['Übersicht', 'Fälle', 'Meldungen']],
    ['Wirtschaftliche Jugendhilfe 1', ['Übersicht', 'Meldungen', 'Rechnungen zur Prüfung']],
    ['Fachadministration', ['Übersicht']],
    ['Jugendhilfeverbund Nordost e.V.', ['Übersicht', 'Fälle', 'Flexible Mittel']],
    ['Rechnungsprüfungsamt', ['Übersicht', 'Meldungen', 'Ereignisprotokoll', 'Prüfkette']],
  ])('signs %s in and offers only the pages of that role', async (name, pages) => {
    await signIn(name);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const navigation = page
      .getByRole('navigation')
      .filter({ has: page.getByRole('link', { name: 'Übersicht' }) })
      .first();
    expect(await navigation.getByRole('link').allTextContents()).toEqual(pages);
    expect(await seriousViolations(page)).toEqual([]);
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

  it('lets the auditor browse the event log in commit order, filter it and open an event', async () => {
    await signIn('Rechnungsprüfungsamt');
    await page.getByRole('link', { name: 'Ereignisprotokoll' }).click();
    const table = page.getByRole('table', { name: /Ereignisse in Buchungsreihenfolge/ });
    await table.waitFor();
    const log = await api('auditor', '/audit/events?limit=100');
    const first = log.items[0];
    await table.getByRole('row').filter({ hasText: first.type }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pruefung-ereignisprotokoll');

    await page.getByLabel('Ereignistyp').fill('ApprovalGranted');
    await page.getByRole('button', { name: 'Filtern' }).click();
    const granted = await api('auditor', '/audit/events?limit=100&type=ApprovalGranted');
    expect(granted.items.length).toBeGreaterThan(0);
    await table.getByRole('row').filter({ hasText: 'ApprovalGranted' }).first().waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'BudgetAllocated' }).count()).toBe(0);
    await table.getByRole('button', { name: 'Inhalt anzeigen' }).first().click();
    await page.getByText(granted.items[0].eventHash).first().waitFor();
  });

  it('lets the auditor recompute the chain and download the export of every event', async () => {
    await signIn('Rechnungsprüfungsamt');
    await page.getByRole('link', { name: 'Prüfkette' }).click();
    await page.getByRole('button', { name: 'Prüfkette jetzt nachrechnen' }).click();
    await page.getByText('Die Prüfkette ist unverändert.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pruefung-pruefkette');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export herunterladen' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const exported = (
      await t
        .http()
        .get('/audit/export')
        .set('authorization', `Bearer ${await t.token({ role: 'auditor' })}`)
    ).text
      .split('\n')
      .filter(Boolean);
    expect(lines.length).toBe(exported.length);
    expect(lines[0]).toBe(exported[0]);
  });

  it('hands the auditor the checkpoints and the key, and the three files verify offline without the system', async () => {
    // A checkpoint over the log so far, as the interval would sign it an hour later.
    await t.catchUp();
    await t.app.get(CheckpointSigner).signDue(new Date(Date.now() + 2 * 3600_000));
    await t.catchUp();
    const [newest] = (await api('auditor', '/audit/checkpoints?limit=1')).items;
    const [key] = (await api('auditor', '/audit/public-keys')).items;
    await signIn('Rechnungsprüfungsamt');
    await page.getByRole('link', { name: 'Prüfkette' }).click();
    const figures = page.getByRole('definition').filter({ hasText: String(newest.treeSize) });
    await figures.first().waitFor();
    await page.getByRole('cell', { name: `${key.keyId} (aktuell)` }).waitFor();
    await page.getByLabel('Befehl der Prüfung außerhalb des Systems').getByText(`--public-key pruefschluessel-${key.keyId}.pem`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const fetch = async (button: string | RegExp) => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const file = await download;
      return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
    };
    const events = await fetch('Export herunterladen');
    const checkpoints = await fetch('Prüfpunkte herunterladen');
    const publicKey = await fetch(`pruefschluessel-${key.keyId}.pem herunterladen`);
    expect([checkpoints.name, publicKey.name]).toEqual(['pruefpunkte-HRO-JA.json', `pruefschluessel-${key.keyId}.pem`]);
    const report = await verifyOffline({
      lines: (async function* () {
        yield* events.text.split('\n').filter(Boolean);
      })(),
      checkpoints: [{ name: checkpoints.name, content: JSON.parse(checkpoints.text) }],
      publicKeys: [createPublicKey(publicKey.text)],
    });
    expect(report).toMatchObject({ ok: true, findings: [], problems: [] });
    expect(report.coveredEvents).toBeGreaterThanOrEqual(newest.treeSize);
    expect(report.appendSignatures.signedEvents).toBe(report.events);
  });

  it('verifies the three files in the browser without sending them anywhere, and names the changed position of a tampered export', async () => {
    const auditor = `Bearer ${await t.token({ role: 'auditor' })}`;
    const get = async (path: string) => {
      const res = await t
        .http()
        .get(path)
        .set('authorization', auditor)
        .buffer(true)
        .parse((r, done) => {
          let text = '';
          r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          r.on('end', () => done(null, text));
        });
      expect(res.status).toBe(200);
      return res.body as string;
    };
    const exported = await get('/audit/export');
    const checkpointText = await get('/audit/checkpoints/file');
    const [key] = (await api('auditor', '/audit/public-keys')).items;
    const folder = mkdtempSync(join(tmpdir(), 'sozialraum-pruefung-'));
    const files = {
      events: join(folder, 'ereignisse-HRO-JA.ndjson'),
      checkpoints: join(folder, 'pruefpunkte-HRO-JA.json'),
      key: join(folder, `pruefschluessel-${key.keyId}.pem`),
      tampered: join(folder, 'ereignisse-veraendert.ndjson'),
    };
    writeFileSync(files.events, exported);
    writeFileSync(files.checkpoints, checkpointText);
    writeFileSync(files.key, key.publicKeyPem);
    // One amount of an approval raised in the file, as someone with the export in hand might.
    const lines = exported.split('\n').filter(Boolean);
    const changedLeaf = lines.findIndex((line) => /"amount":"\d+\.\d{2}"/.test(line));
    const changed = JSON.parse(lines[changedLeaf]);
    lines[changedLeaf] = lines[changedLeaf].replace(/"amount":"(\d+)\.(\d{2})"/, '"amount":"9$1.$2"');
    writeFileSync(files.tampered, `${lines.join('\n')}\n`);

    const nodeReport = await verifyOffline({
      lines: (async function* () {
        yield* exported.split('\n').filter(Boolean);
      })(),
      checkpoints: [{ name: 'pruefpunkte-HRO-JA.json', content: JSON.parse(checkpointText) }],
      publicKeys: [createPublicKey(key.publicKeyPem)],
    });
    expect(nodeReport.ok).toBe(true);

    await signIn('Rechnungsprüfungsamt');
    await page.getByRole('link', { name: 'Prüfkette' }).click();
    const form = page.getByRole('form', { name: 'Dateien im Browser prüfen' });
    await form.getByRole('button', { name: 'Dateien prüfen' }).click();
    await page.getByText('Bitte den Export, mindestens eine Prüfpunktdatei, den öffentlichen Schlüssel auswählen.').waitFor();

    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    await form.getByLabel('Export (NDJSON)').setInputFiles(files.events);
    await form.getByLabel('Prüfpunktdateien').setInputFiles(files.checkpoints);
    await form.getByLabel('Öffentlicher Schlüssel').setInputFiles(files.key);
    await form.getByRole('button', { name: 'Dateien prüfen' }).click();
    await page.getByText(`Das Protokoll ist unverändert: ${nodeReport.events} Ereignisse passen`).waitFor();
    const figures = page.getByLabel('Ergebnis der Prüfung im Browser');
    const figure = (name: string) =>
      figures
        .locator('div')
        .filter({ has: page.getByRole('term').getByText(name, { exact: true }) })
        .getByRole('definition');
    expect(await figure('Ereignisse im Export').textContent()).toBe(String(nodeReport.events));
    expect(await figure('Geprüfte Buchungssignaturen').textContent()).toBe(String(nodeReport.appendSignatures.verifiedAppends));
    expect(await figure('Davon durch einen Prüfpunkt abgedeckt').textContent()).toBe(String(nodeReport.coveredEvents));
    expect(await figure('Wurzel-Hash des Exports').textContent()).toBe(`${nodeReport.rootHash.slice(0, 16)}…${nodeReport.rootHash.slice(-6)}`);
    await page.getByRole('table', { name: 'Signierte Prüfpunkte' }).getByRole('cell', { name: 'passt zum Export' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pruefung-im-browser');

    await form.getByLabel('Export (NDJSON)').setInputFiles(files.tampered);
    await form.getByRole('button', { name: 'Dateien prüfen' }).click();
    await page.getByText(`Das Protokoll weicht ab, zuerst an Position ${changed.position} (Blatt ${changedLeaf}).`).waitFor();
    await page.getByRole('list', { name: 'Befunde' }).getByText(`position ${changed.position} does not match the leaf`).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(sent).toEqual([]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the notifications of the steering, newest first', async () => {
    await signIn('Controlling des Jugendamts');
    await page.getByRole('link', { name: 'Meldungen', exact: true }).click();
    const notifications = await api('controller', '/notifications?limit=50');
    expect(notifications.items.length).toBeGreaterThan(0);
    await page
      .getByRole('table', { name: /Meldungen, neueste zuerst/ })
      .getByText(notifications.items[0].summary)
      .first()
      .waitFor();
    await page.getByText(/Zuletzt aktualisiert/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'controller-meldungen');
  });

  it('counts the unread notifications in the Übersicht and reads them when the Meldungen are opened', async () => {
    // A user no other test signs in as, so that nothing has been read yet.
    const wiju = `Bearer ${await t.token({ role: 'wiju', sub: 'wiju-2' })}`;
    const unread = async () => {
      const res = await t.http().get('/notifications/unread').set('authorization', wiju);
      expect(res.status).toBe(200);
      return res.body as { readUpTo: string | null; items: Array<{ sozialraumId: string; fiscalYear: number; unread: number }> };
    };
    const before = await unread();
    expect(before.readUpTo).toBeNull();
    const counted = before.items.filter((r) => r.fiscalYear === year);
    expect(counted.length).toBeGreaterThan(0);

    await signIn('Wirtschaftliche Jugendhilfe 2');
    await page.getByRole('columnheader', { name: 'Ungelesene Meldungen' }).waitFor();
    for (const { sozialraumId, unread: count } of counted) {
      await page
        .getByRole('row')
        .filter({ hasText: sozialraumId })
        .getByRole('link', { name: `${describeUnread(count)}, zu den Meldungen` })
        .waitFor();
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('row')
      .filter({ hasText: counted[0].sozialraumId })
      .getByRole('link', { name: /ungelesen/ })
      .click();
    const table = page.getByRole('table', { name: /Meldungen, neueste zuerst/ });
    await table.waitFor();
    // What was unread on arrival stays marked during the visit, though the mark has moved.
    expect(await table.getByText('ungelesen', { exact: true }).count()).toBeGreaterThan(0);
    let after = await unread();
    while (after.readUpTo === null) {
      await page.waitForTimeout(200);
      after = await unread();
    }
    const newest = (await t.http().get('/notifications?limit=50').set('authorization', wiju)).body.items
      .map((n: { position: string }) => BigInt(n.position))
      .reduce((a: bigint, b: bigint) => (a > b ? a : b));
    expect(after.readUpTo).toBe(newest.toString());
    expect(after.items).toEqual([]);

    await page.getByRole('link', { name: 'Übersicht' }).click();
    for (const { sozialraumId } of counted) {
      await page.getByRole('row').filter({ hasText: sozialraumId }).getByText(describeUnread(0)).waitFor();
    }
    await screenshot(page, 'wiju-uebersicht-gelesen');
  });
});
