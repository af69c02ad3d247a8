import { useMutation, useQuery } from '@tanstack/react-query';
import { DevSignInUnavailable, fetchDevToken, fetchDevUsers, type DevUser } from '../api/dev-sign-in';
import { Alert } from '../components/alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { isRole, readTokenClaims, roleName, signIn, type Role } from '../session';

function sessionFrom(user: DevUser, tenant: string | undefined, token: string, expiresIn: number) {
  const claims = readTokenClaims(token);
  const claimedRoles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  const roles: Role[] = claimedRoles.length ? claimedRoles : isRole(user.role) ? [user.role] : [];
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + expiresIn * 1000;
  return {
    token,
    roles,
    tenant: text(claims.tenant) ?? tenant ?? '',
    provider: text(claims.provider) ?? user.providerId,
    name: text(claims.name) ?? user.name,
    expiresAt,
  };
}

/**
 * Sign-in for development: the API lists the demo tenant's users, one per role; choosing one
 * obtains a token for that user. In production the API has no such routes (404): sign-in then
 * goes through the municipality's identity provider.
 */
export function SignInPage() {
  const users = useQuery({
    queryKey: ['dev-users'],
    queryFn: ({ signal }) => fetchDevUsers(signal),
    retry: (failures, error) => !(error instanceof DevSignInUnavailable) && failures < 2,
    staleTime: Infinity,
  });
  const tokenRequest = useMutation({
    mutationFn: async (user: DevUser) => ({ user, answer: await fetchDevToken(user.id) }),
    onSuccess: ({ user, answer }) => signIn(sessionFrom(user, users.data?.tenant, answer.token, answer.expiresIn)),
  });

  return (
    <>
      <PageHeading title="Anmelden" />
      {users.isPending ? <Loading label="Anmeldemöglichkeiten werden geladen …" /> : null}

      {users.error instanceof DevSignInUnavailable ? (
        <Alert kind="info" title="Die Anmeldung erfolgt über den Identitätsanbieter Ihrer Verwaltung.">
          <p className="kern-body">
            Diese Umgebung bietet keine Entwicklungsanmeldung an. Die Anmeldung über den Identitätsanbieter (OpenID Connect) wird in einer späteren Ausbaustufe
            angebunden.
          </p>
        </Alert>
      ) : users.isError ? (
        <Alert kind="danger" title="Die Anmeldemöglichkeiten konnten nicht geladen werden.">
          <p className="kern-body">Der Server antwortet nicht wie erwartet. Bitte versuchen Sie es erneut.</p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void users.refetch()}>
            <span className="kern-label">Erneut versuchen</span>
          </button>
        </Alert>
      ) : null}

      {users.data ? (
        <section aria-labelledby="sign-in-users" className="app-section">
          <h2 id="sign-in-users" className="kern-heading-medium">
            Als wer möchten Sie sich anmelden?
          </h2>
          <p className="kern-body">
            Entwicklungsumgebung{users.data.tenant ? ` – Mandant ${users.data.tenant}` : ''}: Jede Person steht für eine Rolle. Wählen Sie eine aus, um sich
            anzumelden.
          </p>
          <ul className="app-user-list" aria-busy={tokenRequest.isPending}>
            {users.data.users.map((user) => {
              const busy = tokenRequest.isPending && tokenRequest.variables?.id === user.id;
              return (
                <li key={user.id}>
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary kern-btn--block app-user-button"
                    aria-disabled={tokenRequest.isPending}
                    onClick={() => {
                      if (!tokenRequest.isPending) tokenRequest.mutate(user);
                    }}
                  >
                    <span className="kern-label">
                      <span className="app-user-button__name">{user.name}</span>
                      <span className="app-user-button__role">
                        {roleName(user.role)}
                        {user.providerId ? ` ${user.providerId}` : ''}
                        {busy ? ' – wird angemeldet …' : ''}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {tokenRequest.isError ? (
            <Alert kind="danger" title="Die Anmeldung ist fehlgeschlagen.">
              <p className="kern-body">
                {tokenRequest.error instanceof DevSignInUnavailable
                  ? 'Diese Umgebung bietet keine Entwicklungsanmeldung an.'
                  : 'Der Server hat keinen Zugang ausgestellt. Bitte versuchen Sie es erneut.'}
              </p>
            </Alert>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
