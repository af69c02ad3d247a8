import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = resolve(__dirname, '../../..');

/**
 * `npm start` with the embedded PostgreSQL, stopped with Ctrl-C: the terminal sends SIGINT to the
 * whole process group. The API stops in order (HTTP, consumers, pools, then PostgreSQL), logs no
 * error and exits 0, and no PostgreSQL is left running.
 */
describe('platform: Ctrl-C on the API with its embedded PostgreSQL', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sozialraum-shutdown-'));
    // As root the server runs as the OS user `postgres`, which must reach its data folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    // Only if an assertion failed on the way: nothing of this test stays running.
    if (child && child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly: exit code 0, no ERROR in the output, no postgres left', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    // Its own process group, as a terminal runs a job: the signal below reaches every process in it.
    child = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.js'), join(ROOT, 'apps/api/main.ts')], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child!.once('exit', (code, signal) => done({ code, signal })));
    const listening = new Promise<void>((done, fail) => {
      const hear = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('API listening on')) done();
      };
      child!.stdout!.on('data', hear);
      child!.stderr!.on('data', hear);
      void exited.then(({ code, signal }) => fail(new Error(`the API exited before listening (${signal ?? code}):\n${output}`)));
    });
    await listening;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const postmasterPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postmasterPid)).toBe(true);
    // Outside the API's process group: a Ctrl-C reaches the API only, which stops PostgreSQL last.
    expect(processGroup(postmasterPid)).not.toBe(child.pid);

    process.kill(-child.pid!, 'SIGINT');
    const { code, signal } = await exited;

    expect(output).toContain('SIGINT: shutting down');
    expect(output.split('\n').filter((line) => /\bERROR\b/.test(line))).toEqual([]);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(alive(postmasterPid)).toBe(false);
  }, 300_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process group id, field 5 of /proc/<pid>/stat (after the parenthesised command name). */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}
