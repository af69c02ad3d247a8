import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { run as ops } from '../../../apps/ops-cli/ops-cli';
import { verifyOffline } from '../../../libs/event-store/audit/offline-verification';
import { Capture } from '../../support/capture';
import { CheckpointSigner } from '../../../src/audit';
import { createTestApp, TestApp } from '../../support/test-app';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { openCaseWithSpfh, registerExampleMasterData, wiju } from '../cases/case-setup';

const CASE = 'PV-25-001';
const OTHER = 'PV-25-002';
const SECRET = {
  rateReason: 'Einzelvereinbarung wegen Diagnose F84.0',
  rejection: 'Doppelte Abrechnung, Mutter Erika Muster angerufen',
  note: 'Umzug der Familie Muster nach Schwerin',
};

/**
 * Free texts of a case are stored sealed with the case's key; the API shows them in clear to who
 * may see the case; `ops erase` deletes the key, after which every view shows "gelöscht" while
 * every figure, the audit log's hashes and the offline verification stay as they were. A legal
 * hold blocks the erasure; a retention dry run lists what a run would erase and erases nothing.
 */
describe('free texts sealed per case and erased by ops erase', () => {
  let t: TestApp;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const caseworker = () => as(t, 'caseworker');
  const auditor = () => as(t, 'auditor');

  const cli = async (argv: string[], env: Record<string, string> = {}) => {
    const io = { stdout: new Capture(), stderr: new Capture(false), env: { NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, AUDIT_SIGNING_KEY: pem, ...env } };
    const code = await ops(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  async function caseWithTexts(caseRef: string) {
    const approvalId = await openCaseWithSpfh(t, caseRef, 'HRO-PV', { rate: '70.00', rateReason: SECRET.rateReason });
    const submitted = await expectStatus(
      as(t, 'provider', 'TR-E').post(`/cases/${caseRef}/approvals/${approvalId}/invoices`, {
        serviceMonth: '2025-01',
        quantity: '20',
        invoiceNumber: `RE-${caseRef}`,
        businessDate: '2025-02-03',
      }),
      201,
    );
    const invoiceId = submitted.body.approvals[0].invoices[0].invoiceId;
    await expectStatus(
      wiju(t, 'wiju-1').post(`/cases/${caseRef}/invoices/${invoiceId}/rejection`, { reason: SECRET.rejection, businessDate: '2025-02-04' }),
      200,
    );
    await expectStatus(
      caseworker().post(`/cases/${caseRef}/approvals/${approvalId}/termination`, {
        reason: 'abbruch',
        effectiveEnd: '2025-06-30',
        note: SECRET.note,
        businessDate: '2025-05-10',
      }),
      200,
    );
    return { approvalId, invoiceId };
  }

  const figures = (view: any) =>
    view.approvals.map((a: any) => ({ years: a.years, status: a.status, invoices: a.invoices.map((i: any) => [i.amount, i.status]) }));

  async function exportVerifies() {
    await t.catchUp();
    // A checkpoint over everything so far, as the interval would sign it an hour later.
    await t.app.get(CheckpointSigner).signDue(new Date(Date.now() + 2 * 3600_000));
    await t.catchUp();
    const bearer = `Bearer ${await t.token({ role: 'auditor' })}`;
    const exported = await t.http().get('/audit/export').set('authorization', bearer);
    const file = await t.http().get('/audit/checkpoints/file').set('authorization', bearer);
    const lines = exported.text.trim().split('\n');
    return verifyOffline({
      lines: (async function* () {
        yield* lines;
      })(),
      checkpoints: [{ name: 'cp.json', content: file.body }],
      publicKeys: [createPublicKey(privateKey), publicKey],
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ AUDIT_SIGNING_KEY: pem });
    await registerExampleMasterData(t, 'HRO-PV', 'Datenschutz');
    await openBudget(t, 'HRO-PV', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    await caseWithTexts(CASE);
    await caseWithTexts(OTHER);
  }, 120_000);
  afterAll(async () => t?.close());

  it('stores every free text of the case sealed; the case page shows it in clear, the audit log as stored', async () => {
    const view = (await expectStatus(caseworker().get(`/cases/${CASE}`), 200)).body;
    const approval = view.approvals[0];
    expect(approval.rates[0].rateReason).toBe(SECRET.rateReason);
    expect(approval.invoices[0]).toMatchObject({ status: 'rejected', rejectionReason: SECRET.rejection });
    expect(approval.termination).toMatchObject({ reason: 'abbruch', note: SECRET.note });
    // The provider sees the rejection reason of its own invoice too.
    const own = (await expectStatus(as(t, 'provider', 'TR-E').get(`/cases/${CASE}`), 200)).body;
    expect(own.approvals[0].invoices[0].rejectionReason).toBe(SECRET.rejection);

    const { rows } = await t.db.query(`select data::text as data from es_events where tenant_id = 'HRO-JA'`);
    const stored = rows.map((r) => r.data).join('\n');
    for (const secret of Object.values(SECRET)) expect(stored).not.toContain(secret.split(' ').at(-1));
    expect(stored).toContain('sealed:v1:');
    const log = (await expectStatus(auditor().get(`/audit/events?streamId=HRO-JA/case/${CASE}&type=InvoiceRejected`), 200)).body.items;
    expect(log).toHaveLength(1);
    expect(log[0].data.reason).toMatch(/^sealed:v1:/);
  });

  it('is refused under a legal hold, then erases: "gelöscht" in every view, every figure and the verification unchanged', async () => {
    const before = (await expectStatus(caseworker().get(`/cases/${CASE}`), 200)).body;
    const verifiedBefore = await exportVerifies();
    expect({ findings: verifiedBefore.findings, problems: verifiedBefore.problems }).toEqual({ findings: [], problems: [] });

    const hold = await cli(['legal-hold', '--tenant', 'HRO-JA', '--case', CASE, '--reason', 'Widerspruchsverfahren anhängig', '--by', 'admin-1']);
    expect(hold.code).toBe(0);
    const refused = await cli(['erase', '--tenant', 'HRO-JA', '--case', CASE, '--reason', 'Löschantrag nach Art. 17 DSGVO', '--by', 'admin-1']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain(`case:${CASE} is under a legal hold`);
    expect(refused.stderr).toContain('Widerspruchsverfahren anhängig');
    expect((await expectStatus(caseworker().get(`/cases/${CASE}`), 200)).body.approvals[0].invoices[0].rejectionReason).toBe(SECRET.rejection);

    expect((await cli(['legal-hold', '--tenant', 'HRO-JA', '--case', CASE, '--reason', 'Verfahren abgeschlossen', '--by', 'admin-1', '--lift'])).code).toBe(0);
    const erased = await cli(['erase', '--tenant', 'HRO-JA', '--case', CASE, '--reason', 'Löschantrag nach Art. 17 DSGVO', '--by', 'admin-1']);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ subject: `case:${CASE}`, erased: true });
    // Erasing again changes nothing.
    expect(JSON.parse((await cli(['erase', '--tenant', 'HRO-JA', '--case', CASE, '--reason', 'noch einmal', '--by', 'admin-1'])).stdout)).toMatchObject({
      erased: false,
    });

    const after = (await expectStatus(caseworker().get(`/cases/${CASE}`), 200)).body;
    expect(after.approvals[0].rates[0].rateReason).toBe('gelöscht');
    expect(after.approvals[0].invoices[0].rejectionReason).toBe('gelöscht');
    expect(after.approvals[0].termination.note).toBe('gelöscht');
    expect(figures(after)).toEqual(figures(before));
    // The other case keeps its texts.
    expect((await expectStatus(caseworker().get(`/cases/${OTHER}`), 200)).body.approvals[0].invoices[0].rejectionReason).toBe(SECRET.rejection);

    // Recorded: who erased what and why, without the erased content.
    const privacy = (await expectStatus(auditor().get(`/audit/events?streamId=HRO-JA/privacy/case/${CASE}`), 200)).body.items;
    expect(privacy.map((e: any) => e.type)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'FreeTextsErased']);
    expect(privacy[2]).toMatchObject({
      data: { subject: `case:${CASE}`, reason: 'Löschantrag nach Art. 17 DSGVO', retentionClass: 'case' },
      actor: { userId: 'admin-1', role: 'admin' },
    });
    expect(JSON.stringify(privacy)).not.toContain('Muster');

    // Every leaf and signature of the events before still fits, the erasure's own events included.
    const verifiedAfter = await exportVerifies();
    expect(verifiedAfter).toMatchObject({ ok: true, findings: [], problems: [] });
    expect(verifiedAfter.events).toBeGreaterThan(verifiedBefore.events);

    // No new free text is taken for an erased case; nothing is written.
    const events = await t.eventCount();
    const rejectedAgain = await wiju(t, 'wiju-1').post(`/cases/${CASE}/invoices/${after.approvals[0].invoices[0].invoiceId}/rejection`, {
      reason: 'neuer Text',
    });
    expect(rejectedAgain.status).toBe(409);
    expect(rejectedAgain.body).toMatchObject({ type: '/problems/texts-erased' });
    expect(rejectedAgain.body.detail).toContain(`case:${CASE}`);
    expect(await t.eventCount()).toBe(events);
  });

  it("seals an activity's description and rejection reason under the activity's own key; erasing it leaves every other text", async () => {
    const base = '/budgets/HRO-PV/2025/activities';
    const report = (description: string) =>
      expectStatus(
        as(t, 'provider', 'TR-E').post(base, { category: 'FU', activityDate: '2025-05-10', amount: '500.00', description, businessDate: '2025-02-10' }),
        201,
      );
    const first = (await report('Ausflug mit den Kindern der Familie Muster')).body;
    const second = (await report('Stadtteilfest')).body;
    expect(first.description).toBe('Ausflug mit den Kindern der Familie Muster');
    await expectStatus(
      as(t, 'controller').post(`${base}/${first.activityId}/rejection`, { reason: 'Teilnehmerliste mit Namen', businessDate: '2025-02-11' }),
      200,
    );
    const { rows } = await t.db.query(`select data::text as data from es_events where stream_id = 'HRO-JA/budget/HRO-PV/2025'`);
    expect(rows.map((r) => r.data).join('\n')).not.toMatch(/Muster|Teilnehmerliste/);

    const erased = await cli([
      'erase',
      '--tenant',
      'HRO-JA',
      '--sozialraum',
      'HRO-PV',
      '--activity',
      first.activityId,
      '--reason',
      'Löschantrag',
      '--by',
      'admin-1',
    ]);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ subject: `activity:HRO-PV/${first.activityId}`, erased: true });
    const after = (await expectStatus(as(t, 'controller').get(`${base}/${first.activityId}`), 200)).body;
    expect(after).toMatchObject({ description: 'gelöscht', rejectionReason: 'gelöscht', status: 'rejected', requested: '500.00' });
    expect((await expectStatus(as(t, 'controller').get(`${base}/${second.activityId}`), 200)).body.description).toBe('Stadtteilfest');
    await t.catchUp();
    const listed = (await expectStatus(as(t, 'controller').get('/flexible-activities?fiscalYear=2025&limit=50'), 200)).body.items;
    expect(listed.find((a: any) => a.activityId === first.activityId && a.sozialraumId === 'HRO-PV')).toMatchObject({ description: 'gelöscht' });

    const unknown = await cli(['erase', '--tenant', 'HRO-JA', '--activity', first.activityId, '--reason', 'x', '--by', 'admin-1']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('--sozialraum is required');
  });

  it('lists in a retention dry run what a run would erase on a given day, and erases nothing', async () => {
    const early = JSON.parse((await cli(['retention', '--tenant', 'HRO-JA'])).stdout);
    expect(early).toMatchObject({ dryRun: true, due: [], held: [], erased: [] });
    await cli(['legal-hold', '--tenant', 'HRO-JA', '--case', OTHER, '--reason', 'Prüfung durch das Rechnungsprüfungsamt', '--by', 'admin-1']);
    const later = await cli(['retention', '--tenant', 'HRO-JA', '--today', '2040-01-01'], { RETENTION_CASE_TEXTS_YEARS: '10' });
    expect(later.code).toBe(0);
    const plan = JSON.parse(later.stdout);
    // The erased case and activity are not listed again; the other case is due but kept by its hold, the other activity is due.
    expect(plan).toMatchObject({ dryRun: true, today: '2040-01-01', erased: [] });
    expect(plan.due).toEqual([expect.objectContaining({ subject: 'activity:HRO-PV/AKT-2025-2', retentionClass: 'activity' })]);
    expect(plan.held).toEqual([expect.objectContaining({ subject: `case:${OTHER}`, retentionClass: 'case' })]);
    await cli(['legal-hold', '--tenant', 'HRO-JA', '--case', OTHER, '--reason', 'Prüfung beendet', '--by', 'admin-1', '--lift']);
    const unheld = JSON.parse((await cli(['retention', '--tenant', 'HRO-JA', '--today', '2040-01-01'])).stdout);
    expect(unheld.due).toEqual([
      expect.objectContaining({ subject: 'activity:HRO-PV/AKT-2025-2' }),
      expect.objectContaining({ subject: `case:${OTHER}`, erasableFrom: expect.stringMatching(/^203\d-/) }),
    ]);
    expect((await expectStatus(caseworker().get(`/cases/${OTHER}`), 200)).body.approvals[0].invoices[0].rejectionReason).toBe(SECRET.rejection);
    const bad = await cli(['retention', '--tenant', 'HRO-JA', '--today', 'tomorrow']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('--today must be a calendar date');
  });
});
