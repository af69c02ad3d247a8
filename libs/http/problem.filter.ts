import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from '../ddd/domain-error';
import { InvalidAppend } from '../event-store/errors';
import { ProjectionBehind } from '../event-store/consumer/checkpointed-consumer';
import { DDD_PROBLEMS } from '../ddd/ddd-problems';
import { ProblemKind } from '../ddd/problem-kind';
import { AUTH_PROBLEMS } from '../auth/auth-problems';
import { negotiateLanguage, text } from '../text/text';
import { HTTP_PROBLEMS } from './http-problems';
import { PROBLEM_CONTENT_TYPE, Problem, ProblemException, problem, renderProblem } from './problem';

const STATUS_PROBLEMS: Record<number, ProblemKind> = {
  400: HTTP_PROBLEMS['bad-request'],
  401: AUTH_PROBLEMS.unauthenticated,
  403: AUTH_PROBLEMS.forbidden,
  404: HTTP_PROBLEMS['not-found'],
  405: HTTP_PROBLEMS['method-not-allowed'],
  409: HTTP_PROBLEMS.conflict,
  412: DDD_PROBLEMS['stale-version'],
  413: HTTP_PROBLEMS['payload-too-large'],
  415: HTTP_PROBLEMS['unsupported-media-type'],
  422: HTTP_PROBLEMS.unprocessable,
  429: HTTP_PROBLEMS['rate-limited'],
};

const statusProblem = (status: number): ProblemKind => STATUS_PROBLEMS[status] ?? { ...HTTP_PROBLEMS['http-error'], status };

/**
 * Every error leaves as application/problem+json. Stack traces and SQL never reach the client;
 * they are logged with the request id.
 */
export function toProblem(error: unknown): { problem: Problem; headers: Record<string, string>; log: boolean } {
  if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers, log: false };
  if (error instanceof DomainError) {
    // A retryable refusal tells clients when to come back, as the body says too.
    const retryAfter = error.extensions?.retryAfterSeconds;
    const headers: Record<string, string> = typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {};
    return { problem: problem(error.kind, error.detail, error.extensions), headers, log: false };
  }
  if (error instanceof ProjectionBehind) {
    // Logged: a projection that cannot keep up is an operator's matter; the client may retry.
    return {
      problem: problem(
        HTTP_PROBLEMS['projection-behind'],
        text(
          'Die Zahlen sind noch nicht auf dem Stand der letzten Buchungen; bitte gleich erneut versuchen.',
          'The figures have not yet caught up with the latest bookings; retry shortly.',
        ),
        { retryable: true, retryAfterSeconds: PROJECTION_RETRY_AFTER_SECONDS },
      ),
      headers: { 'retry-after': String(PROJECTION_RETRY_AFTER_SECONDS) },
      log: true,
    };
  }
  if (error instanceof InvalidAppend) {
    return {
      problem: problem(HTTP_PROBLEMS['invalid-event'], text(`Das Ereignis verletzt eine Regel des Ereignisspeichers: ${error.reason}`, error.reason)),
      headers: {},
      log: true,
    };
  }
  if (error instanceof ThrottlerException) {
    return {
      problem: problem(
        HTTP_PROBLEMS['rate-limited'],
        text('Zu viele Anfragen dieses Nutzers; bitte langsamer.', 'Too many requests from this user; slow down.'),
      ),
      headers: {},
      log: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // The body parser's JSON error arrives wrapped as a plain 400; name it as what it is.
    if (status === 400 && /not valid JSON/i.test(error.message)) return { problem: frameworkProblem(400, 'FST_ERR_CTP_INVALID_JSON'), headers: {}, log: false };
    if (status === 404) {
      return {
        problem: problem(HTTP_PROBLEMS['not-found'], text('Die angefragte Ressource gibt es nicht.', 'The requested resource does not exist.')),
        headers: {},
        log: false,
      };
    }
    const kind = statusProblem(status);
    return { problem: problem(kind, kind.title), headers: {}, log: status >= 500 };
  }
  if (isConnectionLoss(error)) {
    // Logged: operators must see the database going away, clients only that they may retry.
    return {
      problem: problem(
        HTTP_PROBLEMS['database-unavailable'],
        text(
          'Die Verbindung zur Datenbank ist abgebrochen. Bitte später erneut versuchen; eine Buchung, die mit demselben Idempotency-Key wiederholt wird, wird nie doppelt gebucht.',
          'The connection to the database was lost. Retry later; a write retried with the same Idempotency-Key is never recorded twice.',
        ),
        { retryable: true, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      ),
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
      log: true,
    };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { problem: frameworkProblem(fastifyError.statusCode, fastifyError.code), headers: {}, log: false };
  }
  return {
    problem: problem(
      HTTP_PROBLEMS['internal-error'],
      text(
        'Ein unerwarteter Fehler ist aufgetreten; er wurde mit der Kennung der Anfrage protokolliert.',
        'An unexpected error occurred; it has been logged with the request id.',
      ),
    ),
    headers: {},
    log: true,
  };
}

const DATABASE_RETRY_AFTER_SECONDS = 2;
const PROJECTION_RETRY_AFTER_SECONDS = 1;
/**
 * SQLSTATEs of a session that ended or could not begin: class 08 (connection exception), the 57P
 * shutdowns and too_many_connections (a server full of reconnecting clients after an outage).
 */
const CONNECTION_LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05', '53300']);
const CONNECTION_LOST_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** node-postgres reports a connection that ended, or a client used after that, without a code. */
const CONNECTION_LOST_MESSAGES = /^Connection terminated|is not queryable/;

/**
 * Whether an error means the database connection went away (restart, failover, terminated
 * session, network): the request failed for a transient reason and may be retried. TypeORM wraps
 * the driver's error (driverError), other layers may name it as their cause.
 */
export function isConnectionLoss(error: unknown): boolean {
  type Layer = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  for (let current = error as Layer | undefined, depth = 0; current && depth < 5; depth++) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (code.startsWith('08') || CONNECTION_LOST_SQLSTATES.has(code) || CONNECTION_LOST_ERRNOS.has(code)) return true;
    if (typeof current.message === 'string' && CONNECTION_LOST_MESSAGES.test(current.message)) return true;
    current = (current.driverError ?? current.cause) as Layer | undefined;
  }
  return false;
}

function frameworkProblem(status: number, code?: string): Problem {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        HTTP_PROBLEMS['unsupported-media-type'],
        text('Der Inhalt einer Anfrage muss application/json sein.', 'Request bodies must be application/json.'),
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(HTTP_PROBLEMS['payload-too-large'], text('Der Inhalt der Anfrage ist größer als erlaubt.', 'The request body exceeds the size limit.'));
    case 'FST_ERR_CTP_INVALID_JSON':
      return problem(HTTP_PROBLEMS['malformed-json'], text('Der Inhalt der Anfrage ist kein gültiges JSON.', 'The request body is not valid JSON.'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(
        HTTP_PROBLEMS['malformed-json'],
        text('Der Inhalt der Anfrage ist leer, aber als JSON angekündigt.', 'The request body is empty but declared as JSON.'),
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(HTTP_PROBLEMS['bad-request'], text('Content-Length passt nicht zum Inhalt der Anfrage.', 'Content-Length does not match the body.'));
    default: {
      if (status === 400)
        return problem(
          HTTP_PROBLEMS['malformed-json'],
          text(
            'Der Inhalt der Anfrage ist kein gültiges JSON (oder enthält verbotene Schlüssel wie __proto__ oder constructor).',
            'The request body is not valid JSON (or contains forbidden keys such as __proto__ or constructor).',
          ),
        );
      const kind = statusProblem(status);
      return problem(kind, kind.title);
    }
  }
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest();
    const reply = ctx.getResponse();
    const { problem: found, headers, log } = toProblem(exception);
    const language = negotiateLanguage(request?.headers?.['accept-language']);
    const body = renderProblem(found, language);
    if (log) {
      this.logger.error(`request ${request?.id}: ${(exception as Error)?.message}`, (exception as Error)?.stack);
    }
    if (request) request.problemType = body.type;
    const withInstance = { ...body, instance: request?.url?.split('?')[0] };
    reply.status(body.status);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    reply.header('content-language', language);
    reply.header('vary', 'Accept-Language');
    reply.send(JSON.stringify(withInstance));
  }
}
