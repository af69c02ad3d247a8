import 'reflect-metadata';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { createPool } from '../../libs/database/pool';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { LOG_START } from '../../libs/event-store/event-store.port';
import { verifyAuditChain } from '../../libs/event-store/audit/audit-verifier';
import { isIsoDate } from '../../libs/calendar';
import { Progress, ProgressOutput } from '../../libs/cli/progress';
import { CliIo, failureLine } from '../../libs/cli/cli';
import { schemaMigrations } from '../../src/schema';
import { streams } from '../../src/shared/stream-ids';
import { LedgerBook } from '../../src/steering/domain/ledger-book';
import { forecastTimeline, timelineJson } from '../../src/steering/domain/forecast-timeline';
import { toBookEvent } from '../../src/steering/replay/sozialraum-year-replay';
import { AuditLogQueries, loadAuditTrailConfig } from '../../src/audit';
import { publishedKey, signCheckpoint } from '../../libs/event-store/audit/audit-checkpoints';
import { checkpointFile } from '../../libs/event-store/audit/checkpoint-file';
import { viaClient } from '../../libs/event-store/audit/audit-tree';
import { CheckpointSource, verifyOffline } from '../../libs/event-store/audit/offline-verification';
import { publicKeysOfFile } from '../../libs/event-store/audit/public-key-file';
import { ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';

const USAGE = `Rechnungsprüfung: replay, verify and export the event log.

  npm run audit -- verify
      Recomputes the hash chain over every event; exit code 1 if an event was altered or removed.
  npm run audit -- replay --tenant HRO-JA --sozialraum HRO-TW --year 2025
                   [--as-of 2025-08-20] [--known-at 2025-08-20T18:00:00Z] [--known-at-position 1234]
                   [--view utilisation|monitoring-list|timeline]
      Folds the tenant's events straight from the log (no read model involved) and prints JSON.
  npm run audit -- export --tenant HRO-JA [--out events.ndjson]
      Writes the tenant's events with their hashes as NDJSON, in log order.
  npm run audit -- checkpoints --tenant HRO-JA [--out cp.json]
      Writes the tenant's signed checkpoints, the file the Rechnungsprüfung keeps.
  npm run audit -- checkpoint --tenant HRO-JA
      Signs a checkpoint of the tenant's audit tree now (e.g. to hand out at an audit).
  npm run audit -- public-key [--out key.pem]
      Writes the public key that checkpoints are signed with (key name and id on stderr).
  npm run audit -- verify-offline --export events.ndjson --checkpoints cp.json --public-key key.pem
      Needs no database and no secret: recomputes every leaf and root from the export, checks
      every signature and the consistency of successive checkpoints, and names the first position
      that does not fit; exit code 1 if anything does not. --checkpoints and --public-key may be
      given more than once (older files, earlier keys).

Connects to DATABASE_URL, or to the embedded PostgreSQL of DATA_DIR (the one a running
npm start uses, or started for the call); verify-offline and public-key connect to nothing.`;

const COMMANDS = ['verify', 'replay', 'export', 'checkpoints', 'checkpoint', 'public-key', 'verify-offline'];

/** Exit codes: 0 done, 1 the chain is broken or the export does not fit (verify, verify-offline), 2 the call failed (one line on stderr). */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await execute(argv, io);
  } catch (error) {
    io.stderr.write(`${failureLine(error)}\n`);
    return 2;
  }
}

async function execute(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    io.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) throw new Error(`unknown command "${command}": one of ${COMMANDS.join(', ')} (npm run audit -- help)`);
  if (command === 'verify-offline') return verifyExport(parseRepeatable(rest, ['checkpoints', 'public-key']), io);
  const args = parseArgs(rest);
  if (command === 'public-key') return writePublicKey(args, io);
  const config = loadConfig(io.env);
  const database = await provisionDatabase(config, schemaMigrations, () => undefined);
  const pool = createPool({ connectionString: database.url, max: 2 });
  const store = new PostgresEventStore(pool);
  try {
    switch (command) {
      case 'verify': {
        const progress = new Progress({ label: 'verify', total: await eventCount(pool), output: io.stderr as ProgressOutput });
        const report = await verifyAuditChain(pool, store, config.auditSealKey, undefined, (done) => progress.update(done));
        progress.finish();
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? 0 : 1;
      }
      case 'replay':
        return await replay(store, args, io, await eventCount(pool));
      case 'checkpoints':
        return await writeCheckpoints(pool, args, io);
      case 'checkpoint': {
        const trail = loadAuditTrailConfig(io.env);
        const tenant = required(args, 'tenant');
        // The checkpoint event is appended like any other: signed with the same key.
        const signing = new PostgresEventStore(pool, undefined, { signer: ed25519AppendSigner(trail.key.name, trail.key.privateKey) });
        const signed = await signCheckpoint(pool, signing, {
          tenantId: tenant,
          originPrefix: trail.originPrefix,
          key: trail.key,
          occasion: { kind: 'request', subject: null, cause: null },
        });
        if (!signed) throw new Error(`tenant ${tenant} has no audit tree yet: nothing to sign`);
        io.stdout.write(`${JSON.stringify(signed, null, 2)}\n`);
        return 0;
      }
      default:
        return await exportEvents(new AuditLogQueries(pool), args, io, (tenant) => eventCount(pool, tenant));
    }
  } finally {
    await pool.end();
    await database.stop();
  }
}

/** Events in the log (of one tenant): the total a progress line counts towards. */
async function eventCount(pool: ReturnType<typeof createPool>, tenantId?: string): Promise<number> {
  const { rows } = await pool.query('select count(*)::bigint as n from es_events where $1::text is null or tenant_id = $1', [tenantId ?? null]);
  return Number(rows[0].n);
}

async function tenantEvents(store: PostgresEventStore, tenantId: string, progress?: Progress) {
  const events = [];
  let read = 0;
  for (let checkpoint = LOG_START; ;) {
    const batch = await store.readAll({ after: checkpoint, batchSize: 5000 });
    if (batch.events.length === 0) {
      progress?.finish(read);
      return events;
    }
    read += batch.events.length;
    progress?.update(read);
    checkpoint = batch.checkpoint;
    events.push(...batch.events.filter((e) => e.metadata.tenantId === tenantId));
  }
}

async function replay(store: PostgresEventStore, args: Record<string, string>, io: CliIo, total: number): Promise<number> {
  const tenant = required(args, 'tenant');
  const sozialraum = required(args, 'sozialraum');
  const yearArg = required(args, 'year');
  if (!/^\d{4}$/.test(yearArg)) throw new Error(`--year must be a year YYYY, got "${yearArg}"`);
  const year = Number(yearArg);
  if (args['as-of'] && !isIsoDate(args['as-of'])) throw new Error('--as-of must be a date YYYY-MM-DD');
  if (args['known-at'] && Number.isNaN(Date.parse(args['known-at']))) throw new Error('--known-at must be a timestamp such as 2025-08-20T18:00:00Z');
  if (args['known-at-position'] && !/^\d+$/.test(args['known-at-position'])) throw new Error('--known-at-position must be a log position (a whole number)');
  if (args.view && !['utilisation', 'monitoring-list', 'timeline'].includes(args.view))
    throw new Error('--view must be utilisation, monitoring-list or timeline');
  const view = {
    asOf: args['as-of'],
    knownAt: args['known-at'] ? new Date(args['known-at']) : undefined,
    knownAtPosition: args['known-at-position'] ? BigInt(args['known-at-position']) : undefined,
  };
  const stored = await tenantEvents(store, tenant, new Progress({ label: 'replay: read the log', total, output: io.stderr as ProgressOutput }));
  // A mistyped id would otherwise print a year of zeros with exit code 0.
  if (stored.length === 0) throw new Error(`tenant ${tenant} has no events in this event log`);
  if ((await store.streamVersion(streams.sozialraum(tenant, sozialraum))) === null) {
    throw new Error(`Sozialraum ${sozialraum} is not registered in tenant ${tenant}`);
  }
  const events = stored.map(toBookEvent);
  const book = LedgerBook.fold(sozialraum, year, events, view);
  const output =
    args.view === 'monitoring-list'
      ? book.monitoringList()
      : args.view === 'timeline'
        ? timelineJson(forecastTimeline(sozialraum, year, events, view).filter((e) => !view.asOf || e.businessDate <= view.asOf))
        : book.utilisation();
  io.stdout.write(
    `${JSON.stringify({ view: { ...view, knownAtPosition: view.knownAtPosition?.toString() }, eventsFolded: book.eventsApplied, result: output }, null, 2)}\n`,
  );
  return 0;
}

/**
 * The same lines as GET /audit/export, from the same code (AuditLogQueries.exportLines): one
 * repeatable-read snapshot of the tenant's log, streamed, never held in memory as a whole.
 */
async function exportEvents(log: AuditLogQueries, args: Record<string, string>, io: CliIo, countOf: (tenant: string) => Promise<number>): Promise<number> {
  const tenant = required(args, 'tenant');
  const progress = new Progress({ label: `export ${tenant}`, total: await countOf(tenant), output: io.stderr as ProgressOutput });
  const lines = log.exportLines(tenant);
  // Checked before the file is opened, so a mistyped tenant leaves no empty export behind.
  const first = await lines.next();
  if (first.done) throw new Error(`tenant ${tenant} has no events in this event log: nothing exported`);
  const file = args.out ? createWriteStream(args.out, { encoding: 'utf8' }) : undefined;
  const out = file ?? io.stdout;
  if (file) await once(file, 'open');
  let count = 0;
  for (let line: IteratorResult<string> = first; !line.done; line = await lines.next()) {
    if (!out.write(line.value) && file) await once(file, 'drain');
    count++;
    progress.update(count);
  }
  progress.finish(count);
  if (file) {
    await new Promise<void>((resolve, reject) => {
      file.once('error', reject);
      file.end(resolve);
    });
  }
  io.stderr.write(`exported ${count} events of ${tenant}\n`);
  return 0;
}

async function writeCheckpoints(pool: ReturnType<typeof createPool>, args: Record<string, string>, io: CliIo): Promise<number> {
  const tenant = required(args, 'tenant');
  const file = await checkpointFile(viaClient(pool), tenant);
  if (!file) throw new Error(`tenant ${tenant} has no signed checkpoint yet: nothing written`);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  else io.stdout.write(text);
  io.stderr.write(
    `wrote ${file.checkpoints.length} checkpoints of ${tenant}, the newest of tree size ${file.checkpoints[file.checkpoints.length - 1].treeSize}\n`,
  );
  return 0;
}

function writePublicKey(args: Record<string, string>, io: CliIo): number {
  const trail = loadAuditTrailConfig(io.env);
  const key = publishedKey(trail.key);
  if (args.out) writeFileSync(args.out, key.publicKeyPem);
  else io.stdout.write(key.publicKeyPem);
  io.stderr.write(`key name ${key.name}, key id ${key.keyId}, verifier key ${key.verifierKey}\n`);
  return 0;
}

async function verifyExport(args: Record<string, string[]>, io: CliIo): Promise<number> {
  const [exportPath] = requiredAll(args, 'export');
  const publicKeys = requiredAll(args, 'public-key').flatMap((path) => publicKeysOfFile(path, readFileSync(path, 'utf8')));
  const checkpoints: CheckpointSource[] = requiredAll(args, 'checkpoints').map((path) => {
    try {
      return { name: path, content: JSON.parse(readFileSync(path, 'utf8')) };
    } catch (error) {
      throw new Error(`${path} is not a JSON file of checkpoints: ${(error as Error).message}`, { cause: error });
    }
  });
  const input = createReadStream(exportPath, { encoding: 'utf8' });
  await once(input, 'open');
  const report = await verifyOffline({ lines: createInterface({ input, crlfDelay: Infinity }), checkpoints, publicKeys });
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}

function requiredAll(args: Record<string, string[]>, name: string): string[] {
  if (!args[name]?.length) throw new Error(`--${name} is required`);
  return args[name];
}

/** --name value pairs; the names given may repeat. */
function parseRepeatable(argv: string[], repeatable: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`expected --name value pairs, got ${argv.slice(i).join(' ')}`);
    const name = argv[i].slice(2);
    if (out[name] && !repeatable.includes(name)) throw new Error(`--${name} is given twice`);
    (out[name] ??= []).push(argv[i + 1]);
  }
  return out;
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
