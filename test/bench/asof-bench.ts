import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../libs/config/app-config';
import { loadOrCreateDevKeys, signDevToken } from '../../libs/auth/dev-signing-key';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { createApiApp } from '../../apps/api/app-factory';
import { benchDatabase, machine, median, percentile, printTable } from './bench-support';

/**
 * Steering figures of one Sozialraum-year with about 10,000 events, read from the projection and
 * replayed from the event log as of a business date (asOf) and as known at a moment (knownAt).
 * The year is built through the API: approvals and every monthly invoice with its four-eyes
 * verification and payment order.
 */
const CASES = Number(process.env.BENCH_CASES ?? 160);

async function main(): Promise<void> {
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'sozialraum-bench-'));
  const keys = await loadOrCreateDevKeys(dataDir);
  const app = await createApiApp({
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '10000000' }),
    databaseUrl: db.url,
    devPublicKey: keys.publicKey,
    logger: false,
  });
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  const tokens = new Map<string, string>();
  const token = async (role: string, sub = role, provider?: string) => {
    const key = `${role}/${sub}/${provider}`;
    if (!tokens.has(key)) tokens.set(key, await signDevToken(keys, { sub, tenant: 'HRO-JA', roles: [role as any], provider }));
    return tokens.get(key)!;
  };
  const call = async (role: string, method: 'GET' | 'POST', url: string, payload?: object, sub?: string) => {
    const res = await fastify.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${await token(role, sub ?? role, role === 'provider' ? 'TR-E' : undefined)}` },
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  try {
    await call('admin', 'POST', '/providers', { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' });
    await call('admin', 'POST', '/providers/TR-E/rate-agreements', { legalBasis: '31', rateType: 'hourly', amount: '65.00', validFrom: '2024-01-01' });
    await call('admin', 'POST', '/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', validFrom: '2024-01-01' });
    await call('admin', 'POST', '/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: [], effectiveFrom: '2024-01-01' });
    await call('controller', 'POST', '/budgets', {
      sozialraumId: 'HRO-TW',
      fiscalYear: 2025,
      planned: { FS: '2000000.00', FUE: '30000.00', FU: '40000.00' },
      reason: 'Haushalt',
      businessDate: '2024-12-10',
    });
    await call('controller', 'POST', '/budgets/HRO-TW/2025/opening', { reason: 'offen', businessDate: '2025-01-01' });

    const built = Date.now();
    let knownAtMidYear = '';
    for (let month = 1; month <= 12; month++) {
      const m = `2025-${String(month).padStart(2, '0')}`;
      if (month === 1) {
        for (let c = 1; c <= CASES; c++) {
          const ref = `TW-25-${String(c).padStart(3, '0')}`;
          await call('caseworker', 'POST', '/cases', { caseRef: ref, sozialraumId: 'HRO-TW' });
          await call('caseworker', 'POST', `/cases/${ref}/approvals`, {
            legalBasis: '31',
            providerId: 'TR-E',
            start: '2025-01-01',
            end: '2025-12-31',
            bescheidDate: '2024-12-15',
            hoursPerMonth: String(10 + (c % 20)),
          });
        }
      }
      const next = month === 12 ? '2026-01-05' : `2025-${String(month + 1).padStart(2, '0')}-05`;
      for (let c = 1; c <= CASES; c++) {
        const ref = `TW-25-${String(c).padStart(3, '0')}`;
        const hours = String(Math.max(1, 10 + (c % 20) - (c % 3)));
        const invoice = await call('provider', 'POST', `/cases/${ref}/approvals/${ref}-B1/invoices`, {
          serviceMonth: m,
          quantity: hours,
          invoiceNumber: `RE-${m}-${c}`,
          businessDate: next,
        });
        const id = invoice.approvals[0].invoices.at(-1).invoiceId;
        await call('wiju', 'POST', `/cases/${ref}/invoices/${id}/verifications`, { step: 'sachlich-richtig', businessDate: next }, 'wiju-1');
        await call('wiju', 'POST', `/cases/${ref}/invoices/${id}/verifications`, { step: 'rechnerisch-richtig', businessDate: next }, 'wiju-2');
        await call('wiju', 'POST', `/cases/${ref}/invoices/${id}/payment-order`, { businessDate: next }, 'wiju-2');
      }
      if (month === 6) knownAtMidYear = new Date().toISOString();
    }
    await app.get(ProjectionRunner).waitUntilCaughtUp(300_000);
    const buildSeconds = (Date.now() - built) / 1000;
    // Two per case (case, approval) and four per invoice (submission, two verifications, payment order).
    const commands = CASES * 2 + CASES * 12 * 4;
    const events = Number((await db.pool.query(`select count(*) from ledger_entries where sozialraum_id = 'HRO-TW' and fiscal_year = 2025`)).rows[0].count);
    const all = Number((await db.pool.query('select count(*) from es_events')).rows[0].count);

    const measure = async (url: string, runs = 15) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        await call('controller', 'GET', url);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return times;
    };
    const base = '/steering/HRO-TW/2025';
    const readModel = await measure(`${base}/utilisation`);
    const asOf = await measure(`${base}/utilisation?asOf=2025-06-30`);
    const knownAt = await measure(`${base}/utilisation?knownAt=${encodeURIComponent(knownAtMidYear)}`);
    const monitoringNow = await measure(`${base}/monitoring-list`);
    const monitoring = await measure(`${base}/monitoring-list?asOf=2025-09-30`);
    const timeline = await measure(`${base}/forecast-timeline`);
    const timelineKnownAt = await measure(`${base}/forecast-timeline?knownAt=${encodeURIComponent(knownAtMidYear)}`);
    const fmt = (t: number[]) => `median ${median(t).toFixed(0)} ms, p95 ${percentile(t, 95).toFixed(0)} ms`;

    console.log(`Steering as-of benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine(db.serverVersion)}`);
    printTable(
      `One Sozialraum-year: ${CASES} approvals, ${CASES * 12} invoices paid; ${all.toLocaleString('en')} events in the log (built through the API in ${buildSeconds.toFixed(0)} s, ${events.toLocaleString('en')} ledger lines)`,
      [
        ['utilisation from the read model', fmt(readModel)],
        ['utilisation asOf 2025-06-30 (replayed from the log)', fmt(asOf)],
        ['utilisation knownAt mid-year (replayed from the log)', fmt(knownAt)],
        ['Haushaltsüberwachungsliste from the read model', fmt(monitoringNow)],
        ['Haushaltsüberwachungsliste asOf 2025-09-30 (replayed)', fmt(monitoring)],
        ['forecast timeline from its change rows (read model)', fmt(timeline)],
        ['forecast timeline knownAt mid-year (replayed)', fmt(timelineKnownAt)],
      ],
    );
    printTable('Ratios', [
      ['asOf replay vs read model, utilisation (median)', `${(median(asOf) / median(readModel)).toFixed(1)} ×`],
      ['knownAt replay vs read model, timeline (median)', `${(median(timelineKnownAt) / median(timeline)).toFixed(1)} ×`],
      ['commands per second while building the year', `${(commands / buildSeconds).toFixed(0)}`],
    ]);
  } finally {
    await app.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
