import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CliIo } from '../../libs/cli/cli';
import { createTestApp, TestApp } from '../support/test-app';
import { run as audit } from '../../apps/audit-cli/audit-cli';
import { run as ops } from '../../apps/ops-cli/ops-cli';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  lines(): string[] {
    return this.text.split('\n').filter(Boolean);
  }
}

interface Result {
  code: number;
  stdout: string;
  /** stderr without the progress lines. */
  stderr: string[];
  /** The progress lines of long work (events done / total, rate, time left or taken). */
  progress: string[];
}

const PROGRESS_LINE = /^(verify|replay: read the log|export [A-Z0-9-]+|rebuild \S+): [\d.]+ (\/ [\d.]+ )?events/;

/** Every failure of the CLIs is one line on stderr and a non-zero exit code, never a stack trace or zeros. */
describe('auditor and operations CLIs', () => {
  let t: TestApp;
  let folder: string;

  const call = async (cli: typeof audit, argv: string[], env: NodeJS.ProcessEnv): Promise<Result> => {
    const io: CliIo & { stdout: Capture; stderr: Capture } = { stdout: new Capture(), stderr: new Capture(), env };
    const code = await cli(argv, io);
    const lines = io.stderr.lines();
    return { code, stdout: io.stdout.text, stderr: lines.filter((l) => !PROGRESS_LINE.test(l)), progress: lines.filter((l) => PROGRESS_LINE.test(l)) };
  };
  const onTestDb = () => ({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl });
  const expectOneLineFailure = (result: Result, pattern: RegExp) => {
    expect(result.code).not.toBe(0);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(pattern);
    expect(result.stderr[0]).not.toMatch(/\bat .+:\d+:\d+|TypeError|undefined/);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.token({ role: 'admin' });
    await t
      .http()
      .post('/sozialraeume')
      .set('Authorization', `Bearer ${admin}`)
      .send({ sozialraumId: 'HRO-TW', name: 'Toitenwinkel', validFrom: '2024-01-01' })
      .expect(201);
    await t.settle();
    folder = mkdtempSync(join(tmpdir(), 'sozialraum-cli-spec-'));
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('replays a registered Sozialraum', async () => {
    const result = await call(audit, ['replay', '--tenant', 'HRO-JA', '--sozialraum', 'HRO-TW', '--year', '2025'], onTestDb());
    expect(result.stderr).toEqual([]);
    expect(result.progress[result.progress.length - 1]).toMatch(/^replay: read the log: [\d.]+ \/ [\d.]+ events \(100 %\), .*done in /);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ eventsFolded: expect.any(Number), result: expect.any(Object) });
  });

  it('refuses to replay an unknown Sozialraum instead of printing a year of zeros', async () => {
    const result = await call(audit, ['replay', '--tenant', 'HRO-JA', '--sozialraum', 'HRO-XX', '--year', '2025'], onTestDb());
    expectOneLineFailure(result, /Sozialraum HRO-XX is not registered in tenant HRO-JA/);
    expect(result.stdout).toBe('');
  });

  it('refuses to replay or export an unknown tenant, and writes no export file', async () => {
    const replay = await call(audit, ['replay', '--tenant', 'XYZ-JA', '--sozialraum', 'HRO-TW', '--year', '2025'], onTestDb());
    expectOneLineFailure(replay, /tenant XYZ-JA has no events/);
    const out = join(folder, 'unknown.ndjson');
    const exported = await call(audit, ['export', '--tenant', 'XYZ-JA', '--out', out], onTestDb());
    expectOneLineFailure(exported, /tenant XYZ-JA has no events/);
    expect(existsSync(out)).toBe(false);
  });

  it('exports a known tenant with exactly the lines of GET /audit/export', async () => {
    // The chain index of every event is settled first, so both exports see the same chain.
    await t.settle();
    const result = await call(audit, ['export', '--tenant', 'HRO-JA'], onTestDb());
    expect(result.code).toBe(0);
    const lines = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((e) => e.streamId.startsWith('HRO-JA/') && /^[0-9a-f]{64}$/.test(e.eventHash))).toBe(true);
    expect(result.stderr).toEqual([`exported ${lines.length} events of HRO-JA`]);
    // Progress on stderr, a line now and then and a last one (no terminal here).
    expect(result.progress[result.progress.length - 1]).toMatch(
      new RegExp(
        `^export HRO-JA: ${lines.length.toLocaleString('de-DE')} / ${lines.length.toLocaleString('de-DE')} events \\(100 %\\), [\\d.]+ events/s, done in `,
      ),
    );
    const api = await t
      .http()
      .get('/audit/export')
      .set('authorization', `Bearer ${await t.token({ role: 'auditor' })}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    expect(api.status).toBe(200);
    expect(result.stdout).toBe(api.body);
  });

  it('verifies the chain', async () => {
    const result = await call(audit, ['verify'], onTestDb());
    expect(result.stderr).toEqual([]);
    expect(result.progress[result.progress.length - 1]).toMatch(/^verify: [\d.]+ \/ [\d.]+ events \(100 %\), .*done in /);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  });

  it('says in one line that the database cannot be reached', async () => {
    const env = { NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/sozialraum' };
    for (const [cli, argv] of [
      [audit, ['verify']],
      [audit, ['export', '--tenant', 'HRO-JA']],
      [ops, ['status']],
    ] as const) {
      const result = await call(cli, [...argv], env);
      expectOneLineFailure(result, /^cannot connect to PostgreSQL at 127\.0\.0\.1:1\/sozialraum \(DATABASE_URL\): .*ECONNREFUSED/);
      expect(result.stderr[0]).not.toContain('secret');
    }
  });

  it('names a wrong argument in one line', async () => {
    expectOneLineFailure(await call(audit, ['replay', '--tenant', 'HRO-JA', '--sozialraum', 'HRO-TW', '--year', 'next'], onTestDb()), /--year must be a year/);
    expectOneLineFailure(await call(audit, ['replay', '--tenant', 'HRO-JA'], onTestDb()), /--sozialraum is required/);
    expectOneLineFailure(await call(audit, ['audit-everything'], onTestDb()), /unknown command "audit-everything"/);
    expectOneLineFailure(await call(ops, ['rebuild', 'no-such-projection'], onTestDb()), /unknown projection "no-such-projection"/);
  });

  it('shows the projections', async () => {
    const result = await call(ops, ['status'], onTestDb());
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^audit-chain\s+\w+\s+lag \d+ events$/m);
  });
});
