import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HTTP_PROBLEMS } from '../http/http-problems';
import { PROBLEM_CONTENT_TYPE, Problem, problem, renderProblem } from '../http/problem';
import { AppMetrics } from '../metrics/app-metrics';
import { metricsRefusal } from '../metrics/http-metrics';
import { MetricsAccess, decideMetricsAccess, metricsNetworks } from '../metrics/metrics-access';
import { text } from '../text/text';
import { ProbeAnswer } from './probes';

export interface OpsServerOptions {
  port: number;
  host: string;
  metrics: AppMetrics;
  access: MetricsAccess;
  live: () => Promise<ProbeAnswer>;
  ready: () => Promise<ProbeAnswer>;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's only HTTP: /health/live, /health/ready and /metrics, for the orchestrator and the
 * scraper, with the same answers and access rules as the API's. Nothing else is served.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const networks = metricsNetworks(options.access.networks);
  const send = (res: ServerResponse, status: number, contentType: string, body: string) => {
    res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
  const refuse = (res: ServerResponse, found: Problem, instance: string) => {
    const body = renderProblem(found, 'de');
    send(res, body.status, PROBLEM_CONTENT_TYPE, JSON.stringify({ ...body, instance }));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return refuse(res, problem(HTTP_PROBLEMS['method-not-allowed'], text('Nur GET.', 'GET only.')), path);
    if (path === '/health/live' || path === '/health/ready') {
      const answer = await (path === '/health/live' ? options.live() : options.ready());
      return send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    }
    if (path === '/metrics') {
      const decision = decideMetricsAccess(options.access, networks, req.socket.remoteAddress ?? '', req.headers.authorization);
      if (decision !== 'allowed') return refuse(res, metricsRefusal(decision), path);
      const rendered = await options.metrics.render();
      return send(res, 200, rendered.contentType, rendered.body);
    }
    return refuse(
      res,
      problem(
        HTTP_PROBLEMS['not-found'],
        text('Der Worker beantwortet nur /health/live, /health/ready und /metrics.', 'The worker serves only /health/live, /health/ready and /metrics.'),
      ),
      path,
    );
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, problem(HTTP_PROBLEMS['internal-error'], text('Die Prüfung ist fehlgeschlagen.', 'The check failed.')), req.url ?? '/');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
