import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_PROBLEMS } from '../auth/auth-problems';
import { HTTP_PROBLEMS } from '../http/http-problems';
import { PROBLEM_CONTENT_TYPE, Problem, problem, renderProblem } from '../http/problem';
import { text } from '../text/text';
import { AppMetrics } from './app-metrics';
import { MetricsAccess, MetricsDecision, decideMetricsAccess, metricsNetworks } from './metrics-access';

/**
 * Latency by route template (never the concrete path: ids would make a series per case) and
 * status, and every problem answer by its type.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: AppMetrics): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const status = String(reply.statusCode);
    metrics.httpDuration.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
    const type = (request as FastifyRequest & { problemType?: string }).problemType;
    if (type) metrics.refusals.inc({ type, status });
    done();
  });
}

/** Why a scrape is refused, as the API and the worker answer it. */
export function metricsRefusal(decision: Exclude<MetricsDecision, 'allowed'>): Problem {
  switch (decision) {
    case 'disabled':
      return problem(HTTP_PROBLEMS['not-found'], text('Kennzahlen sind nicht eingeschaltet (METRICS_TOKEN).', 'Metrics are not enabled (METRICS_TOKEN).'));
    case 'network':
      return problem(AUTH_PROBLEMS.forbidden, text('Kennzahlen sind von dieser Adresse aus nicht abrufbar.', 'Metrics cannot be read from this address.'));
    case 'token':
      return problem(AUTH_PROBLEMS.unauthenticated, text('Kennzahlen verlangen das Token des Abrufs (Bearer).', 'Metrics require the scrape token (Bearer).'));
  }
}

/**
 * GET /metrics for Prometheus, outside the API's contract and role matrix: a scraper is no user.
 * Off (404) without METRICS_TOKEN, 403 from outside METRICS_ALLOW, 401 without the token.
 */
export function registerMetricsEndpoint(fastify: FastifyInstance, metrics: AppMetrics, access: MetricsAccess): void {
  const networks = metricsNetworks(access.networks);
  fastify.get('/metrics', async (request, reply) => {
    const decision = decideMetricsAccess(access, networks, request.ip, request.headers.authorization);
    if (decision !== 'allowed') {
      const refused = metricsRefusal(decision);
      const body = renderProblem(refused, 'de');
      (request as FastifyRequest & { problemType?: string }).problemType = body.type;
      return reply
        .status(body.status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify({ ...body, instance: '/metrics' }));
    }
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
