import { Client } from 'pg';

export interface LeaseOptions {
  connectionString: string;
  name: string;
  instanceId: string;
  /** A lease whose heartbeat is older than this is considered stale and may be taken over. */
  staleAfterMs: number;
  heartbeatMs: number;
}

/**
 * One active instance per consumer name across processes: a session advisory lock (released by
 * PostgreSQL when the holder's connection dies) plus an ownership row with a heartbeat, so a hung
 * holder whose connection stays open can be recognised as stale and its session terminated.
 */
export class ConsumerLease {
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: LeaseOptions) {}

  get held(): boolean {
    return this.client !== null;
  }

  /** Tries once; returns true if this instance now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new Client({ connectionString: this.options.connectionString, application_name: `consumer:${this.options.name}` });
    client.on('error', () => this.lost());
    await client.connect();
    try {
      const key = lockKey(this.options.name);
      let { rows } = await client.query('select pg_try_advisory_lock($1::bigint) as ok', [key]);
      if (!rows[0].ok && (await this.takeOverIfStale(client))) {
        ({ rows } = await client.query('select pg_try_advisory_lock($1::bigint) as ok', [key]));
      }
      if (!rows[0].ok) {
        await client.end();
        return false;
      }
      await client.query(
        `insert into es_consumers (name, owner_id, owner_pid, heartbeat_at) values ($1, $2, pg_backend_pid(), now())
         on conflict (name) do update set owner_id = excluded.owner_id, owner_pid = excluded.owner_pid, heartbeat_at = now()`,
        [this.options.name, this.options.instanceId],
      );
      this.client = client;
      this.heartbeat = setInterval(() => {
        client
          .query('update es_consumers set heartbeat_at = now() where name = $1 and owner_id = $2', [this.options.name, this.options.instanceId])
          .catch(() => this.lost());
      }, this.options.heartbeatMs);
      this.heartbeat.unref();
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.lost();
    if (!client) return;
    await client
      .query('update es_consumers set owner_id = null, owner_pid = null, heartbeat_at = null where name = $1 and owner_id = $2', [
        this.options.name,
        this.options.instanceId,
      ])
      .catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private lost(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.client = null;
  }

  private async takeOverIfStale(client: Client): Promise<boolean> {
    const { rows } = await client.query(
      `select owner_pid from es_consumers
        where name = $1 and owner_pid is not null and heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)`,
      [this.options.name, this.options.staleAfterMs],
    );
    if (!rows.length) return false;
    const { rows: killed } = await client.query('select pg_terminate_backend($1) as ok', [rows[0].owner_pid]);
    if (!killed[0]?.ok) return false;
    // The terminated session's advisory lock is released once its backend has exited.
    for (let i = 0; i < 50; i++) {
      const { rowCount } = await client.query('select 1 from pg_stat_activity where pid = $1', [rows[0].owner_pid]);
      if (!rowCount) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }
}

/** Stable 64-bit advisory lock key for a consumer name. */
function lockKey(name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`es-consumer:${name}`, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, hash).toString();
}
