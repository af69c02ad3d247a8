import { PoolClient } from 'pg';
import { MIGRATION_LOCK_KEY } from '../../../libs/database/migrate';
import { createTestApp, TestApp } from '../../support/test-app';

/** Liveness apart from readiness, as an orchestrator probes them: public, without a token. */
describe('liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  /** Asks until the answer's body fits; the conditions change in the database, not on a clock. */
  async function answerUntil(fits: (body: any) => boolean) {
    for (;;) {
      const res = await t.http().get('/health/ready');
      if (fits(res.body)) return res;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Asks until the answer has the status; the conditions change in the database, not on a clock. */
  async function readyUntil(status: number) {
    for (;;) {
      const res = await t.http().get('/health/ready');
      if (res.status === status) return res;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('is live and ready when the database answers and every projection is current', async () => {
    const live = await t.http().get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    await t.settle();
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, migrations: { status: 'up' }, projections: { status: 'up', maxLagSeconds: 120 } },
    });
  });

  it('is not ready while a process holds the migration lock, and ready again after', async () => {
    const client: PoolClient = await t.db.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const migrating = await readyUntil(503);
      expect(migrating.body).toMatchObject({ status: 'error', error: { migrations: { status: 'down', message: expect.stringContaining('migriert') } } });
      // Live all the same: a restart would not make the migration go faster.
      expect((await t.http().get('/health/live')).status).toBe(200);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      client.release();
    }
    await readyUntil(200);
  });

  it('is not ready while a projection is being rebuilt', async () => {
    // The consumer marks itself live again as soon as it sees it has caught up; holding its row
    // locked (after seeing the status committed) keeps that update waiting while readiness is asked.
    const client: PoolClient = await t.db.connect();
    try {
      for (;;) {
        await t.db.query(`update es_consumers set status = 'rebuilding' where name = 'utilisation'`);
        await client.query('begin');
        const { rows } = await client.query(`select status from es_consumers where name = 'utilisation' for update`);
        if (rows[0]?.status === 'rebuilding') break;
        await client.query('rollback');
      }
      const rebuilding = await answerUntil((body) => body.error?.projections?.rebuilding?.includes('utilisation'));
      expect(rebuilding.status).toBe(503);
      expect(rebuilding.body.error.projections).toMatchObject({ status: 'down', rebuilding: ['utilisation'] });
      await client.query(`update es_consumers set status = 'live' where name = 'utilisation'`);
      await client.query('commit');
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    // Whatever else the process is doing meanwhile, the rebuild no longer keeps it from being ready.
    const after = await answerUntil((body) => !body.error?.projections?.rebuilding?.includes('utilisation'));
    expect(after.body.details.projections.rebuilding ?? []).not.toContain('utilisation');
  });
});

describe('readiness with a projection behind the configured limit', () => {
  it('is not ready while the log has events older than READY_MAX_LAG_SECONDS that no projection processed', async () => {
    // No consumers run in this process: whatever is appended stays unprocessed.
    const t = await createTestApp({ RUN_PROJECTIONS: 'false', READY_MAX_LAG_SECONDS: '0' });
    try {
      const admin = `Bearer ${await t.token({ role: 'admin' })}`;
      expect((await t.http().post('/providers').set('authorization', admin).send({ providerId: 'TR-LAG', name: 'Träger im Rückstand' })).status).toBe(201);
      for (;;) {
        const res = await t.http().get('/health/ready');
        if (res.status === 503) {
          expect(res.body).toMatchObject({ error: { projections: { status: 'down', maxLagSeconds: 0, rebuilding: [] } } });
          expect(res.body.error.projections.behind).toContain('master-data-lists');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await t.close();
    }
  });
});
