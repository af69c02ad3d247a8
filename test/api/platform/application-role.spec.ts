import { Client } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { loadConfig } from '../../../libs/config/app-config';
import { provisionDatabase } from '../../../libs/database/provision';
import { createPool } from '../../../libs/database/pool';
import { quoteIdent } from '../../../libs/database/embedded-postgres';
import { schemaMigrations } from '../../../src/schema';
import { createTestApp, TestApp } from '../../support/test-app';
import { TEST_SERVER_URL } from '../../support/test-server';
import { as, expectStatus } from '../flexible/flexible-client';
import { openBudget } from '../flexible/flexible-setup';
import { invoiceAndPay, openCaseWithSpfh, registerExampleMasterData } from '../cases/case-setup';

/**
 * The API as production runs it: logged in as a member of the application's role sozialraum_app,
 * which appends to the event tables only through es_append; the schema owner only migrates
 * (DATABASE_MIGRATION_URL). Every booking works, every direct write to the event tables is refused.
 */
describe('the API logged in as a member of the application role', () => {
  const login = { user: `sozialraum_api_${process.pid}_${Date.now()}`, password: `pw-${Date.now()}` };
  let admin: Client;
  let t: TestApp;

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env[TEST_SERVER_URL] });
    await admin.connect();
    await admin.query(`create role ${quoteIdent(login.user)} login password '${login.password}' in role sozialraum_app`);
    t = await createTestApp({}, { connectAs: login });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await admin?.query(`drop role if exists ${quoteIdent(login.user)}`).catch(() => undefined);
    await admin?.end();
  });

  it('books a case from approval to payment and answers the figures, appending only through es_append', async () => {
    await registerExampleMasterData(t, 'HRO-AR', 'Anwendungsrolle');
    await openBudget(t, 'HRO-AR', 2025, { FS: '130000.00', FUE: '30000.00', FU: '40000.00' });
    const approvalId = await openCaseWithSpfh(t, 'AR-25-001', 'HRO-AR');
    const paid = await invoiceAndPay(t, 'AR-25-001', approvalId, 'TR-E', '2025-01', '20', { submitted: '2025-02-03' });
    expect(paid.approvals[0].years[0]).toMatchObject({ actual: '1300.00' });
    await t.settle();
    const utilisation = await expectStatus(as(t, 'controller').get('/steering/HRO-AR/2025/utilisation'), 200);
    expect(utilisation.body.actual).toBe('1300.00');

    const pool = t.app.get(PG_POOL);
    const { rows } = await pool.query('select session_user::text as login, pg_has_role(session_user, $1, $2) as member', ['sozialraum_app', 'member']);
    expect(rows[0]).toEqual({ login: login.user, member: true });
    for (const statement of [
      `insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata)
         values (pg_current_xact_id(), gen_random_uuid(), 'HRO-JA/case/AR-25-001', 99, 'HRO-JA', 'PaymentOrdered', 1, '{}', '{}')`,
      `update es_streams set version = version + 1 where stream_id = 'HRO-JA/case/AR-25-001'`,
      'delete from es_events',
    ]) {
      await expect(pool.query(statement)).rejects.toMatchObject({ code: '42501' });
    }
    const signed = await t.db.query(
      `select count(*)::int as n, count(append_signature)::int as signed from es_events where stream_id = 'HRO-JA/case/AR-25-001'`,
    );
    expect(signed.rows[0].n).toBeGreaterThan(3);
    expect(signed.rows[0].signed).toBe(signed.rows[0].n);
  });

  it('applies migrations as the user of DATABASE_MIGRATION_URL, which the application login could not', async () => {
    const ownerUrl = t.databaseUrl;
    const loginUrl = new URL(ownerUrl);
    loginUrl.username = login.user;
    loginUrl.password = login.password;
    const extra = [...schemaMigrations, { id: '9999_test_owner_only', sql: 'create table application_role_probe (id int primary key)' }];
    const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

    await expect(provisionDatabase(config({ DATABASE_URL: loginUrl.toString() }), extra, () => undefined)).rejects.toThrow(/permission denied|must be owner/);

    const lines: string[] = [];
    const provisioned = await provisionDatabase(config({ DATABASE_URL: loginUrl.toString(), DATABASE_MIGRATION_URL: ownerUrl }), extra, (line) =>
      lines.push(line),
    );
    expect(provisioned.url).toBe(loginUrl.toString());
    expect(lines).toContain('Applied migrations (as the user of DATABASE_MIGRATION_URL): 9999_test_owner_only');
    // Tables of later migrations get the application role's rights by default.
    const asLogin = createPool({ connectionString: loginUrl.toString(), max: 1 });
    try {
      await asLogin.query('insert into application_role_probe values (1)');
      expect((await asLogin.query('select count(*)::int as n from application_role_probe')).rows[0].n).toBe(1);
    } finally {
      await asLogin.end();
    }
    expect(() => config({ DATABASE_MIGRATION_URL: ownerUrl })).toThrow('DATABASE_MIGRATION_URL is set: DATABASE_URL is required too');
  });
});
