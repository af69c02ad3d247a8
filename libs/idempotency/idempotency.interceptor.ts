import { randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Pool } from 'pg';
import { Observable, from, lastValueFrom } from 'rxjs';
import { PG_POOL } from '../database/database.module';
import { problem, ProblemException } from '../http/problem';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from './request-fingerprint';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
/** Keys are kept at least this long (issue: 24 h). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** A request still "in progress" after this long died with its process; its key is free again. */
const ABANDONED_AFTER_SECONDS = 120;

const appliedProblem = () =>
  new ProblemException(
    problem(
      'idempotent-request-applied',
      409,
      'Request already applied',
      'an earlier request with this Idempotency-Key was recorded, but its answer was lost; it is not run again. Read the resource to see its state.',
    ),
  );

/**
 * Idempotency-Key on every write. The first request with a key reserves it; a repetition with the
 * same body gets the stored response (and writes nothing), with another body 422, while the first
 * is still running 409. Keys belong to one tenant and one user (`sub`). Only successful responses
 * are stored: a refusal writes nothing, so a retry is decided again. Every execution has a command
 * id that its events carry: a key left "in progress" by a crash is run again after a while only if
 * no event of that execution exists, otherwise the retry gets 409 idempotent-request-applied.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const key: string | undefined = request.headers['idempotency-key'];
    if (key === undefined || !WRITES.has(request.method) || !request.principal) return next.handle();
    return from(this.handle(context, request, key, next));
  }

  private async handle(context: ExecutionContext, request: any, key: string, next: CallHandler): Promise<unknown> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ProblemException(
        problem('validation-failed', 400, 'The request is invalid', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
          errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }],
        }),
      );
    }
    // Keys are scoped per tenant and user: another user's key, however equal, is never replayed.
    const tenantId: string = request.principal.tenantId;
    const userId: string = request.principal.userId;
    const path: string = request.url.split('?')[0];
    const fingerprint = requestFingerprint(request.method, path, request.body);
    const reply = context.switchToHttp().getResponse();

    const reserved = await this.reserve(tenantId, userId, key, request.method, path, fingerprint);
    let commandId = reserved;
    if (!commandId) {
      const { rows } = await this.pool.query(
        `select request_hash, state, status, response_body, command_id, log_head::text,
                created_at < now() - make_interval(secs => $3) as abandoned
           from idempotency_keys where tenant_id = $1 and user_id = $4 and key = $2`,
        [tenantId, key, ABANDONED_AFTER_SECONDS, userId],
      );
      const row = rows[0];
      if (!row) return this.handle(context, request, key, next);
      if (row.request_hash !== fingerprint) {
        throw new ProblemException(
          problem('idempotency-key-reused', 422, 'Idempotency key reused', 'this Idempotency-Key was used with another request (method, path or body); use a new key for a new request'),
        );
      }
      if (row.state === 'completed') {
        reply.header('idempotency-replayed', 'true');
        reply.status(row.status);
        return row.response_body;
      }
      if (!row.abandoned) {
        throw new ProblemException(problem('idempotency-key-in-use', 409, 'Request in progress', 'a request with this Idempotency-Key is still being processed; retry later'));
      }
      // The first execution died (or lost its answer). If it wrote anything, it must not run again.
      if (row.command_id && (await this.applied(tenantId, userId, key, row.command_id))) throw appliedProblem();
      commandId = await this.takeOver(tenantId, userId, key);
      if (!commandId) return this.handle(context, request, key, next);
    }
    request.commandId = commandId;

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refusal wrote nothing: the key is freed and a retry is decided again. A command that
      // failed after writing part of its events keeps the key, so a retry cannot write them twice.
      if (!(await this.applied(tenantId, userId, key, commandId))) {
        await this.pool.query(`delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and command_id = $4`, [tenantId, userId, key, commandId]);
      }
      throw error;
    }
    // If this update fails, the key stays in progress: a retry finds the events and refuses.
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    await this.pool.query(
      `update idempotency_keys set state = 'completed', status = $3, response_body = $4, completed_at = now() where tenant_id = $1 and key = $2 and user_id = $5 and command_id = $6`,
      [tenantId, key, status, JSON.stringify(body ?? null), userId, commandId],
    );
    return body;
  }

  /** Whether an execution wrote events (they carry its command id), read from the log head it started at. */
  private async applied(tenantId: string, userId: string, key: string, commandId: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `select 1 from es_events e
        where e.global_position > (select k.log_head from idempotency_keys k where k.tenant_id = $1 and k.user_id = $2 and k.key = $3)
          and e.metadata->>'commandId' = $4
        order by e.global_position limit 1`,
      [tenantId, userId, key, commandId],
    );
    return rows.length > 0;
  }

  /** Gives an abandoned key a new execution; null if another retry took it first. */
  private async takeOver(tenantId: string, userId: string, key: string): Promise<string | null> {
    const commandId = randomUUID();
    const { rowCount } = await this.pool.query(
      `update idempotency_keys set created_at = now(), command_id = $4, log_head = (select coalesce(max(global_position), 0) from es_events)
        where tenant_id = $1 and user_id = $2 and key = $3 and state = 'in-progress' and created_at < now() - make_interval(secs => $5)`,
      [tenantId, userId, key, commandId, ABANDONED_AFTER_SECONDS],
    );
    return rowCount === 1 ? commandId : null;
  }

  /**
   * Reserves the key for the tenant and user and returns the new execution's command id (null if
   * the key is taken); an expired entry of the same key is removed on the way. The log head is
   * read before the command runs, so every event it writes lies after it.
   */
  private async reserve(tenantId: string, userId: string, key: string, method: string, path: string, fingerprint: string): Promise<string | null> {
    await this.pool.query(`delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and created_at < now() - make_interval(hours => $4)`, [
      tenantId,
      userId,
      key,
      IDEMPOTENCY_RETENTION_HOURS,
    ]);
    if (Math.random() < 0.01) {
      await this.pool.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_RETENTION_HOURS]);
    }
    const commandId = randomUUID();
    const { rowCount } = await this.pool.query(
      `insert into idempotency_keys (tenant_id, key, user_id, method, path, request_hash, state, command_id, log_head)
       values ($1, $2, $3, $4, $5, $6, 'in-progress', $7, (select coalesce(max(global_position), 0) from es_events))
       on conflict (tenant_id, user_id, key) do nothing`,
      [tenantId, key, userId, method, path, fingerprint, commandId],
    );
    return rowCount === 1 ? commandId : null;
  }
}
