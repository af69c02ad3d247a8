import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { NOTIFICATIONS_POLL_MS, markNotificationsRead, notificationsQuery, sozialraeumeQuery, unreadNotificationsQuery } from '../api/queries';
import type { NotificationItem } from '../api/types';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { formatDate, formatDateTime, formatTimeOfDay } from '../format';
import {
  announceNew,
  comparePositions,
  describeShownNotifications,
  findNew,
  isUnread,
  newestPosition,
  notificationSeverity,
  notificationTypeLabel,
} from '../notifications';
import { href } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';

/**
 * Which notifications arrived while the page is open: the ids read so far and how many pages were
 * loaded, so that a poll's new notifications count as new and older ones loaded on request do not.
 */
function useNewNotifications(pages: readonly (readonly NotificationItem[])[] | undefined) {
  const seen = useRef<Set<string> | null>(null);
  const knownPages = useRef(0);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!pages) return;
    const ids = pages.flat().map((item) => item.eventId);
    if (seen.current === null) {
      seen.current = new Set(ids);
      knownPages.current = pages.length;
      return;
    }
    const added = findNew(seen.current, pages, knownPages.current);
    for (const id of ids) seen.current.add(id);
    knownPages.current = pages.length;
    if (added.length > 0) {
      setFresh((previous) => new Set([...previous, ...added]));
      setAnnouncement(`${announceNew(added.length)} (${formatTimeOfDay(new Date())} Uhr)`);
    }
  }, [pages]);

  return { fresh, announcement };
}

/**
 * The read mark: which notifications the user had not read when the page opened (marked
 * "ungelesen"), and moving the mark to the newest one shown, at opening and whenever newer ones
 * arrive while the page is open. Auditors keep no mark (they never write).
 */
function useReadMark(items: readonly NotificationItem[] | undefined, keepsMark: boolean) {
  const queryClient = useQueryClient();
  const mark = useQuery({ ...unreadNotificationsQuery(), enabled: keepsMark, refetchInterval: false });
  const [readBefore, setReadBefore] = useState<string | null | undefined>(undefined);
  const marked = useRef<string | null>(null);
  const [failed, setFailed] = useState(false);

  // What was read before this visit, taken once: later marks of this visit do not hide the badges.
  useEffect(() => {
    if (mark.data && readBefore === undefined) setReadBefore(mark.data.readUpTo);
  }, [mark.data, readBefore]);

  const newest = items ? newestPosition(items) : null;
  useEffect(() => {
    if (!keepsMark || readBefore === undefined || newest === null) return;
    if (marked.current !== null && comparePositions(newest, marked.current) <= 0) return;
    if (readBefore !== null && comparePositions(newest, readBefore) <= 0) return;
    marked.current = newest;
    markNotificationsRead(newest).then(
      () => {
        setFailed(false);
        void queryClient.invalidateQueries({ queryKey: ['notifications-unread'] });
      },
      () => {
        marked.current = null;
        setFailed(true);
      },
    );
  }, [keepsMark, readBefore, newest, queryClient]);

  return { readBefore: keepsMark ? readBefore : undefined, failed };
}

function SozialraumCell({ item, name, link }: { item: NotificationItem; name: string | undefined; link: boolean }) {
  const label = name ?? item.sozialraumId;
  return (
    <>
      {link ? (
        <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId: item.sozialraumId, fiscalYear: item.fiscalYear })}>
          {label}
        </a>
      ) : (
        label
      )}
      {name && name !== item.sozialraumId ? <span className="app-muted app-block">{item.sozialraumId}</span> : null}
    </>
  );
}

/**
 * Meldungen: the steering notifications of the tenant, newest first (GET /notifications), asked
 * again every 15 seconds; notifications that arrive while the page is open are marked and announced,
 * those recorded since the last visit are marked "ungelesen", and opening the page reads them.
 */
export default function NotificationsPage() {
  const session = useSession();
  // The Sozialraum-Jahr page shows its figures only to the roles that may read the steering.
  const linkSteering = hasRole(session, 'controller', 'auditor');
  const notifications = useInfiniteQuery(notificationsQuery());
  const names = useQuery(sozialraeumeQuery());
  const captionId = useId();
  const pages = notifications.data?.pages;
  const pageItems = useMemo(() => pages?.map((page) => page.items), [pages]);
  const items = pageItems?.flat() ?? [];
  const { fresh, announcement } = useNewNotifications(pageItems);
  const { readBefore, failed: markFailed } = useReadMark(pageItems?.flat(), hasRole(session, 'controller', 'caseworker', 'wiju'));
  const unreadSinceLastVisit = (item: NotificationItem) => readBefore !== undefined && isUnread(item, readBefore) && !fresh.has(item.eventId);
  const updatedAt = notifications.dataUpdatedAt ? new Date(notifications.dataUpdatedAt) : null;

  return (
    <>
      <PageHeading title="Meldungen" />
      <p className="kern-body">
        Schwellenüberschreitungen und ihre Korrekturen, Unterschreitungen, Berichte an die Kämmerei, Anträge und Entscheidungen über über- und außerplanmäßige
        Aufwendungen und Jahresabrechnungen. Die Liste wird alle {NOTIFICATIONS_POLL_MS / 1000} Sekunden aktualisiert.
      </p>

      <div className="app-actions app-refresh-line">
        <p className="kern-body app-muted">
          {updatedAt ? (
            <>
              Zuletzt aktualisiert: <time dateTime={updatedAt.toISOString()}>{formatTimeOfDay(updatedAt)} Uhr</time>
            </>
          ) : (
            'Noch nicht geladen'
          )}
        </p>
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => void notifications.refetch()}>
          <span className="kern-icon kern-icon--autorenew" aria-hidden="true"></span>
          <span className="kern-label">Jetzt aktualisieren</span>
        </button>
      </div>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>

      {markFailed ? (
        <Alert kind="warning" title="Die Meldungen konnten nicht als gelesen vermerkt werden.">
          <p className="kern-body">Sie erscheinen in der Übersicht weiter als ungelesen; beim nächsten Aktualisieren wird es erneut versucht.</p>
        </Alert>
      ) : null}
      {notifications.isPending ? <Loading label="Meldungen werden geladen …" /> : null}
      {notifications.isError && !notifications.data ? (
        <ErrorNotice error={notifications.error} context="Die Meldungen" onRetry={() => void notifications.refetch()} />
      ) : null}
      {notifications.isRefetchError ? (
        <Alert kind="warning" title="Die Meldungen konnten zuletzt nicht aktualisiert werden.">
          <p className="kern-body">Die Liste zeigt den letzten Stand; es wird in {NOTIFICATIONS_POLL_MS / 1000} Sekunden erneut versucht.</p>
        </Alert>
      ) : null}

      {notifications.data ? (
        <>
          <p className="kern-body">{describeShownNotifications(items.length, notifications.hasNextPage)}</p>
          {items.length === 0 ? (
            <Alert kind="info" title="Es liegen keine Meldungen vor." />
          ) : (
            <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="kern-table kern-table--striped">
                <caption id={captionId} className="kern-title">
                  Meldungen, neueste zuerst
                </caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      Geschäftsdatum
                    </th>
                    <th scope="col" className="kern-table__header">
                      Sozialraum
                    </th>
                    <th scope="col" className="kern-table__header">
                      Haushaltsjahr
                    </th>
                    <th scope="col" className="kern-table__header">
                      Art
                    </th>
                    <th scope="col" className="kern-table__header">
                      Meldung
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {items.map((item) => (
                    <tr key={item.eventId} className={`kern-table__row${fresh.has(item.eventId) ? ' app-row--new' : ''}`}>
                      <th scope="row" className="kern-table__header app-nowrap">
                        {formatDate(item.businessDate)}
                        <span className="app-muted app-block kern-body--small">gebucht {formatDateTime(item.recordedAt)}</span>
                      </th>
                      <td className="kern-table__cell">
                        <SozialraumCell item={item} name={names.data?.get(item.sozialraumId)} link={linkSteering} />
                      </td>
                      <td className="kern-table__cell">{item.fiscalYear}</td>
                      <td className="kern-table__cell">
                        <span className={`kern-badge kern-badge--${notificationSeverity(item.type)}`}>
                          <span className="kern-label">{notificationTypeLabel(item.type)}</span>
                        </span>
                        {fresh.has(item.eventId) ? (
                          <span className="kern-badge kern-badge--success app-badge">
                            <span className="kern-label">neu</span>
                          </span>
                        ) : null}
                        {unreadSinceLastVisit(item) ? (
                          <span className="kern-badge kern-badge--info app-badge">
                            <span className="kern-label">ungelesen</span>
                          </span>
                        ) : null}
                      </td>
                      <td className="kern-table__cell">{item.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {notifications.isFetchNextPageError ? (
            <ErrorNotice error={notifications.error} context="Weitere Meldungen" onRetry={() => void notifications.fetchNextPage()} />
          ) : null}
          {notifications.hasNextPage ? (
            <div className="app-actions">
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                aria-disabled={notifications.isFetchingNextPage}
                onClick={() => {
                  if (!notifications.isFetchingNextPage) void notifications.fetchNextPage();
                }}
              >
                <span className="kern-icon kern-icon--arrow-down" aria-hidden="true"></span>
                <span className="kern-label">
                  Weitere Meldungen laden
                  {notifications.isFetchingNextPage ? ' – wird geladen …' : ''}
                </span>
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
