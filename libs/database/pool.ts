import { Pool, PoolConfig, types } from 'pg';

// Amounts are numeric and must never become JS numbers; int8 stays a string too.
types.setTypeParser(types.builtins.NUMERIC, (v) => v);
types.setTypeParser(types.builtins.INT8, (v) => v);
// A calendar date is a calendar date: keep 'YYYY-MM-DD' instead of a time-zone-shifted Date.
types.setTypeParser(types.builtins.DATE, (v) => v);

export interface PoolOptions {
  connectionString: string;
  max?: number;
  applicationName?: string;
  /** Bounds transactions left open by a stuck client; they would hold back every consumer. */
  idleInTransactionTimeoutMs?: number;
}

export function createPool(options: PoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'sozialraum-budget',
    options: `-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs ?? 30_000} -c TimeZone=UTC`,
  };
  const pool = new Pool(config);
  listenForConnectionLoss(pool);
  return pool;
}

/**
 * A pg client emits 'error' when its server ends the session (restart, failover,
 * pg_terminate_backend, network cut); unheard, that event is an uncaught exception that ends the
 * process. The pool hears it only for idle clients, so every client gets a listener of its own
 * for the time it is checked out too. The loss itself reaches whoever uses the client: its
 * pending or next query rejects, and the pool discards the dead client on release.
 */
export function listenForConnectionLoss(pool: Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
}
