import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../libs/config/app-config';
import { loadOrCreateDevKeys, signDevToken } from '../../libs/auth/dev-signing-key';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { createApiApp } from '../../apps/api/app-factory';
import { DemoSeed } from '../../src/demo/demo-seed';
import { launchBrowser } from '../support/browser';
import { benchDatabase, machine, median, percentile, printTable } from './bench-support';

/**
 * How long the controller waits for the Sozialraum-year of the demo tenant: from the start of the
 * navigation (cold: a new browser context, nothing cached) until the forecast chart's line is drawn,
 * and, as the baseline of the same run, until the page heading stands (the app loaded, the first
 * answer of the API shown). Measured in the page with performance.now(), in Debian's Chromium.
 */
/** What the functions run in the page use of it (compiled here without the DOM's types). */
type PageGlobal = { document: { querySelector(selector: string): { textContent: string | null } | null } };

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function main(): Promise<void> {
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'sozialraum-bench-web-'));
  const keys = await loadOrCreateDevKeys(dataDir);
  const app = await createApiApp({
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '10000000' }),
    databaseUrl: db.url,
    devPublicKey: keys.publicKey,
    devKeys: keys,
    logger: false,
  });
  await app.init();
  await app.get(DemoSeed).seed();
  await app.get(ProjectionRunner).waitUntilCaughtUp(Infinity);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const token = await signDevToken(keys, { sub: 'controller-1', tenant: 'HRO-JA', roles: ['controller'], name: 'Controlling des Jugendamts' }, 3600);
  const session = {
    token,
    userId: 'controller-1',
    roles: ['controller'],
    tenant: 'HRO-JA',
    name: 'Controlling',
    expiresAt: Date.now() + 3_600_000,
    signedInWith: 'development',
  };
  const year = new Date().getFullYear();
  const browser = await launchBrowser();
  const heading: number[] = [];
  const chart: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
      // Signed in as the development sign-in leaves it, so that only the page itself is timed.
      // Strings run in the page: the benchmark is compiled without the DOM's types.
      await context.addInitScript(`sessionStorage.setItem('sozialraumbudget.session', ${JSON.stringify(JSON.stringify(session))})`);
      const page = await context.newPage();
      await page.goto(`${base}/app/#/sozialraum/HRO-TW/${year}`, { waitUntil: 'commit' });
      const headingAt = await (
        await page.waitForFunction(() =>
          (globalThis as unknown as PageGlobal).document.querySelector('h1')?.textContent?.includes('Haushaltsjahr') ? performance.now() : 0,
        )
      ).jsonValue();
      const chartAt = await (
        await page.waitForFunction(
          () => ((globalThis as unknown as PageGlobal).document.querySelector('[aria-label^="Diagramm: Hochrechnung"] svg path') ? performance.now() : 0),
          undefined,
          {
            polling: 'raf',
          },
        )
      ).jsonValue();
      await context.close();
      // The first run warms the server (its caches, the JIT), not the browser: it is not counted.
      if (run === 0) continue;
      heading.push(Number(headingAt));
      chart.push(Number(chartAt));
    }
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  printTable(`Sozialraum-year HRO-TW ${year} of the demo tenant, cold page loads, ${RUNS} runs (${machine(db.serverVersion)})`, [
    ['page heading shown (baseline), median', ms(median(heading))],
    ['page heading shown (baseline), p90', ms(percentile(heading, 90))],
    ['forecast chart drawn, median', ms(median(chart))],
    ['forecast chart drawn, p90', ms(percentile(chart, 90))],
    ['chart / baseline (median)', `${(median(chart) / median(heading)).toFixed(2)} ×`],
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
