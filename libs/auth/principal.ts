export const ROLES = ['controller', 'caseworker', 'wiju', 'provider', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated user, from the token's claims. */
export interface Principal {
  userId: string;
  tenantId: string;
  roles: Role[];
  providerId?: string;
  name?: string;
}

export function organisationOf(principal: Principal): string {
  return principal.providerId ?? principal.tenantId;
}
