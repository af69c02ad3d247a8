import { lazy, Suspense, useRef, type MouseEvent, type ReactNode } from 'react';
import { mayOpen, navigationFor, type PageName } from './access';
import { ErrorBoundary } from './components/error-boundary';
import { Loading } from './components/loading';
import { NotAllowed } from './components/not-allowed';
import { PageHeading } from './components/page-heading';
import { currentFiscalYear } from './format';
import { OverviewPage } from './pages/overview';
import { SignInPage } from './pages/sign-in';
import { href, useRoute, type Route } from './router';
import { roleName, signOut, type Session } from './session';
import { useSession } from './use-session';

/** The Sozialraum-Jahr page (and ECharts with it) is loaded when it is first opened. */
const SozialraumYearPage = lazy(() => import('./pages/sozialraum-year'));
/** So are the pages of the Meldungen and of the Rechnungsprüfung. */
const NotificationsPage = lazy(() => import('./pages/notifications'));
const InvoiceQueuePage = lazy(() => import('./pages/invoice-queue'));
const FlexiblePage = lazy(() => import('./pages/flexible'));
const AuditEventsPage = lazy(() => import('./pages/audit-events'));
const AuditVerificationPage = lazy(() => import('./pages/audit-verification'));
/** And the Wirkung pages (R12). */
const WirkungPage = lazy(() => import('./pages/wirkung'));
const WirkungComparisonPage = lazy(() => import('./pages/wirkung-comparison'));
/** And the caseworker's pages: Fälle and one case. */
const CasesPage = lazy(() => import('./pages/cases'));
const CasePage = lazy(() => import('./pages/case'));

function routeKey(route: Route): string {
  if (route.name === 'sozialraum') return `sozialraum/${route.sozialraumId}/${route.fiscalYear}`;
  if (route.name === 'wirkung') return `wirkung/${route.sozialraumId}/${route.fiscalYear}`;
  if (route.name === 'wirkung-comparison') return `wirkung-vergleich/${route.fiscalYear}`;
  if (route.name === 'case') return `faelle/${route.caseRef}`;
  return route.name;
}

function Header({ session }: { session: Session | null }) {
  const leave = () => {
    if (session?.signedInWith === 'oidc') {
      // The provider's session ends too; its sign-out page leads back to the start page.
      void import('./oidc').then((oidc) => oidc.signOutAtIdentityProvider());
      return;
    }
    signOut();
    window.location.hash = '#/';
  };
  return (
    <header className="app-header">
      <div className="kern-container app-header__bar">
        <p className="app-header__title">
          <a href="#/" className="app-header__home">
            Sozialraumbudget
          </a>
          <span className="app-header__subtitle">Steuerung der Sozialraumbudgets des Jugendamts</span>
        </p>
        {session ? (
          <div className="app-header__user">
            <p className="kern-body app-header__who">
              <span className="kern-sr-only">Angemeldet als </span>
              <strong>{session.name || 'Angemeldet'}</strong>
              <span className="app-header__meta">
                {session.roles.map(roleName).join(', ')}
                {session.provider ? ` ${session.provider}` : ''}
                {session.tenant ? ` · Mandant ${session.tenant}` : ''}
              </span>
            </p>
            <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={leave}>
              <span className="kern-icon kern-icon--logout" aria-hidden="true"></span>
              <span className="kern-label">Abmelden</span>
            </button>
          </div>
        ) : null}
      </div>
    </header>
  );
}

function Navigation({ route, session }: { route: Route; session: Session }) {
  return (
    <nav aria-label="Hauptnavigation" className="app-nav">
      <ul className="kern-container app-nav__list">
        {navigationFor(session.roles).map((item) => (
          <li key={item.page}>
            <a className="app-nav__link" href={href({ name: item.page })} aria-current={route.name === item.page ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A page loaded on first use, shown only to the roles that may open it. */
function Guarded({ page, session, children }: { page: PageName; session: Session; children: ReactNode }) {
  if (!mayOpen(session.roles, page)) return <NotAllowed page={page} />;
  return <Suspense fallback={<Loading label="Seite wird geladen …" />}>{children}</Suspense>;
}

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.name) {
    case 'overview':
      return <OverviewPage fiscalYear={route.fiscalYear} />;
    case 'sozialraum':
      return (
        <Suspense fallback={<Loading label="Seite wird geladen …" />}>
          <SozialraumYearPage
            sozialraumId={route.sozialraumId}
            fiscalYear={route.fiscalYear}
            asOf={route.asOf}
            knownAt={route.knownAt}
            compareKnownAt={route.compareKnownAt}
          />
        </Suspense>
      );
    case 'notifications':
      return (
        <Guarded page="notifications" session={session}>
          <NotificationsPage />
        </Guarded>
      );
    case 'invoice-queue':
      return (
        <Guarded page="invoice-queue" session={session}>
          <InvoiceQueuePage />
        </Guarded>
      );
    case 'audit-events':
      return (
        <Guarded page="audit-events" session={session}>
          <AuditEventsPage streamId={route.streamId} type={route.type} />
        </Guarded>
      );
    case 'audit-verification':
      return (
        <Guarded page="audit-verification" session={session}>
          <AuditVerificationPage />
        </Guarded>
      );
    case 'wirkung':
      return (
        <Guarded page="wirkung" session={session}>
          <WirkungPage sozialraumId={route.sozialraumId} fiscalYear={route.fiscalYear} asOf={route.asOf} knownAt={route.knownAt} />
        </Guarded>
      );
    case 'wirkung-comparison':
      return (
        <Guarded page="wirkung-comparison" session={session}>
          <WirkungComparisonPage fiscalYear={route.fiscalYear} indicator={route.indicator} />
        </Guarded>
      );
    case 'cases':
      return (
        <Guarded page="cases" session={session}>
          <CasesPage />
        </Guarded>
      );
    case 'case':
      return (
        <Guarded page="case" session={session}>
          <CasePage caseRef={route.caseRef} />
        </Guarded>
      );
    case 'flexible':
      return (
        <Guarded page="flexible" session={session}>
          <FlexiblePage fiscalYear={route.fiscalYear ?? currentFiscalYear()} />
        </Guarded>
      );
    case 'not-found':
      return (
        <>
          <PageHeading title="Seite nicht gefunden" />
          <p className="kern-body">
            Diese Adresse führt zu keiner Seite.{' '}
            <a className="kern-link" href="#/">
              Zur Übersicht
            </a>
          </p>
        </>
      );
  }
}

export function App() {
  const session = useSession();
  const route = useRoute();

  const main = useRef<HTMLElement>(null);
  const skipToContent = (event: MouseEvent) => {
    // A plain "#main" would be taken for a route.
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <>
      <a className="app-skip-link" href="#inhalt" onClick={skipToContent}>
        Zum Inhalt springen
      </a>
      <Header session={session} />
      {session ? <Navigation route={route} session={session} /> : null}
      <main id="inhalt" ref={main} tabIndex={-1} className="kern-container app-main">
        <ErrorBoundary resetKey={session ? routeKey(route) : 'sign-in'}>
          {session ? <Page key={routeKey(route)} route={route} session={session} /> : <SignInPage />}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <div className="kern-container">
          <p className="kern-body kern-body--small">Beträge in Euro. Hochrechnung = Ist + offene Bindungen; Schwellen bei 100, 105 und 110 % von B.</p>
        </div>
      </footer>
    </>
  );
}
