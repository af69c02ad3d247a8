import { randomBytes, randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

/** The subject's texts were erased: nothing is sealed for it any more. */
export class SubjectErased extends Error {
  constructor(
    readonly subject: string,
    readonly erasedAt: Date,
  ) {
    super(`the texts of ${subject} were erased on ${erasedAt.toISOString()}`);
  }
}

/** A legal hold keeps the subject's texts: erasure is refused until it is lifted. */
export class SubjectOnHold extends Error {
  constructor(
    readonly subject: string,
    readonly holdReason: string,
    readonly holdSince: Date,
  ) {
    super(`the texts of ${subject} are under a legal hold since ${holdSince.toISOString()}: ${holdReason}`);
  }
}

export interface TextKey {
  keyId: string;
  key: Buffer;
}

export interface SubjectState {
  subject: string;
  keyId: string;
  createdAt: Date;
  erasedAt: Date | null;
  erasedBy: string | null;
  hold: { reason: string; by: string; since: Date } | null;
}

interface KeyRow {
  key_id: string;
  subject: string;
  key: Buffer | null;
  created_at: Date;
  erased_at: Date | null;
  erased_by: string | null;
  hold_reason: string | null;
  hold_by: string | null;
  hold_since: Date | null;
}

const stateOf = (row: KeyRow): SubjectState => ({
  subject: row.subject,
  keyId: row.key_id,
  createdAt: row.created_at,
  erasedAt: row.erased_at,
  erasedBy: row.erased_by,
  hold: row.hold_reason !== null ? { reason: row.hold_reason, by: row.hold_by ?? '', since: row.hold_since ?? row.created_at } : null,
});

/** The keys of the sealed texts, per tenant and subject, in sealed_text_keys. */
export class TextKeys {
  constructor(private readonly pool: Pool) {}

  /** The subject's key, made on first use. */
  async keyFor(tenantId: string, subject: string): Promise<TextKey> {
    // A statement that lost the race to make the key does not see the winner's row in its own
    // snapshot; the next statement does.
    for (let attempt = 0; ; attempt++) {
      const row = await this.madeOrFound(tenantId, subject);
      if (!row) {
        if (attempt < 2) continue;
        throw new Error(`no key for ${subject} could be made`);
      }
      if (!row.key) throw new SubjectErased(subject, row.erased_at!);
      return { keyId: row.key_id, key: row.key };
    }
  }

  private async madeOrFound(tenantId: string, subject: string): Promise<KeyRow | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      `with made as (
         insert into sealed_text_keys (key_id, tenant_id, subject, key) values ($3, $1, $2, $4)
         on conflict (tenant_id, subject) do nothing
         returning *
       )
       select * from made union all select * from sealed_text_keys where tenant_id = $1 and subject = $2
       limit 1`,
      [tenantId, subject, randomUUID(), randomBytes(32)],
    );
    return rows[0];
  }

  /** The keys with these ids, null for an erased one; ids of another tenant or unknown are left out. */
  async keys(tenantId: string, keyIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    if (keyIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ key_id: string; key: Buffer | null }>(
      'select key_id::text as key_id, key from sealed_text_keys where tenant_id = $1 and key_id = any($2::uuid[])',
      [tenantId, keyIds],
    );
    return new Map(rows.map((row) => [row.key_id, row.key]));
  }

  async state(tenantId: string, subject: string): Promise<SubjectState | null> {
    const { rows } = await this.pool.query<KeyRow>('select * from sealed_text_keys where tenant_id = $1 and subject = $2', [tenantId, subject]);
    return rows[0] ? stateOf(rows[0]) : null;
  }

  /** Every subject of the tenant whose name begins with the prefix, oldest key first. */
  async subjects(tenantId: string, prefix: string): Promise<SubjectState[]> {
    const { rows } = await this.pool.query<KeyRow>(
      `select * from sealed_text_keys where tenant_id = $1 and starts_with(subject, $2) order by created_at, subject`,
      [tenantId, prefix],
    );
    return rows.map(stateOf);
  }

  /**
   * Deletes the subject's key inside the caller's transaction (which records the erasure), with the
   * row locked, so a hold placed meanwhile is seen. A subject that never had a text gets an erased
   * row all the same: nothing is sealed for it afterwards. Answers the state before.
   */
  async erase(client: PoolClient, tenantId: string, subject: string, erasedBy: string): Promise<SubjectState | null> {
    const { rows } = await client.query<KeyRow>('select * from sealed_text_keys where tenant_id = $1 and subject = $2 for update', [tenantId, subject]);
    const before = rows[0] ? stateOf(rows[0]) : null;
    if (before?.hold) throw new SubjectOnHold(subject, before.hold.reason, before.hold.since);
    if (before?.erasedAt) return before;
    if (before) {
      await client.query('update sealed_text_keys set key = null, erased_at = now(), erased_by = $3 where tenant_id = $1 and subject = $2', [
        tenantId,
        subject,
        erasedBy,
      ]);
    } else {
      await client.query(
        `insert into sealed_text_keys (key_id, tenant_id, subject, key, erased_at, erased_by) values ($3, $1, $2, null, now(), $4)
         on conflict (tenant_id, subject) do update set key = null, erased_at = now(), erased_by = $4`,
        [tenantId, subject, randomUUID(), erasedBy],
      );
    }
    return before;
  }

  /** Places a legal hold (or replaces its reason); a subject without texts yet gets its key now. */
  async placeHold(client: PoolClient, tenantId: string, subject: string, reason: string, by: string): Promise<SubjectState> {
    const { rows } = await client.query<KeyRow>(
      `insert into sealed_text_keys (key_id, tenant_id, subject, key, hold_reason, hold_by, hold_since) values ($3, $1, $2, $4, $5, $6, now())
       on conflict (tenant_id, subject) do update set hold_reason = excluded.hold_reason, hold_by = excluded.hold_by,
         hold_since = coalesce(sealed_text_keys.hold_since, excluded.hold_since)
       returning *`,
      [tenantId, subject, randomUUID(), randomBytes(32), reason, by],
    );
    return stateOf(rows[0]);
  }

  /** Lifts the hold; answers the state before, null when there was no hold. */
  async liftHold(client: PoolClient, tenantId: string, subject: string): Promise<SubjectState | null> {
    const { rows } = await client.query<KeyRow>('select * from sealed_text_keys where tenant_id = $1 and subject = $2 for update', [tenantId, subject]);
    if (!rows[0]?.hold_reason) return null;
    await client.query('update sealed_text_keys set hold_reason = null, hold_by = null, hold_since = null where tenant_id = $1 and subject = $2', [
      tenantId,
      subject,
    ]);
    return stateOf(rows[0]);
  }
}
