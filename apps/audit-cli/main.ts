import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { createPool } from '../../libs/database/pool';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { LOG_START } from '../../libs/event-store/event-store.port';
import { eventHash } from '../../libs/event-store/audit/audit-chain';
import { verifyAuditChain } from '../../libs/event-store/audit/audit-verifier';
import { isIsoDate } from '../../libs/calendar';
import { schemaMigrations } from '../../src/schema';
import { LedgerBook } from '../../src/steering/domain/ledger-book';
import { forecastTimeline, timelineJson } from '../../src/steering/domain/forecast-timeline';
import { toBookEvent } from '../../src/steering/replay/sozialraum-year-replay';

const USAGE = `Rechnungsprüfung: replay, verify and export the event log.

  npm run audit -- verify
      Recomputes the hash chain over every event; exit code 1 if an event was altered or removed.
  npm run audit -- replay --tenant HRO-JA --sozialraum HRO-TW --year 2025
                   [--as-of 2025-08-20] [--known-at 2025-08-20T18:00:00Z] [--known-at-position 1234]
                   [--view utilisation|monitoring-list|timeline]
      Folds the tenant's events straight from the log (no read model involved) and prints JSON.
  npm run audit -- export --tenant HRO-JA [--out events.ndjson]
      Writes the tenant's events with their hashes as NDJSON, in log order.

Connects to DATABASE_URL, or starts the embedded PostgreSQL of DATA_DIR (the API must be stopped).`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const args = parseArgs(rest);
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const database = await provisionDatabase(config, schemaMigrations, () => undefined);
  const pool = createPool({ connectionString: database.url, max: 2 });
  const store = new PostgresEventStore(pool);
  try {
    switch (command) {
      case 'verify': {
        const report = await verifyAuditChain(pool, store, config.auditSealKey);
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? 0 : 1;
      }
      case 'replay':
        return await replay(store, args);
      case 'export':
        return await exportEvents(store, args);
      default:
        process.stderr.write(`unknown command ${command}\n\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await pool.end();
    await database.stop();
  }
}

async function tenantEvents(store: PostgresEventStore, tenantId: string) {
  const events = [];
  for (let checkpoint = LOG_START; ; ) {
    const batch = await store.readAll({ after: checkpoint, batchSize: 5000 });
    if (batch.events.length === 0) return events;
    checkpoint = batch.checkpoint;
    events.push(...batch.events.filter((e) => e.metadata.tenantId === tenantId));
  }
}

async function replay(store: PostgresEventStore, args: Record<string, string>): Promise<number> {
  const tenant = required(args, 'tenant');
  const sozialraum = required(args, 'sozialraum');
  const year = Number(required(args, 'year'));
  if (args['as-of'] && !isIsoDate(args['as-of'])) throw new Error('--as-of must be a date YYYY-MM-DD');
  const view = {
    asOf: args['as-of'],
    knownAt: args['known-at'] ? new Date(args['known-at']) : undefined,
    knownAtPosition: args['known-at-position'] ? BigInt(args['known-at-position']) : undefined,
  };
  const events = (await tenantEvents(store, tenant)).map(toBookEvent);
  const book = LedgerBook.fold(sozialraum, year, events, view);
  const output =
    args.view === 'monitoring-list'
      ? book.monitoringList()
      : args.view === 'timeline'
        ? timelineJson(forecastTimeline(sozialraum, year, events, view).filter((e) => !view.asOf || e.businessDate <= view.asOf))
        : book.utilisation();
  process.stdout.write(`${JSON.stringify({ view: { ...view, knownAtPosition: view.knownAtPosition?.toString() }, eventsFolded: book.eventsApplied, result: output }, null, 2)}\n`);
  return 0;
}

async function exportEvents(store: PostgresEventStore, args: Record<string, string>): Promise<number> {
  const tenant = required(args, 'tenant');
  const out = args.out ? createWriteStream(args.out, { encoding: 'utf8' }) : process.stdout;
  let count = 0;
  for (const event of await tenantEvents(store, tenant)) {
    const line = { ...event, globalPosition: event.globalPosition.toString(), transactionId: event.transactionId.toString(), recordedAt: event.recordedAt.toISOString(), hash: eventHash(event) };
    out.write(`${JSON.stringify(line)}\n`);
    count++;
  }
  if (out !== process.stdout) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  process.stderr.write(`exported ${count} events of ${tenant}\n`);
  return 0;
}

function required(args: Record<string, string>, name: string): string {
  if (!args[name]) throw new Error(`--${name} is required`);
  return args[name];
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`expected --name value pairs, got ${argv.slice(i).join(' ')}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
