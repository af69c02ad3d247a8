import { randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnModuleDestroy, Optional } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Pool } from 'pg';
import { Observable, from, lastValueFrom } from 'rxjs';
import { DATABASE_URL, PG_POOL } from '../database/database.module';
import { createPool } from '../database/pool';
import { problem, ProblemException, ValidationProblem } from '../http/problem';
import { text } from '../text/text';
import { IDEMPOTENCY_PROBLEMS } from './idempotency-problems';
import { ApiReply, ApiRequest } from '../auth/api-request';
import { Principal } from '../auth/principal';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from './request-fingerprint';
import { AppMetrics, IdempotencyOutcome } from '../metrics/app-metrics';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
/** Keys are kept at least this long (issue: 24 h). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** Connections for the key locks: as many keyed writes can run at once; more wait for one. */
const LOCK_CONNECTIONS = 16;

interface KeyScope {
  tenantId: string;
  userId: string;
  key: string;
}

/** Maps a stream id to the API path that shows its state (provided by the domain). */
export const STREAM_RESOURCE = Symbol('STREAM_RESOURCE');
export type StreamResource = (streamId: string) => string | undefined;

/** An event an earlier execution of the key wrote, as a client can use it. */
export interface WrittenEvent {
  streamId: string;
  streamVersion: number;
  type: string;
  position: string;
  /** The ids the event names (`approvalId`, `invoiceId`, ...): what the lost answer would have carried. */
  ids: Record<string, string>;
}

const appliedProblem = (written: WrittenEvent[], location: string | undefined) =>
  new ProblemException(
    problem(
      IDEMPOTENCY_PROBLEMS['idempotent-request-applied'],
      text(
        'Eine frühere Anfrage mit diesem Idempotency-Key wurde gebucht, ihre Antwort ging aber verloren; sie wird nicht noch einmal ausgeführt. `written` nennt, was sie gebucht hat; Location zeigt die Ressource, wie sie jetzt ist.',
        'An earlier request with this Idempotency-Key was recorded, but its answer was lost; it is not run again. `written` lists what it recorded; the Location shows the resource now.',
      ),
      { written, ...(location ? { location } : {}) },
    ),
    location ? { location } : {},
  );

/** The top-level `...Id` strings of an event's data. */
function idsOf(data: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) if (/Id$/.test(key) && typeof value === 'string') ids[key] = value;
  }
  return ids;
}

/**
 * Idempotency-Key on every write. The first request with a key reserves it; a repetition with the
 * same body gets the stored response (and writes nothing), with another body 422, while the first
 * is still running 409. Keys belong to one tenant and one user (`sub`). Only successful responses
 * are stored: a refusal writes nothing, so a retry is decided again.
 *
 * An execution holds a session advisory lock on its key (on a connection of its own) from before
 * the reservation until its answer is stored, so a retry can tell a running execution from one
 * whose process died: the lock of a dead session is gone. Every execution also has a command id
 * that all its events carry; a retry that finds a key "in progress" and no running execution runs
 * the request again only if no event of that execution exists, otherwise it answers 409
 * idempotent-request-applied. However slow an execution is, a retry can never run beside it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  /** Connections that hold the executions' key locks, apart from the pool the commands use. */
  private readonly locks: Pool;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(DATABASE_URL) databaseUrl: string,
    @Optional() @Inject(STREAM_RESOURCE) private readonly resourceOf: StreamResource = () => undefined,
    @Optional() private readonly metrics?: AppMetrics,
  ) {
    // No more lock connections than the process may use for its commands (DB_POOL_MAX): a request
    // holds one of each at most, and a small installation keeps its connection budget.
    const max = Math.max(2, Math.min(LOCK_CONNECTIONS, pool.options.max ?? LOCK_CONNECTIONS));
    this.locks = createPool({ connectionString: databaseUrl, max, applicationName: 'sozialraum-budget idempotency' });
  }

  async onModuleDestroy(): Promise<void> {
    await this.locks.end();
  }

  private count(outcome: IdempotencyOutcome): void {
    this.metrics?.idempotency.inc({ outcome });
  }

  private counted<T>(outcome: IdempotencyOutcome, body: T): T {
    this.count(outcome);
    return body;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const key: string | undefined = request.headers['idempotency-key'];
    if (key === undefined || !WRITES.has(request.method) || !request.principal) return next.handle();
    return from(this.handle(context, request, key, next));
  }

  private async handle(context: ExecutionContext, request: ApiRequest & { principal: Principal }, key: string, next: CallHandler): Promise<unknown> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ValidationProblem([
        { field: 'Idempotency-Key', message: text('muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen.', 'must be 1 to 255 visible ASCII characters.') },
      ]);
    }
    // Keys are scoped per tenant and user: another user's key, however equal, is never replayed.
    const scope: KeyScope = { tenantId: request.principal.tenantId, userId: request.principal.userId, key };
    const path: string = request.url.split('?')[0];
    const fingerprint = requestFingerprint(request.method, path, request.body);
    const reply = context.switchToHttp().getResponse();

    const lock = await this.locks.connect();
    const lockName = JSON.stringify([scope.tenantId, scope.userId, key]);
    let broken = false;
    try {
      const { rows } = await lock.query('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [lockName]);
      if (!rows[0].locked) {
        // Another execution of this key is running right now.
        const stored = await this.stored(scope, fingerprint, reply);
        if (stored.found) return this.counted('replayed', stored.body);
        this.count('in_use');
        throw new ProblemException(
          problem(
            IDEMPOTENCY_PROBLEMS['idempotency-key-in-use'],
            text(
              'Eine Anfrage mit diesem Idempotency-Key wird noch verarbeitet; bitte später erneut versuchen.',
              'A request with this Idempotency-Key is still being processed; retry later.',
            ),
          ),
        );
      }
      try {
        return await this.run(context, request, scope, path, fingerprint, reply, next);
      } finally {
        await lock.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockName]).catch(() => {
          broken = true;
        });
      }
    } finally {
      // A connection whose unlock failed is dropped, which releases its session lock too.
      lock.release(broken);
    }
  }

  /** Runs the request under the key's lock: reserve or take over the key, execute, store the answer. */
  private async run(
    context: ExecutionContext,
    request: ApiRequest,
    scope: KeyScope,
    path: string,
    fingerprint: string,
    reply: ApiReply,
    next: CallHandler,
  ): Promise<unknown> {
    let commandId = await this.reserve(scope, request.method, path, fingerprint);
    if (!commandId) {
      const stored = await this.stored(scope, fingerprint, reply);
      if (stored.found) return this.counted('replayed', stored.body);
      // In progress, and nobody holds its lock: that execution died or lost its answer. If it
      // wrote anything, it must not run again.
      const written = await this.written(scope, stored.commandId);
      if (written.length > 0) {
        this.count('applied');
        throw appliedProblem(written, this.resourceOf(written[0].streamId));
      }
      commandId = await this.takeOver(scope);
    }
    request.commandId = commandId;
    this.count('new');

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refusal wrote nothing: the key is freed and a retry is decided again. A command that
      // failed after writing part of its events keeps the key, so a retry cannot write them twice.
      if ((await this.written(scope, commandId, 1)).length === 0) {
        await this.pool.query(`delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and command_id = $4`, [
          scope.tenantId,
          scope.userId,
          scope.key,
          commandId,
        ]);
      }
      throw error;
    }
    // If this update fails, the key stays in progress: a retry finds the events and refuses.
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    await this.pool.query(
      `update idempotency_keys set state = 'completed', status = $4, response_body = $5, completed_at = now()
        where tenant_id = $1 and user_id = $2 and key = $3 and command_id = $6`,
      [scope.tenantId, scope.userId, scope.key, status, JSON.stringify(body ?? null), commandId],
    );
    return body;
  }

  /**
   * The key's entry as it stands: 422 for another request under the same key, the stored answer of
   * a completed one (found), or the command id of an execution still marked in progress.
   */
  private async stored(
    scope: KeyScope,
    fingerprint: string,
    reply: ApiReply,
  ): Promise<{ found: true; body: unknown } | { found: false; commandId: string | null }> {
    const { rows } = await this.pool.query(
      `select request_hash, state, status, response_body, command_id from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3`,
      [scope.tenantId, scope.userId, scope.key],
    );
    const row = rows[0];
    if (!row) return { found: false, commandId: null };
    if (row.request_hash !== fingerprint) {
      throw new ProblemException(
        problem(
          IDEMPOTENCY_PROBLEMS['idempotency-key-reused'],
          text(
            'Dieser Idempotency-Key wurde schon für eine andere Anfrage (Methode, Pfad oder Inhalt) verwendet; eine neue Anfrage braucht einen neuen Schlüssel.',
            'This Idempotency-Key was used with another request (method, path or body); use a new key for a new request.',
          ),
        ),
      );
    }
    if (row.state === 'completed') {
      reply.header('idempotency-replayed', 'true');
      reply.status(row.status);
      return { found: true, body: row.response_body };
    }
    return { found: false, commandId: row.command_id };
  }

  /** The events an execution wrote (they carry its command id), read from the log head it started at. */
  private async written(scope: KeyScope, commandId: string | null, limit = 100): Promise<WrittenEvent[]> {
    if (!commandId) return [];
    const { rows } = await this.pool.query(
      `select e.stream_id, e.stream_version, e.type, e.global_position, e.data from es_events e
        where e.global_position > (select k.log_head from idempotency_keys k where k.tenant_id = $1 and k.user_id = $2 and k.key = $3)
          and e.metadata->>'commandId' = $4
        order by e.global_position limit $5`,
      [scope.tenantId, scope.userId, scope.key, commandId, limit],
    );
    return rows.map((row) => ({
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      type: row.type,
      position: String(row.global_position),
      ids: idsOf(row.data),
    }));
  }

  /** Gives a key left in progress a new execution (the caller holds the key's lock). */
  private async takeOver(scope: KeyScope): Promise<string> {
    const commandId = randomUUID();
    await this.pool.query(
      `update idempotency_keys set created_at = now(), command_id = $4, log_head = (select coalesce(max(global_position), 0) from es_events)
        where tenant_id = $1 and user_id = $2 and key = $3 and state = 'in-progress'`,
      [scope.tenantId, scope.userId, scope.key, commandId],
    );
    return commandId;
  }

  /**
   * Reserves the key for the tenant and user and returns the new execution's command id (null if
   * the key is taken); an expired entry of the same key is removed on the way. The log head is
   * read before the command runs, so every event it writes lies after it.
   */
  private async reserve(scope: KeyScope, method: string, path: string, fingerprint: string): Promise<string | null> {
    await this.pool.query(
      `delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and created_at < now() - make_interval(hours => $4)`,
      [scope.tenantId, scope.userId, scope.key, IDEMPOTENCY_RETENTION_HOURS],
    );
    if (Math.random() < 0.01) {
      await this.pool.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_RETENTION_HOURS]);
    }
    const commandId = randomUUID();
    const { rowCount } = await this.pool.query(
      `insert into idempotency_keys (tenant_id, key, user_id, method, path, request_hash, state, command_id, log_head)
       values ($1, $2, $3, $4, $5, $6, 'in-progress', $7, (select coalesce(max(global_position), 0) from es_events))
       on conflict (tenant_id, user_id, key) do nothing`,
      [scope.tenantId, scope.key, scope.userId, method, path, fingerprint, commandId],
    );
    return rowCount === 1 ? commandId : null;
  }
}
