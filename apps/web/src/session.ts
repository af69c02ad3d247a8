/**
 * Who is signed in: the bearer token and what it says about its holder. Kept in memory; a copy in
 * sessionStorage lets a reload of the tab keep the sign-in (development), closing the tab ends it.
 */

export type Role = 'controller' | 'caseworker' | 'wiju' | 'provider' | 'auditor' | 'admin';

export interface Session {
  token: string;
  roles: Role[];
  tenant: string;
  provider?: string;
  name: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

const STORAGE_KEY = 'sozialraumbudget.session';

const ROLE_NAMES: Record<Role, string> = {
  controller: 'Controlling',
  caseworker: 'Fallsteuerung',
  wiju: 'Wirtschaftliche Jugendhilfe',
  provider: 'Träger',
  auditor: 'Rechnungsprüfung',
  admin: 'Administration',
};

/** The German name of a role, e.g. "Wirtschaftliche Jugendhilfe"; an unknown role as it came. */
export function roleName(role: string): string {
  return (ROLE_NAMES as Record<string, string>)[role] ?? role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && value in ROLE_NAMES;
}

let current: Session | null = restore();
let changes = 0;
const listeners = new Set<() => void>();

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<Session>;
    if (typeof stored.token !== 'string' || typeof stored.expiresAt !== 'number' || stored.expiresAt <= Date.now()) return null;
    return {
      token: stored.token,
      roles: Array.isArray(stored.roles) ? stored.roles.filter(isRole) : [],
      tenant: typeof stored.tenant === 'string' ? stored.tenant : '',
      provider: typeof stored.provider === 'string' ? stored.provider : undefined,
      name: typeof stored.name === 'string' ? stored.name : '',
      expiresAt: stored.expiresAt,
    };
  } catch {
    return null;
  }
}

function emit(): void {
  changes += 1;
  for (const listener of listeners) listener();
}

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/** Signs out when the token expires, so that no page keeps asking with a dead token. */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!current) return;
  const remaining = Math.min(current.expiresAt - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(signOut, Math.max(remaining, 0));
}
scheduleExpiry();

export function getSession(): Session | null {
  return current;
}

export function signIn(session: Session): void {
  current = session;
  scheduleExpiry();
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage unavailable (private mode): the sign-in lasts until the page is reloaded.
  }
  emit();
}

export function signOut(): void {
  if (!current) return;
  current = null;
  scheduleExpiry();
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  emit();
}

/** Whether someone signed in or out since the page was loaded. */
export function sessionChanged(): boolean {
  return changes > 0;
}

/** For useSyncExternalStore. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRole(session: Session | null, ...roles: Role[]): boolean {
  return !!session && session.roles.some((role) => roles.includes(role));
}

/**
 * The claims of a JWT's payload (tenant, roles, provider, name), read without verifying the
 * signature: the API verifies it; the app only shows who is signed in.
 */
export function readTokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
