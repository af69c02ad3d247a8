import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from '../ddd/domain-error';
import { InvalidAppend } from '../event-store/errors';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, problem } from './problem';

const STATUS_PROBLEMS: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  412: ['stale-version', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['rate-limited', 'Too many requests'],
};

/**
 * Every error leaves as application/problem+json. Stack traces and SQL never reach the client;
 * they are logged with the request id.
 */
export function toProblem(error: unknown): { body: ProblemDetails; headers: Record<string, string>; log: boolean } {
  if (error instanceof ProblemException) return { body: error.body, headers: error.headers, log: false };
  if (error instanceof DomainError) {
    // A retryable refusal tells clients when to come back, as the body says too.
    const retryAfter = error.extensions?.retryAfterSeconds;
    const headers: Record<string, string> = typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {};
    return { body: problem(error.problem, error.status, error.title, error.detail, error.extensions), headers, log: false };
  }
  if (error instanceof InvalidAppend) {
    return { body: problem('invalid-event', 422, 'The change cannot be recorded', error.reason), headers: {}, log: true };
  }
  if (error instanceof ThrottlerException) {
    return { body: problem('rate-limited', 429, 'Too many requests', 'Too many requests from this user; slow down'), headers: {}, log: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // The body parser's JSON error arrives wrapped as a plain 400; name it as what it is.
    if (status === 400 && /not valid JSON/i.test(error.message)) return { body: frameworkProblem(400, 'FST_ERR_CTP_INVALID_JSON'), headers: {}, log: false };
    const [name, title] = STATUS_PROBLEMS[status] ?? ['http-error', 'Error'];
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : String((response as { message?: unknown })?.message ?? error.message);
    return { body: problem(name, status, title, status === 404 ? 'The requested resource does not exist' : detail), headers: {}, log: false };
  }
  if (isConnectionLoss(error)) {
    // Logged: operators must see the database going away, clients only that they may retry.
    return {
      body: problem(
        'database-unavailable',
        503,
        'Database unavailable',
        'The connection to the database was lost. Retry later; a write retried with the same Idempotency-Key is never recorded twice',
        {
          retryable: true,
          retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        },
      ),
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
      log: true,
    };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { body: frameworkProblem(fastifyError.statusCode, fastifyError.code), headers: {}, log: false };
  }
  return {
    body: problem('internal-error', 500, 'Internal error', 'An unexpected error occurred; it has been logged with the request id'),
    headers: {},
    log: true,
  };
}

const DATABASE_RETRY_AFTER_SECONDS = 2;
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

function frameworkProblem(status: number, code?: string): ProblemDetails {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported-media-type', 415, 'Unsupported media type', 'Request bodies must be application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload-too-large', 413, 'Payload too large', 'The request body exceeds the size limit');
    case 'FST_ERR_CTP_INVALID_JSON':
      return problem('malformed-json', 400, 'Malformed JSON', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformed-json', 400, 'Malformed JSON', 'The request body is empty but declared as JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('bad-request', 400, 'Bad request', 'Content-Length does not match the body');
    default: {
      if (status === 400)
        return problem(
          'malformed-json',
          400,
          'Malformed JSON',
          'The request body is not valid JSON (or contains forbidden keys such as __proto__ or constructor)',
        );
      const [name, title] = STATUS_PROBLEMS[status] ?? ['http-error', 'Error'];
      return problem(name, status, title, title);
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
    const { body, headers, log } = toProblem(exception);
    if (log) {
      this.logger.error(`request ${request?.id}: ${(exception as Error)?.message}`, (exception as Error)?.stack);
    }
    const withInstance = { ...body, instance: request?.url?.split('?')[0] };
    reply.status(body.status);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    reply.send(JSON.stringify(withInstance));
  }
}
