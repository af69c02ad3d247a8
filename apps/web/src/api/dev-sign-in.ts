/**
 * The development sign-in of the API: the demo tenant's users and a token for one of them. Not
 * part of the API's contract (the routes exist only in development; in production they answer
 * 404 and sign-in goes through the identity provider), so they are typed here.
 */

export interface DevUser {
  id: string;
  role: string;
  name: string;
  providerId?: string;
}

export interface DevUsers {
  tenant?: string;
  users: DevUser[];
}

export interface DevToken {
  token: string;
  expiresIn: number;
}

/** Answered when the API offers no development sign-in (production). */
export class DevSignInUnavailable extends Error {
  constructor() {
    super('Keine Entwicklungsanmeldung');
    this.name = 'DevSignInUnavailable';
  }
}

export class DevSignInFailed extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'DevSignInFailed';
  }
}

export async function fetchDevUsers(signal?: AbortSignal): Promise<DevUsers> {
  const response = await fetch('/dev/users', { headers: { Accept: 'application/json', 'Accept-Language': 'de' }, signal });
  // 404, or a server that answers with a page instead of JSON: no development sign-in here.
  if (response.status === 404 || (response.ok && !(response.headers.get('Content-Type') ?? '').includes('json'))) throw new DevSignInUnavailable();
  if (!response.ok) throw new DevSignInFailed(response.status);
  return (await response.json()) as DevUsers;
}

export async function fetchDevToken(userId: string): Promise<DevToken> {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': 'de' },
    body: JSON.stringify({ userId }),
  });
  if (response.status === 404) throw new DevSignInUnavailable();
  if (!response.ok) throw new DevSignInFailed(response.status);
  return (await response.json()) as DevToken;
}
