import { JWTPayload } from 'jose';
import { Principal, ROLES, Role } from './principal';
import { text } from '../text/text';
import { InvalidToken } from './invalid-token';

/**
 * Where in an identity provider's token the product finds who a user is. Each source is either
 * a claim path (`tenant`, `realm_access.roles`, `resource_access.sozialraum-budget.roles`) or a
 * group path pattern (`/mandanten/{tenant}`, `/traeger/{provider}`, `/rollen/{role}`; `*` stands
 * for any one segment), matched against the groups claim (Keycloak's group membership mapper with
 * full paths).
 */
export interface ClaimMapping {
  roles: string;
  /** The identity provider's role names and the product role each stands for; empty: names as they are. */
  roleMap: Readonly<Record<string, Role>>;
  tenant: string;
  provider: string;
  /** The claim with the user's group paths. */
  groupsClaim: string;
}

/** The product's own token shape: claims tenant, roles, provider (development tokens, simple IdP set-ups). */
export const PRODUCT_CLAIMS: ClaimMapping = { roles: 'roles', roleMap: {}, tenant: 'tenant', provider: 'provider', groupsClaim: 'groups' };

const isGroupPattern = (source: string) => source.startsWith('/');

/** The value at a dotted claim path, e.g. resource_access.sozialraum-budget.roles. */
function atPath(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** The values a group pattern's placeholder takes in the user's groups, e.g. {tenant} in /mandanten/{tenant}. */
function fromGroups(groups: string[], pattern: string, placeholder: string): string[] {
  const escaped = pattern
    .split('/')
    .map((segment) => (segment === `{${placeholder}}` ? '([^/]+)' : segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const regex = new RegExp(`^${escaped}$`);
  return groups.map((group) => regex.exec(group)?.[1]).filter((v): v is string => v !== undefined);
}

function values(payload: JWTPayload, mapping: ClaimMapping, source: string, placeholder: string): string[] {
  if (!isGroupPattern(source)) return strings(atPath(payload, source));
  return fromGroups(strings(atPath(payload, mapping.groupsClaim)), source, placeholder);
}

/** Exactly one value, or none; two different ones (a user in two Jugendämter) are refused. */
function single(payload: JWTPayload, mapping: ClaimMapping, source: string, placeholder: string): string | undefined {
  const found = [...new Set(values(payload, mapping, source, placeholder))];
  if (found.length > 1) {
    throw new InvalidToken(
      text(
        `Das Token nennt mehrere Werte für ${placeholder} (${found.join(', ')}); ein Benutzer handelt für genau einen.`,
        `The token names several values for ${placeholder} (${found.join(', ')}); a user acts for exactly one.`,
      ),
    );
  }
  return found[0];
}

/** Who the token's user is for this product: user id, tenant, roles, provider, name. */
export function mapClaims(payload: JWTPayload, mapping: ClaimMapping): Principal {
  const tenant = single(payload, mapping, mapping.tenant, 'tenant');
  if (!tenant) throw new InvalidToken(text(`Das Token nennt keinen Mandanten (${mapping.tenant}).`, `The token has no tenant (${mapping.tenant}).`));
  const named = values(payload, mapping, mapping.roles, 'role');
  const mapped = Object.keys(mapping.roleMap).length > 0 ? named.map((name) => mapping.roleMap[name]).filter((r): r is Role => r !== undefined) : named;
  const roles = [...new Set(mapped.filter((r): r is Role => (ROLES as readonly string[]).includes(r)))];
  if (roles.length === 0) throw new InvalidToken(text('Das Token trägt keine bekannte Rolle.', 'The token carries no known role.'));
  const provider = single(payload, mapping, mapping.provider, 'provider');
  if (roles.includes('provider') && !provider)
    throw new InvalidToken(text('Ein Nutzer eines Trägers braucht die Angabe provider im Token.', 'A provider user needs a provider claim.'));
  return {
    userId: payload.sub as string,
    tenantId: tenant,
    roles,
    providerId: roles.includes('provider') ? provider : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}

/** AUTH_ROLE_MAP: "idp-name=role,other=role" with product roles only. */
export function parseRoleMap(value: string | undefined): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.lastIndexOf('=');
    const [from, to] = [entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()];
    if (eq <= 0 || !(ROLES as readonly string[]).includes(to)) {
      throw new Error(`AUTH_ROLE_MAP: "${entry}" is not idp-role=role with role one of ${ROLES.join(', ')}`);
    }
    map[from] = to as Role;
  }
  return map;
}
