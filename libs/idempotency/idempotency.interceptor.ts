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

/**
 * Idempotency-Key on every write. The first request with a key reserves it; a repetition with the
 * same body gets the stored response (and writes nothing), with another body 422, while the first
 * is still running 409. Keys belong to one tenant and one user (`sub`). Only successful responses are stored: a refusal writes nothing, so a retry
 * is simply decided again; a crash frees the key after a short while.
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
    if (!reserved) {
      const { rows } = await this.pool.query(
        `select request_hash, state, status, response_body, created_at < now() - make_interval(secs => $3) as abandoned
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
      await this.pool.query(`update idempotency_keys set created_at = now() where tenant_id = $1 and user_id = $2 and key = $3 and state = 'in-progress'`, [tenantId, userId, key]);
    }

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
      await this.pool.query(
        `update idempotency_keys set state = 'completed', status = $3, response_body = $4, completed_at = now() where tenant_id = $1 and key = $2 and user_id = $5`,
        [tenantId, key, status, JSON.stringify(body ?? null), userId],
      );
      return body;
    } catch (error) {
      await this.pool.query(`delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and state = 'in-progress'`, [tenantId, userId, key]);
      throw error;
    }
  }

  /** Reserves the key for the tenant and user; an expired entry of the same key is removed on the way. */
  private async reserve(tenantId: string, userId: string, key: string, method: string, path: string, fingerprint: string): Promise<boolean> {
    await this.pool.query(`delete from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3 and created_at < now() - make_interval(hours => $4)`, [
      tenantId,
      userId,
      key,
      IDEMPOTENCY_RETENTION_HOURS,
    ]);
    if (Math.random() < 0.01) {
      await this.pool.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_RETENTION_HOURS]);
    }
    const { rowCount } = await this.pool.query(
      `insert into idempotency_keys (tenant_id, key, user_id, method, path, request_hash, state)
       values ($1, $2, $3, $4, $5, $6, 'in-progress') on conflict (tenant_id, user_id, key) do nothing`,
      [tenantId, key, userId, method, path, fingerprint],
    );
    return rowCount === 1;
  }
}
