import { useMutation } from '@tanstack/react-query';
import { api, describeError, ok } from '../api/client';
import { downloadAuditExport } from '../api/download';
import type { AuditVerification } from '../api/types';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { auditExportFileName } from '../audit';
import { formatDateTime } from '../format';
import { useSession } from '../use-session';

function VerificationResult({ result }: { result: AuditVerification }) {
  const items: [string, string][] = [
    ['Geprüfte Ereignisse', String(result.eventsChecked)],
    ['Noch nicht verkettet', String(result.unchained)],
    ['Geprüfte Siegel', String(result.sealsChecked)],
    ['Siegelschlüssel eingerichtet', result.sealKeyConfigured ? 'Ja' : 'Nein'],
    ['Letzter Kettenwert', result.chainHead || '–'],
    ['Nachgerechnet am', formatDateTime(result.verifiedAt)],
  ];
  if (result.problemsElsewhere > 0) items.push(['Abweichungen außerhalb des Mandanten', String(result.problemsElsewhere)]);

  return (
    <>
      {result.ok ? <Alert kind="success" title="Die Prüfkette ist unverändert." /> : <Alert kind="danger" title="Die Prüfkette weist Abweichungen auf." />}
      <dl className="kern-description-list app-key-figures">
        {items.map(([key, value]) => (
          <div key={key} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{key}</dt>
            <dd className={`kern-description-list-item__value${key === 'Letzter Kettenwert' ? ' app-code' : ''}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {result.problems.length > 0 ? (
        <>
          <h3 className="kern-heading-small">Abweichungen ({result.problems.length})</h3>
          <ul className="kern-list kern-list--bullet">
            {result.problems.map((problem, index) => (
              <li key={`${index}-${problem}`} className="kern-body">
                {problem}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ExportButton({ tenant }: { tenant: string }) {
  const download = useMutation({ mutationFn: () => downloadAuditExport(tenant) });
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        aria-disabled={download.isPending}
        onClick={() => {
          if (!download.isPending) download.mutate();
        }}
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true"></span>
        <span className="kern-label">
          Export herunterladen
          {download.isPending ? ' – wird geladen …' : ''}
        </span>
      </button>
      {download.isError ? (
        <p className="kern-body app-download-error" role="alert">
          Der Export konnte nicht geladen werden: {describeError(download.error).title}
        </p>
      ) : null}
    </>
  );
}

/**
 * Prüfkette (Rechnungsprüfung): recomputes the hash chain over the whole event log on request
 * (GET /audit/verification) and downloads the log as NDJSON (GET /audit/export).
 */
export default function AuditVerificationPage() {
  const session = useSession();
  const tenant = session?.tenant ?? '';
  const verification = useMutation({ mutationFn: () => ok(api.GET('/audit/verification')) });

  return (
    <>
      <PageHeading title="Prüfkette" />
      <p className="kern-body">
        Jedes Ereignis trägt einen Hash über seinen Inhalt; die Prüfkette verbindet die Hashes in Buchungsreihenfolge. Das Nachrechnen zeigt, ob seit der
        Buchung etwas verändert, eingefügt oder entfernt wurde.
      </p>

      <section className="app-section" aria-labelledby="verification-heading">
        <h2 id="verification-heading" className="kern-heading-medium">
          Nachrechnen
        </h2>
        <div className="app-actions">
          <button
            type="button"
            className="kern-btn kern-btn--primary"
            aria-disabled={verification.isPending}
            onClick={() => {
              if (!verification.isPending) verification.mutate();
            }}
          >
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true"></span>
            <span className="kern-label">Prüfkette jetzt nachrechnen</span>
          </button>
        </div>
        {verification.isPending ? <Loading label="Die Prüfkette wird nachgerechnet …" /> : null}
        {verification.isError ? <ErrorNotice error={verification.error} context="Die Prüfkette" onRetry={() => verification.mutate()} /> : null}
        {verification.data ? <VerificationResult result={verification.data} /> : null}
      </section>

      <section className="app-section" aria-labelledby="export-heading">
        <h2 id="export-heading" className="kern-heading-medium">
          Export
        </h2>
        <p className="kern-body">
          Alle Ereignisse des Mandanten, die zu Beginn des Exports gebucht sind, als NDJSON (ein JSON-Objekt je Zeile) für die Werkzeuge der Rechnungsprüfung;
          Datei {auditExportFileName(tenant)}.
        </p>
        <ExportButton tenant={tenant} />
      </section>
    </>
  );
}
