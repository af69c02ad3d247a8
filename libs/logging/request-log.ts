import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppLog } from './app-log';

/** What the API's guards and its problem filter leave on a request (see libs/auth/api-request.ts). */
interface LoggedRequest extends FastifyRequest {
  principal?: { tenantId: string; userId: string };
  actingRole?: string;
  problemType?: string;
}

/**
 * One line per answered request: request id, method, route template (never the path with its
 * ids, never the query), status, duration, and who asked (tenant, user id, role). Refusals name
 * their problem type at info, server errors are at error. Bodies and headers are not logged: they
 * carry tokens and the values people typed.
 */
export function registerRequestLog(fastify: FastifyInstance, log: AppLog): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const r = request as LoggedRequest;
    const status = reply.statusCode;
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions?.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      tenant: r.principal?.tenantId,
      user: r.principal?.userId,
      role: r.actingRole,
      problem: r.problemType,
    };
    if (status >= 500) log.error(line, 'request failed');
    else log.info(line, status >= 400 ? 'request refused' : 'request');
    done();
  });
}
