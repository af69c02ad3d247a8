import createClient, { type Middleware } from 'openapi-fetch';
import { getSession, signOut } from '../session';
import type { components, paths } from './api-schema';

export type Problem = components['schemas']['Problem'];

/** A refused or failed request, with the API's problem (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    // A request that names its own token (the first call with a new one) keeps it.
    if (session && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${session.token}`);
    request.headers.set('Accept-Language', 'de');
    return request;
  },
  onResponse({ request, response }) {
    // An expired or revoked token: back to the sign-in instead of a page full of errors.
    if (response.status === 401 && request.headers.has('Authorization')) signOut();
    return response;
  },
};

/** The typed client of the API (same origin); every request carries the session's bearer token. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

type Result = { data?: unknown; error?: unknown; response: Response };

/** The body of a successful answer (typed by the contract); an ApiError for every other. */
export async function ok<R extends Result>(request: Promise<R>): Promise<NonNullable<R['data']>> {
  let result: R;
  try {
    result = await request;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null);
  }
  if (result.error !== undefined || !result.response.ok) {
    const problem = result.error && typeof result.error === 'object' ? (result.error as Partial<Problem>) : null;
    throw new ApiError(result.response.status, problem);
  }
  return result.data as NonNullable<R['data']>;
}

export function isApiError(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && (statuses.length === 0 || statuses.includes(error.status));
}

/** What to tell the user about a failed read, in German. */
export function describeError(error: unknown): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: 'Die Daten konnten nicht geladen werden.' };
  const detail = error.problem?.detail;
  switch (error.status) {
    case 0:
      return { title: 'Der Server ist nicht erreichbar.', detail: 'Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.' };
    case 401:
      return { title: 'Ihre Anmeldung ist abgelaufen.', detail: 'Bitte melden Sie sich erneut an.' };
    case 403:
      return { title: 'Ihre Rolle darf diese Daten nicht abrufen.', detail };
    case 404:
      return { title: 'Diese Daten gibt es nicht oder sie sind für Sie nicht sichtbar.', detail };
    case 429:
      return { title: 'Zu viele Anfragen.', detail: 'Bitte warten Sie einen Moment und versuchen Sie es erneut.' };
    case 503:
      return { title: 'Die Zahlen werden gerade aktualisiert.', detail: detail ?? 'Bitte versuchen Sie es in wenigen Sekunden erneut.' };
    default:
      return { title: error.problem?.title ?? `Die Anfrage ist fehlgeschlagen (HTTP ${error.status}).`, detail };
  }
}
