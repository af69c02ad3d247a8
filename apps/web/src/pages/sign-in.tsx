import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { DevSignInUnavailable, fetchDevToken, fetchDevUsers, type DevUser } from '../api/dev-sign-in';
import { sessionForToken } from '../api/signed-in-user';
import { Alert } from '../components/alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import type { OidcSettings } from '../oidc';
import { roleName, signIn } from '../session';

/** The sign-in the API offers: the identity provider, the demo users, or neither. */
export function SignInPage() {
  const method = useQuery({ queryKey: ['sign-in-method'], queryFn: ({ signal }) => ok(api.GET('/sign-in', { signal })), staleTime: Infinity });
  const settings = method.data;
  return (
    <>
      <PageHeading title="Anmelden" />
      {method.isPending ? <Loading label="Anmeldeverfahren wird abgefragt …" /> : null}
      {method.isError ? (
        <Alert kind="danger" title="Das Anmeldeverfahren konnte nicht abgefragt werden.">
          <p className="kern-body">Der Server antwortet nicht wie erwartet. Bitte versuchen Sie es erneut.</p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void method.refetch()}>
            <span className="kern-label">Erneut versuchen</span>
          </button>
        </Alert>
      ) : null}
      {settings?.method === 'oidc' && settings.issuer && settings.clientId ? (
        <IdentityProviderSignIn settings={{ issuer: settings.issuer, clientId: settings.clientId, scope: settings.scope ?? 'openid' }} />
      ) : null}
      {settings?.method === 'development' ? <DevelopmentSignIn /> : null}
      {settings?.method === 'token' ? (
        <Alert kind="info" title="Diese Umgebung bietet keine Anmeldung im Browser an.">
          <p className="kern-body">
            Es ist weder ein Identitätsanbieter eingerichtet noch werden Demo-Nutzer angeboten. Die API nimmt Tokens an, die <code>npm run token</code>{' '}
            ausstellt.
          </p>
        </Alert>
      ) : null}
    </>
  );
}

/**
 * Sign-in through the identity provider of the administration: first a silent check whether its
 * session still holds (after a reload), then a button that leads to its sign-in page.
 */
function IdentityProviderSignIn({ settings }: { settings: OidcSettings }) {
  const start = useQuery({
    queryKey: ['sign-in-method', 'oidc-start'],
    queryFn: async () => (await import('../oidc')).startOidc(settings),
    staleTime: Infinity,
    retry: false,
  });
  const [leaving, setLeaving] = useState<'pending' | 'failed' | null>(null);
  const go = async () => {
    setLeaving('pending');
    try {
      await (await import('../oidc')).signInAtIdentityProvider(settings);
    } catch {
      setLeaving('failed');
    }
  };
  if (start.isPending) return <Loading label="Anmeldung beim Identitätsanbieter wird geprüft …" />;
  const outcome = start.data;
  return (
    <section aria-labelledby="sign-in-idp" className="app-section">
      <h2 id="sign-in-idp" className="kern-heading-medium">
        Anmeldung über den Identitätsanbieter Ihrer Verwaltung
      </h2>
      {outcome?.outcome === 'failed' ? (
        <Alert kind="danger" title="Die Anmeldung ist fehlgeschlagen.">
          <p className="kern-body">{outcome.reason} Bitte melden Sie sich erneut an.</p>
        </Alert>
      ) : null}
      {leaving === 'failed' ? (
        <Alert kind="danger" title="Der Identitätsanbieter ist nicht erreichbar.">
          <p className="kern-body">Bitte versuchen Sie es in einigen Minuten erneut.</p>
        </Alert>
      ) : null}
      <p className="kern-body">Sie werden zur Anmeldeseite geleitet und kehren danach hierher zurück.</p>
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        aria-disabled={leaving === 'pending'}
        onClick={() => void (leaving === 'pending' ? undefined : go())}
      >
        <span className="kern-label">{leaving === 'pending' ? 'Weiterleitung …' : 'Anmelden'}</span>
      </button>
    </section>
  );
}

/**
 * Sign-in for development: the API lists the demo tenant's users, one per role; choosing one
 * obtains a token for that user. In production the API has no such routes (404).
 */
function DevelopmentSignIn() {
  const users = useQuery({
    queryKey: ['dev-users'],
    queryFn: ({ signal }) => fetchDevUsers(signal),
    retry: (failures, error) => !(error instanceof DevSignInUnavailable) && failures < 2,
    staleTime: Infinity,
  });
  const tokenRequest = useMutation({
    mutationFn: async (user: DevUser) => {
      const answer = await fetchDevToken(user.id);
      return sessionForToken(answer.token, Date.now() + answer.expiresIn * 1000, 'development');
    },
    onSuccess: (session) => signIn(session),
  });

  return (
    <>
      {users.isPending ? <Loading label="Anmeldemöglichkeiten werden geladen …" /> : null}

      {users.isError ? (
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
