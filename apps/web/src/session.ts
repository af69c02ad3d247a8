/**
 * Who is signed in: the bearer token and who the API says its holder is. Kept in memory. Only a
 * development sign-in keeps a copy in sessionStorage, so that a reload of the tab keeps it; the
 * tokens of the identity provider never leave memory (a reload asks the provider again).
 */

export type Role = 'controller' | 'caseworker' | 'wiju' | 'provider' | 'auditor' | 'admin';

export interface Session {
  token: string;
  /** The user's id at the identity provider (sub). */
  userId: string;
  roles: Role[];
  tenant: string;
  provider?: string;
  name: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
  /** Where the token came from: the development sign-in of the API or the identity provider. */
  signedInWith: 'development' | 'oidc';
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
    if (stored.signedInWith !== 'development' || typeof stored.token !== 'string' || typeof stored.expiresAt !== 'number' || stored.expiresAt <= Date.now())
      return null;
    return {
      token: stored.token,
      userId: typeof stored.userId === 'string' ? stored.userId : '',
      roles: Array.isArray(stored.roles) ? stored.roles.filter(isRole) : [],
      tenant: typeof stored.tenant === 'string' ? stored.tenant : '',
      provider: typeof stored.provider === 'string' ? stored.provider : undefined,
      name: typeof stored.name === 'string' ? stored.name : '',
      expiresAt: stored.expiresAt,
      signedInWith: 'development',
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
    if (session.signedInWith === 'development') sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
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

/** Who a session belongs to: a renewed token of the same person keeps what was loaded for them. */
export function identityOf(session: Session | null): string {
  return session ? JSON.stringify([session.tenant, session.userId, session.roles, session.provider ?? null]) : '';
}
