import { ClaimMapping, PRODUCT_CLAIMS, mapClaims, parseRoleMap } from './claim-mapping';
import { InvalidToken } from './invalid-token';

/** A Keycloak access token: realm and client roles, group paths, no claims of the product's own. */
const keycloakToken = {
  sub: '5f1c0f3e-9a2b-4d7e-8c1a-2b3c4d5e6f70',
  name: 'Frau Controlling',
  realm_access: { roles: ['offline_access', 'uma_authorization', 'jugendamt-controlling'] },
  resource_access: { 'sozialraum-budget': { roles: ['rechnungspruefung'] }, account: { roles: ['manage-account'] } },
  groups: ['/mandanten/HRO-JA', '/rollen/wirtschaftliche-jugendhilfe', '/abteilungen/51'],
};
const keycloak = (overrides: Partial<ClaimMapping>): ClaimMapping => ({
  ...PRODUCT_CLAIMS,
  tenant: '/mandanten/{tenant}',
  roleMap: parseRoleMap('jugendamt-controlling=controller,rechnungspruefung=auditor,wirtschaftliche-jugendhilfe=wiju,traeger=provider'),
  ...overrides,
});

describe('mapping an identity provider’s claims to the product’s user', () => {
  it('reads the product’s own claims as they are', () => {
    expect(mapClaims({ sub: 'u1', tenant: 'HRO-JA', roles: ['controller', 'unknown'], name: 'A' }, PRODUCT_CLAIMS)).toEqual({
      userId: 'u1',
      tenantId: 'HRO-JA',
      roles: ['controller'],
      providerId: undefined,
      name: 'A',
    });
  });

  it('takes realm roles (realm_access.roles) through the role map, ignoring the IdP’s own roles', () => {
    expect(mapClaims(keycloakToken, keycloak({ roles: 'realm_access.roles' }))).toMatchObject({ tenantId: 'HRO-JA', roles: ['controller'] });
  });

  it('takes client roles (resource_access.<client>.roles)', () => {
    expect(mapClaims(keycloakToken, keycloak({ roles: 'resource_access.sozialraum-budget.roles' })).roles).toEqual(['auditor']);
  });

  it('takes roles from group paths', () => {
    expect(mapClaims(keycloakToken, keycloak({ roles: '/rollen/{role}' })).roles).toEqual(['wiju']);
  });

  it('takes tenant and provider from group paths, with * for any segment', () => {
    const provider = { sub: 'u2', groups: ['/traeger/TR-F/mitarbeitende', '/mandanten/HRO-JA'], realm_access: { roles: ['traeger'] } };
    expect(mapClaims(provider, keycloak({ roles: 'realm_access.roles', provider: '/traeger/{provider}/*' }))).toMatchObject({
      tenantId: 'HRO-JA',
      roles: ['provider'],
      providerId: 'TR-F',
    });
  });

  it('takes tenant and provider from claims of any name', () => {
    const token = { sub: 'u3', jugendamt: 'HRO-JA', traeger_id: 'TR-E', roles: ['provider'] };
    expect(mapClaims(token, { ...PRODUCT_CLAIMS, tenant: 'jugendamt', provider: 'traeger_id' })).toMatchObject({ tenantId: 'HRO-JA', providerId: 'TR-E' });
  });

  it('refuses a token without tenant, without a mapped role, with two tenants, or a provider user without provider', () => {
    const refused = (payload: Record<string, unknown>, mapping: ClaimMapping) => {
      try {
        mapClaims(payload, mapping);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidToken);
        return (error as InvalidToken).reason.de;
      }
      throw new Error('accepted');
    };
    expect(refused({ ...keycloakToken, groups: [] }, keycloak({ roles: 'realm_access.roles' }))).toContain('keinen Mandanten');
    expect(refused(keycloakToken, keycloak({ roles: 'resource_access.account.roles' }))).toContain('keine bekannte Rolle');
    expect(refused({ ...keycloakToken, groups: ['/mandanten/HRO-JA', '/mandanten/HRO-XX'] }, keycloak({ roles: 'realm_access.roles' }))).toContain(
      'mehrere Werte für tenant (HRO-JA, HRO-XX)',
    );
    expect(refused({ sub: 'u4', groups: ['/mandanten/HRO-JA'], realm_access: { roles: ['traeger'] } }, keycloak({ roles: 'realm_access.roles' }))).toContain(
      'provider',
    );
  });

  it('reads AUTH_ROLE_MAP and refuses targets that are no product role', () => {
    expect(parseRoleMap(' a-b=controller , c=auditor ')).toEqual({ 'a-b': 'controller', c: 'auditor' });
    expect(parseRoleMap(undefined)).toEqual({});
    expect(() => parseRoleMap('a=superuser')).toThrow(/AUTH_ROLE_MAP/);
    expect(() => parseRoleMap('controller')).toThrow(/AUTH_ROLE_MAP/);
  });
});
