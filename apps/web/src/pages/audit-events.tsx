import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { auditEventsQuery } from '../api/queries';
import type { AuditEvent } from '../api/types';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { chainLabel, describeActor, describeShown, formatEventData, shortenHash } from '../audit';
import { formatDate, formatDateTime } from '../format';
import { navigate } from '../router';
import { useSession } from '../use-session';

interface Filter {
  streamId?: string;
  type?: string;
}

const COLUMN_COUNT = 9;

function FilterForm({ streamId, type }: Filter) {
  const session = useSession();
  const streamInputId = useId();
  const typeInputId = useId();
  const [streamInput, setStreamInput] = useState(streamId ?? '');
  const [typeInput, setTypeInput] = useState(type ?? '');
  useEffect(() => {
    setStreamInput(streamId ?? '');
    setTypeInput(type ?? '');
  }, [streamId, type]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ name: 'audit-events', streamId: streamInput.trim() || undefined, type: typeInput.trim() || undefined });
  };

  return (
    <form className="app-view-form" onSubmit={submit} aria-label="Ereignisse filtern">
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Filter</legend>
        <div className="kern-fieldset__body kern-fieldset__body--horizontal app-view-form__fields">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={streamInputId}>
              Datenstrom
            </label>
            <div className="kern-hint" id={`${streamInputId}-hint`}>
              Volle Kennung, z. B. {session?.tenant || 'HRO-JA'}/case/TW-25-001; leer: alle
            </div>
            <input
              id={streamInputId}
              className="kern-form-input__input"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={streamInput}
              aria-describedby={`${streamInputId}-hint`}
              onChange={(event) => setStreamInput(event.target.value)}
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={typeInputId}>
              Ereignistyp
            </label>
            <div className="kern-hint" id={`${typeInputId}-hint`}>
              Z. B. InvoiceVerified; leer: alle
            </div>
            <input
              id={typeInputId}
              className="kern-form-input__input"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={typeInput}
              aria-describedby={`${typeInputId}-hint`}
              onChange={(event) => setTypeInput(event.target.value)}
            />
          </div>
        </div>
      </fieldset>
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Filtern</span>
        </button>
        {streamId || type ? (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => navigate({ name: 'audit-events' })}>
            <span className="kern-label">Filter zurücksetzen</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

function EventDetails({ event, id }: { event: AuditEvent; id: string }) {
  const details: [string, string][] = [
    ['Ereignis-ID', event.eventId],
    ['Hash (SHA-256)', event.eventHash],
    ['Nutzer', event.actor.userId],
    ['Korrelation', event.correlationId],
    ['Verursacht durch', event.causationId ?? '–'],
    ['Version im Datenstrom', String(event.streamVersion)],
    ['Schemaversion', String(event.schemaVersion)],
  ];
  return (
    <tr id={id} className="kern-table__row app-event-details">
      <td className="kern-table__cell" colSpan={COLUMN_COUNT}>
        <dl className="kern-description-list app-event-details__list">
          {details.map(([key, value]) => (
            <div key={key} className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{key}</dt>
              <dd className="kern-description-list-item__value app-code">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="app-json" role="region" aria-label={`Inhalt des Ereignisses ${event.position}`} tabIndex={0}>
          <pre>{formatEventData(event.data)}</pre>
        </div>
      </td>
    </tr>
  );
}

function EventRow({ event, idPrefix, expanded, onToggle }: { event: AuditEvent; idPrefix: string; expanded: boolean; onToggle: () => void }) {
  const positionId = `${idPrefix}-position-${event.position}`;
  const detailsId = `${idPrefix}-details-${event.position}`;
  return (
    <>
      <tr className="kern-table__row">
        <th scope="row" id={positionId} className="kern-table__header kern-table__cell--numeric">
          <span className="kern-sr-only">Position </span>
          {event.position}
        </th>
        <td className="kern-table__cell app-nowrap">{formatDateTime(event.recordedAt)}</td>
        <td className="kern-table__cell app-nowrap">
          {event.businessDate ? (
            formatDate(event.businessDate)
          ) : (
            <>
              <span aria-hidden="true">–</span>
              <span className="kern-sr-only">kein Geschäftsdatum</span>
            </>
          )}
        </td>
        <td className="kern-table__cell">{event.type}</td>
        <td className="kern-table__cell app-code">{event.streamId}</td>
        <td className="kern-table__cell">{describeActor(event.actor)}</td>
        <td className="kern-table__cell">
          <code className="app-code" title={event.eventHash}>
            {shortenHash(event.eventHash)}
          </code>
        </td>
        <td className="kern-table__cell">{event.chainIndex ?? <span className="app-muted">{chainLabel(event.chainIndex)}</span>}</td>
        <td className="kern-table__cell">
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-describedby={positionId}
            onClick={onToggle}
          >
            <span className={`kern-icon kern-icon--${expanded ? 'arrow-up' : 'arrow-down'}`} aria-hidden="true"></span>
            <span className="kern-label">Inhalt anzeigen</span>
          </button>
        </td>
      </tr>
      {expanded ? <EventDetails event={event} id={detailsId} /> : null}
    </>
  );
}

function describeFilter({ streamId, type }: Filter): string {
  const parts: string[] = [];
  if (streamId) parts.push(`Datenstrom „${streamId}“`);
  if (type) parts.push(`Ereignistyp „${type}“`);
  return parts.length ? `, gefiltert nach ${parts.join(' und ')}` : '';
}

/**
 * Ereignisprotokoll (Rechnungsprüfung): the tenant's events in commit order from GET /audit/events,
 * with who booked them, their hash and chain link; filtered by stream or type, page by page.
 */
export default function AuditEventsPage({ streamId, type }: Filter) {
  const filter = { streamId, type };
  const events = useInfiniteQuery(auditEventsQuery(filter));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const captionId = useId();
  const idPrefix = useId();
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  const toggle = (eventId: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(eventId)) next.delete(eventId);
      else next.add(eventId);
      return next;
    });

  return (
    <>
      <PageHeading title="Ereignisprotokoll" />
      <p className="kern-body">
        Alle Buchungen des Mandanten in der Reihenfolge, in der sie gebucht wurden, mit Hash und Glied der Prüfkette. Den Inhalt eines Ereignisses zeigt „Inhalt
        anzeigen“.
      </p>
      <FilterForm streamId={streamId} type={type} />

      {events.isPending ? <Loading label="Ereignisse werden geladen …" /> : null}
      {events.isError && !events.data ? <ErrorNotice error={events.error} context="Das Ereignisprotokoll" onRetry={() => void events.refetch()} /> : null}

      {events.data ? (
        <>
          <p className="kern-body app-view-line" role="status">
            {describeShown(items.length, events.hasNextPage)}
            {describeFilter(filter)}
          </p>
          {items.length === 0 ? (
            <Alert kind="info" title={streamId || type ? 'Zu diesem Filter gibt es keine Ereignisse.' : 'Das Ereignisprotokoll ist leer.'} />
          ) : (
            <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="kern-table kern-table--small kern-table--striped">
                <caption id={captionId} className="kern-title">
                  Ereignisse in Buchungsreihenfolge
                </caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header kern-table__header--numeric">
                      Position
                    </th>
                    <th scope="col" className="kern-table__header">
                      Buchungszeitpunkt
                    </th>
                    <th scope="col" className="kern-table__header">
                      Geschäftsdatum
                    </th>
                    <th scope="col" className="kern-table__header">
                      Ereignistyp
                    </th>
                    <th scope="col" className="kern-table__header">
                      Datenstrom
                    </th>
                    <th scope="col" className="kern-table__header">
                      Wer
                    </th>
                    <th scope="col" className="kern-table__header">
                      Hash
                    </th>
                    <th scope="col" className="kern-table__header">
                      Kette
                    </th>
                    <th scope="col" className="kern-table__header">
                      Inhalt
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {items.map((event) => (
                    <EventRow
                      key={event.eventId}
                      event={event}
                      idPrefix={idPrefix}
                      expanded={expanded.has(event.eventId)}
                      onToggle={() => toggle(event.eventId)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {events.isFetchNextPageError ? <ErrorNotice error={events.error} context="Weitere Ereignisse" onRetry={() => void events.fetchNextPage()} /> : null}
          {events.hasNextPage ? (
            <div className="app-actions">
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                aria-disabled={events.isFetchingNextPage}
                onClick={() => {
                  if (!events.isFetchingNextPage) void events.fetchNextPage();
                }}
              >
                <span className="kern-icon kern-icon--arrow-down" aria-hidden="true"></span>
                <span className="kern-label">
                  Weitere Ereignisse laden
                  {events.isFetchingNextPage ? ' – wird geladen …' : ''}
                </span>
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
