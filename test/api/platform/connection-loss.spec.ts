import { Pool } from 'pg';
import { createPool } from '../../../libs/database/pool';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { createTestApp, TestApp } from '../../support/test-app';
import { openBudget, registerSozialraum } from '../flexible/flexible-setup';

/**
 * PostgreSQL ending connections (pg_terminate_backend, as on a restart, a failover or a network
 * cut) fails only the requests that used them, as a retryable 503, and the process stays up. An
 * unheard 'error' event of a pg client would be an uncaught exception and end this jest worker.
 */
describe('platform: connections lost under load', () => {
  let t: TestApp;
  let killer: Pool;
  let token: string;
  let sequence = 0;

  const subsidy = (purpose: string) => ({
    providerId: 'TR-E',
    category: 'FU',
    purpose,
    total: '10.00',
    instalments: [{ dueDate: '2025-06-01', amount: '10.00' }],
    businessDate: '2025-04-01',
  });
  const grant = (key: string, purpose: string) =>
    t.http().post('/budgets/HRO-CL/2025/subsidies').set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(subsidy(purpose));

  /** Ends every session of the application_name group (LIKE pattern) on the test database. */
  const terminate = async (group: string): Promise<number> =>
    (
      await killer.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name like $1 and pid <> pg_backend_pid()`,
        [group],
      )
    ).rowCount ?? 0;

  /** Terminates the group's sessions over and over until the work is done. */
  async function whileTerminating<T>(group: string, work: Promise<T>): Promise<{ result: T; terminated: number }> {
    let done = false;
    const finished = work.finally(() => {
      done = true;
    });
    let terminated = 0;
    while (!done) terminated += await terminate(group);
    return { result: await finished, terminated };
  }

  beforeAll(async () => {
    // Small pools: every terminated session is replaced, and the server is shared with other tests.
    t = await createTestApp({ DB_POOL_MAX: '4' });
    killer = createPool({ connectionString: (t.db as any).options.connectionString, max: 1, applicationName: 'connection-loss test' });
    token = await t.token({ role: 'controller', sub: 'controller-cl' });
    await registerSozialraum(t, 'HRO-CL', 'Verbindungsabbruch');
    await openBudget(t, 'HRO-CL', 2025, { FS: '100000.00', FUE: '20000.00', FU: '20000.00' });
  });
  afterAll(async () => {
    await killer?.end();
    await t?.close();
  });

  it.each([
    ['the idempotency key locks', 'sozialraum-budget idempotency'],
    ['the event store pool', 'sozialraum-budget'],
    ['the read-model (TypeORM) pool', 'sozialraum-budget read models'],
    ['the projection consumer leases', 'consumer:%'],
  ])('%s: failed requests answer 503 database-unavailable, a retry books exactly once, the app carries on', async (_name, group) => {
    const requests = Array.from({ length: 12 }, () => {
      sequence += 1;
      return { key: `cl-${sequence}`, purpose: `Verbindungsabbruch ${sequence}` };
    });
    const { result: answers, terminated } = await whileTerminating(group, Promise.all(requests.map((r) => grant(r.key, r.purpose))));
    expect(terminated).toBeGreaterThan(0);

    for (const answer of answers) {
      if (answer.status === 201) continue;
      expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 503, body: { type: '/problems/database-unavailable', retryable: true } });
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }

    // Retried with the same key once the database is reachable again: booked, or already booked
    // by the execution whose answer was lost; never twice.
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 201) continue;
      const retried = await grant(requests[i].key, requests[i].purpose);
      expect([201, 409]).toContain(retried.status);
      if (retried.status === 409) expect(retried.body.type).toBe('/problems/idempotent-request-applied');
    }
    const { rows } = await t.db.query(
      `select data->>'purpose' as purpose, count(*)::int as n from es_events
        where type = 'SubsidyGranted' and data->>'purpose' = any($1) group by 1`,
      [requests.map((r) => r.purpose)],
    );
    expect(rows.map((r) => r.n)).toEqual(requests.map(() => 1));

    // The projections caught up over the new connections and show every subsidy.
    await t.settle();
    const listed = await t.http().get('/subsidies?sozialraumId=HRO-CL&limit=200').set('authorization', `Bearer ${token}`);
    expect(listed.status).toBe(200);
    const purposes = new Set(listed.body.items.map((item: any) => item.purpose));
    for (const r of requests) expect(purposes.has(r.purpose)).toBe(true);
  });

  it('a projection whose lease connection was terminated takes the lease again and catches up', async () => {
    await t.settle();
    expect(await terminate('consumer:%')).toBeGreaterThan(0);
    sequence += 1;
    const purpose = `Nach dem Abbruch ${sequence}`;
    expect((await grant(`cl-${sequence}`, purpose)).status).toBe(201);
    // Every projection has to hold its lease again to pass the new event.
    await t.settle();
    const listed = await t.http().get('/subsidies?sozialraumId=HRO-CL&limit=200').set('authorization', `Bearer ${token}`);
    expect(listed.body.items.map((item: any) => item.purpose)).toContain(purpose);
    expect((await t.app.get(ProjectionRunner).status()).every((s) => s.lagEvents === 0)).toBe(true);
  });
});
