import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CliIo } from '../../libs/cli/cli';
import { run as audit } from '../../apps/audit-cli/audit-cli';
import { createTestDatabase, TestDatabase } from '../support/test-server';
import { AuditLog } from './audit-log-fixture';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * The Rechnungsprüfung's round with the CLI alone: the operator signs a checkpoint and hands out
 * the public key, the checkpoint file and an export; verify-offline then needs none of the system.
 */
describe('audit CLI: checkpoints, public key and offline verification', () => {
  let database: TestDatabase;
  let log: AuditLog;
  let folder: string;
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  const call = async (argv: string[], env: NodeJS.ProcessEnv) => {
    const io: CliIo & { stdout: Capture; stderr: Capture } = { stdout: new Capture(), stderr: new Capture(), env };
    const code = await audit(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text.split('\n').filter(Boolean) };
  };
  // The key as an operator puts it into a .env file: one line, the breaks written as \n.
  const onTestDb = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n'),
    AUDIT_LOG_ORIGIN: 'jugendamt.example/audit',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    // The application's appends, signed with the key the operator configured for the CLI too.
    log = new AuditLog(database.url, { name: 'jugendamt.example/audit', privateKey });
    for (let i = 0; i < 5; i++) await log.append('HRO-JA', 'HRO-JA/budget/HRO-TW/2025', 'BudgetAmended', { amount: `${i}.00` });
    // One append of two events: one signature over both.
    const metadata = {
      tenantId: 'HRO-JA',
      actor: { userId: 'wiju-1', role: 'wiju', organisationId: 'HRO-JA' },
      correlationId: 'c-2',
      businessDate: '2025-02-03',
    };
    await log.store.append(
      'HRO-JA/case/TW-25-001',
      [
        { type: 'InvoiceVerified', data: { invoiceId: 'R-1', amount: '700.00' }, metadata },
        { type: 'PaymentOrdered', data: { invoiceId: 'R-1', amount: '700.00' }, metadata },
      ],
      { expected: 'any' },
    );
    await log.drain();
    folder = mkdtempSync(join(tmpdir(), 'sozialraum-audit-cli-'));
  });
  afterAll(async () => {
    await log?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs, hands out and verifies offline; a changed export fails with the position named', async () => {
    const signed = await call(['checkpoint', '--tenant', 'HRO-JA'], onTestDb());
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({ origin: 'jugendamt.example/audit/HRO-JA', treeSize: 7, occasion: { kind: 'request' } });
    await log.drain();

    const files = { key: join(folder, 'key.pem'), cp: join(folder, 'cp.json'), events: join(folder, 'events.ndjson') };
    const key = await call(['public-key', '--out', files.key], onTestDb());
    expect(key.code).toBe(0);
    expect(key.stderr).toEqual([expect.stringMatching(/^key name jugendamt\.example\/audit, key id [0-9a-f]{8}, verifier key jugendamt\.example\/audit\+/)]);
    expect(readFileSync(files.key, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect((await call(['checkpoints', '--tenant', 'HRO-JA', '--out', files.cp], onTestDb())).code).toBe(0);
    expect((await call(['export', '--tenant', 'HRO-JA', '--out', files.events], onTestDb())).code).toBe(0);

    // No database and no secret: an environment with nothing in it.
    const verify = () => call(['verify-offline', '--export', files.events, '--checkpoints', files.cp, '--public-key', files.key], {});
    const ok = await verify();
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: [] });
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      events: 8,
      coveredEvents: 7,
      appendSignatures: { verifiedAppends: 7, signedEvents: 8, unsignedBeforeSigning: 0 },
    });

    const lines = readFileSync(files.events, 'utf8').trim().split('\n');
    const second = JSON.parse(lines[1]);
    lines[1] = JSON.stringify({ ...second, data: { amount: '1000000.00' } });
    writeFileSync(files.events, `${lines.join('\n')}\n`);
    const failed = await verify();
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).firstMismatch).toMatchObject({ leafIndex: 1, position: second.position, exact: true });

    // The second event of the two-event append changed: the append's signature fails, named at its first event.
    const [invoice, payment] = [JSON.parse(lines[5]), JSON.parse(lines[6])];
    expect(payment.appendSignature).toBe(invoice.appendSignature);
    lines[1] = JSON.stringify(second);
    lines[6] = JSON.stringify({ ...payment, data: { ...payment.data, amount: '7000.00' } });
    writeFileSync(files.events, `${lines.join('\n')}\n`);
    const changedInAppend = JSON.parse((await verify()).stdout);
    expect(changedInAppend.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          leafIndex: 5,
          position: invoice.position,
          message: `the 2 events at positions ${invoice.position} to ${payment.position} do not carry a valid signature of the application's key: written or changed outside the application`,
        }),
      ]),
    );
  });

  it('refuses to sign in production without a key, and a key that is not Ed25519, in one line', async () => {
    const missing = await call(['public-key'], { NODE_ENV: 'production' });
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({
      code: 2,
      stderr: [expect.stringContaining('NODE_ENV=production requires AUDIT_SIGNING_KEY')],
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const wrong = await call(['checkpoint', '--tenant', 'HRO-JA'], { ...onTestDb(), AUDIT_SIGNING_KEY: rsa });
    expect({ code: wrong.code, stderr: wrong.stderr }).toEqual({ code: 2, stderr: ['AUDIT_SIGNING_KEY must be an Ed25519 key, got rsa'] });
    const none = await call(['checkpoints', '--tenant', 'XYZ-JA'], onTestDb());
    expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 2, stderr: ['tenant XYZ-JA has no signed checkpoint yet: nothing written'] });
  });
});
