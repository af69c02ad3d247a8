import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliIo, failureLine } from '../../libs/cli/cli';
import { Progress, ProgressOutput } from '../../libs/cli/progress';
import { createProcessLog } from '../../libs/config/app-logger';
import { loadConfig } from '../../libs/config/app-config';
import { provisionDatabase } from '../../libs/database/provision';
import { migrationStatus } from '../../libs/database/migrate';
import { createPool } from '../../libs/database/pool';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { schemaMigrations } from '../../src/schema';
import { WorkerModule } from '../worker/worker.module';
import { PG_POOL } from '../../libs/database/database.module';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { PRIVACY_COMMANDS, PRIVACY_USAGE, runPrivacyCommand } from './privacy-commands';

const USAGE = `Operations on the read models and on personal data in free text.

  npm run ops -- status
      Every projection with its checkpoint and lag.
  npm run ops -- rebuild <projection>|all
      Truncates the projection's tables and replays the event log into them. Resumable: an
      interrupted rebuild continues when started again. The audit chain is never rebuilt.
  npm run ops -- migrations status
      Every schema migration: applied (when, checksum), pending, changed since it was applied
      (the API and the worker refuse to start then), or unknown to this version. Applies nothing.
      Exit code 1 if one has changed.
${PRIVACY_USAGE}

Connects to DATABASE_URL, or to the embedded PostgreSQL of DATA_DIR (the one a running
npm start uses, or started for the call).`;

/** Exit codes: 0 done, 1 the call failed (one line on stderr), 2 unknown command (usage on stdout). */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await execute(argv, io);
  } catch (error) {
    io.stderr.write(`${failureLine(error)}\n`);
    return 1;
  }
}

async function execute(argv: string[], io: CliIo): Promise<number> {
  const [command, name] = argv;
  if (command === 'migrations' && name === 'status') return migrationsStatus(io);
  const privacy = (PRIVACY_COMMANDS as readonly string[]).includes(command) ? (command as (typeof PRIVACY_COMMANDS)[number]) : null;
  if (command !== 'status' && command !== 'rebuild' && !privacy) {
    io.stdout.write(`${USAGE}\n`);
    return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
  if (command === 'rebuild' && !name) throw new Error('name a projection (npm run ops -- status lists them) or "all"');
  const config = { ...loadConfig(io.env), runProjections: false };
  const database = await provisionDatabase(config, schemaMigrations, () => undefined);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database.url), { logger: createProcessLog('ops', 'warn', io.env).nest });
  } catch (error) {
    await database.stop();
    throw error;
  }
  try {
    if (privacy) return await runPrivacyCommand(privacy, argv.slice(1), io, app.get(PG_POOL), app.get(PostgresEventStore));
    const runner = app.get(ProjectionRunner);
    if (command === 'rebuild') {
      const known = runner.names();
      if (name !== 'all' && !known.includes(name)) throw new Error(`unknown projection "${name}": one of ${known.join(', ')} or "all"`);
      const names = name === 'all' ? runner.rebuildableNames() : [name];
      for (const projection of names) {
        const started = Date.now();
        // Progress on stderr: a terminal sees one line in place, a log a line every ten seconds.
        let progress: Progress | undefined;
        const events = await runner.rebuild(projection, (done, total) => {
          progress ??= new Progress({ label: `rebuild ${projection}`, total, output: io.stderr as ProgressOutput });
          progress.update(done);
        });
        progress?.finish(events);
        io.stdout.write(`${projection}: ${events} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
    }
    for (const s of await runner.status()) io.stdout.write(`${s.name.padEnd(24)} ${s.status.padEnd(10)} lag ${s.lagEvents} events\n`);
    return 0;
  } finally {
    await app.close();
    await database.stop();
  }
}

async function migrationsStatus(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const database = await provisionDatabase(config, schemaMigrations, () => undefined, { applyMigrations: false });
  const pool = createPool({ connectionString: database.url, max: 1 });
  try {
    const states = await migrationStatus(pool, schemaMigrations);
    for (const m of states) {
      const when = m.appliedAt ? m.appliedAt.toISOString() : '';
      io.stdout.write(`${m.id.padEnd(40)} ${m.state.padEnd(8)} ${when.padEnd(24)} ${m.checksum?.slice(0, 12) ?? ''}\n`);
    }
    const count = (state: string) => states.filter((m) => m.state === state).length;
    io.stdout.write(`${count('applied')} applied, ${count('pending')} pending, ${count('changed')} changed, ${count('unknown')} unknown\n`);
    return count('changed') > 0 ? 1 : 0;
  } finally {
    await pool.end();
    await database.stop();
  }
}
