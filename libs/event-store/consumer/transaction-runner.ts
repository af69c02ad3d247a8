import { Pool, PoolClient } from 'pg';

/**
 * How a consumer opens the transaction in which a handler's read-model writes and the checkpoint
 * update commit together. TTx is what handlers receive (a pg client, a TypeORM EntityManager...).
 */
export interface TransactionRunner<TTx> {
  run<R>(work: (tx: TTx) => Promise<R>): Promise<R>;
  /** Runs a row-returning statement inside the transaction. */
  select<T = Record<string, unknown>>(tx: TTx, sql: string, params: unknown[]): Promise<T[]>;
}

export function pgTransactionRunner(pool: Pool): TransactionRunner<PoolClient> {
  return {
    async run(work) {
      const client = await pool.connect();
      let broken = false;
      // A connection terminated mid-transaction emits 'error' on the checked-out client; unheard,
      // that would crash the process. The failing statement rejects; the client is discarded.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await work(client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async select(tx, sql, params) {
      return (await tx.query(sql, params)).rows;
    },
  };
}
