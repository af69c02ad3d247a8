import { run as ops } from '../../apps/ops-cli/ops-cli';
import { createTestApp, TestApp } from '../support/test-app';
import { Capture } from '../support/capture';

/** A rebuild says how far it is: on the operator's terminal, in a log, and through /ops/projections. */
describe('progress of a projection rebuild', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The API runs no consumers: the rebuild below is the only one at work, and a rebuild left
    // standing stays visible.
    t = await createTestApp({ RUN_PROJECTIONS: 'false' });
    const admin = `Bearer ${await t.token({ role: 'admin' })}`;
    for (let i = 1; i <= 12; i++) {
      expect(
        (
          await t
            .http()
            .post('/providers')
            .set('authorization', admin)
            .send({ providerId: `TR-P${i}`, name: `Träger ${i}` })
        ).status,
      ).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const run = async (argv: string[], isTTY: boolean) => {
    const io = { stdout: new Capture(), stderr: new Capture(isTTY), env: { NODE_ENV: 'test', DATABASE_URL: t.databaseUrl } };
    const code = await ops(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  it('writes done / total, rate and the time it took as lines into a log', async () => {
    const events = await t.eventCount();
    const result = await run(['rebuild', 'master-data-lists'], false);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^master-data-lists: ${events} events replayed in \\d+\\.\\d s$`, 'm'));
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(new RegExp(`^rebuild master-data-lists: 0 / ${events} events \\(0 %\\)`));
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^rebuild master-data-lists: ${events} / ${events} events \\(100 %\\), \\d+ events/s, done in `));
    expect(result.stderr).not.toContain('\r');
  });

  it('rewrites one line in place on a terminal', async () => {
    const result = await run(['rebuild', 'master-data-lists'], true);
    expect(result.code).toBe(0);
    expect(result.stderr.startsWith('\r\x1b[2Krebuild master-data-lists: 0 / ')).toBe(true);
    expect(result.stderr.endsWith(' s\n')).toBe(true);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('shows a rebuild under way in /ops/projections with events done of all', async () => {
    const events = await t.eventCount();
    const { rows } = await t.db.query(`select global_position, transaction_id::text as txid from es_events order by global_position limit 1 offset 4`);
    // Where an interrupted rebuild stands: five events replayed.
    await t.db.query(
      `insert into es_consumers (name, status, transaction_id, global_position) values ('utilisation', 'rebuilding', $1::text::xid8, $2)
       on conflict (name) do update set status = 'rebuilding', transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
      [rows[0].txid, rows[0].global_position],
    );
    const res = await t
      .http()
      .get('/ops/projections')
      .set('authorization', `Bearer ${await t.token({ role: 'admin' })}`);
    expect(res.status).toBe(200);
    const utilisation = res.body.find((p: any) => p.name === 'utilisation');
    expect(utilisation).toMatchObject({ status: 'rebuilding', rebuild: { done: 5, total: events }, lagEvents: events - 5 });
    expect(res.body.find((p: any) => p.name === 'master-data-lists')).toMatchObject({ status: 'live', rebuild: null });
  });
});
