import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, ok } from '../api/client';
import { downloadAuditExport, downloadCheckpointFile, savePublicKey } from '../api/download';
import { auditTrailQuery } from '../api/queries';
import type { AuditCheckpoint, AuditPublicKey, AuditVerification } from '../api/types';
import { Alert } from '../components/alert';
import { CountedList, DescriptionList } from '../components/description-list';
import { DownloadButton } from '../components/download-button';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { OfflineCheck } from './audit-offline-check';
import { auditExportFileName, checkpointFileName, publicKeyFileName, shortenHash, verifyOfflineCommand } from '../audit';
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
      <DescriptionList items={items} className="app-key-figures" code={['Letzter Kettenwert']} />
      {result.problems.length > 0 ? <CountedList title="Abweichungen" items={result.problems} /> : null}
    </>
  );
}

function ExportButton({ tenant }: { tenant: string }) {
  return <DownloadButton label="Export herunterladen" failure="Der Export konnte nicht geladen werden" download={() => downloadAuditExport(tenant)} />;
}

function CheckpointFileButton({ tenant }: { tenant: string }) {
  return (
    <DownloadButton label="Prüfpunkte herunterladen" failure="Die Prüfpunkte konnten nicht geladen werden" download={() => downloadCheckpointFile(tenant)} />
  );
}

function NewestCheckpoint({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  const items: [string, string][] = [
    ['Ereignisse im Prüfbaum', String(checkpoint.treeSize)],
    ['Signiert am', formatDateTime(checkpoint.signedAt)],
    ['Wurzel-Hash', shortenHash(checkpoint.rootHash, 16, 6)],
    ['Schlüsselkennung', checkpoint.keyId],
  ];
  return <DescriptionList items={items} className="app-key-figures" label="Neuester signierter Prüfpunkt" code={['Wurzel-Hash', 'Schlüsselkennung']} />;
}

function PublicKeys({ keys }: { keys: AuditPublicKey[] }) {
  const captionId = useId();
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption id={captionId} className="kern-title">
          Öffentliche Schlüssel der Prüfpunkte und Buchungssignaturen
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Schlüsselkennung
            </th>
            <th scope="col" className="kern-table__header">
              Name
            </th>
            <th scope="col" className="kern-table__header">
              Prüfpunkte
            </th>
            <th scope="col" className="kern-table__header">
              Datei
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {keys.map((key) => (
            <tr key={key.keyId} className="kern-table__row">
              <td className="kern-table__cell app-code">
                {key.keyId}
                {key.current ? ' (aktuell)' : ''}
              </td>
              <td className="kern-table__cell">{key.keyName}</td>
              <td className="kern-table__cell">{key.checkpoints}</td>
              <td className="kern-table__cell">
                <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => savePublicKey(key.keyId, key.publicKeyPem)}>
                  <span className="kern-label">{publicKeyFileName(key.keyId)} herunterladen</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What the Rechnungsprüfung takes away to verify the log on its own machine, without database
 * access and without any secret: the export, the signed checkpoints and the public key, and the
 * command that checks them. The key id is to be compared with the one the operator gave on paper.
 */
function OfflineVerification({ tenant }: { tenant: string }) {
  const trail = useQuery(auditTrailQuery());
  const current = trail.data?.keys.find((k) => k.current) ?? trail.data?.keys[0] ?? null;
  return (
    <section className="app-section" aria-labelledby="offline-heading">
      <h2 id="offline-heading" className="kern-heading-medium">
        Prüfung außerhalb des Systems
      </h2>
      <p className="kern-body">
        Export, Prüfpunkte und öffentlicher Schlüssel genügen, um das Protokoll ohne Zugang zur Datenbank und ohne Geheimnis zu prüfen: Jedes Ereignis ist ein
        Blatt des Prüfbaums, jede Buchung mit dem Schlüssel der Anwendung signiert, jeder Prüfpunkt signiert die Wurzel des Baums. Die Schlüsselkennung mit der
        vergleichen, die der Betrieb auf anderem Weg mitgeteilt hat; die Prüfpunktdatei aufbewahren.
      </p>
      {trail.isPending ? <Loading label="Prüfpunkte und Schlüssel werden geladen …" /> : null}
      {trail.isError ? <ErrorNotice error={trail.error} context="Die Prüfpunkte" onRetry={() => void trail.refetch()} /> : null}
      {trail.data ? (
        <>
          {trail.data.newest ? <NewestCheckpoint checkpoint={trail.data.newest} /> : <Alert kind="info" title="Noch kein Prüfpunkt signiert." />}
          {trail.data.keys.length ? <PublicKeys keys={trail.data.keys} /> : null}
          <div className="app-actions">
            <CheckpointFileButton tenant={tenant} />
          </div>
          <p className="kern-body">
            Mit den drei Dateien ({auditExportFileName(tenant)}, {checkpointFileName(tenant)} und dem Schlüssel) auf dem eigenen Rechner:
          </p>
          <pre className="app-code" aria-label="Befehl der Prüfung außerhalb des Systems">
            <code>{verifyOfflineCommand(tenant, current?.keyId ?? null)}</code>
          </pre>
        </>
      ) : null}
    </section>
  );
}

/**
 * Prüfkette (Rechnungsprüfung): recomputes the hash chain over the whole event log on request
 * (GET /audit/verification), downloads the log as NDJSON (GET /audit/export), hands out what the
 * offline verification takes and runs that verification in the browser over the auditor's files.
 */
export default function AuditVerificationPage() {
  const session = useSession();
  const tenant = session?.tenant ?? '';
  const verification = useMutation({ mutationFn: () => ok(api.GET('/audit/verification')) });

  return (
    <>
      <PageHeading title="Prüfkette" />
      <p className="kern-body">
        Jedes Ereignis ist ein Blatt eines Prüfbaums (RFC 9162), jede Buchung ist mit dem Schlüssel der Anwendung signiert und die Wurzel des Baums wird
        regelmäßig und zu jedem Monats- und Jahresabschluss signiert. Wer Export, Prüfpunkte und öffentlichen Schlüssel hat, erkennt ohne Zugang zum System, ob
        seither etwas verändert, eingefügt oder entfernt wurde. Das Nachrechnen im System prüft zusätzlich die Hash-Kette über alle Ereignisse.
      </p>

      <section className="app-section" aria-labelledby="verification-heading">
        <h2 id="verification-heading" className="kern-heading-medium">
          Im System nachrechnen
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

      <OfflineVerification tenant={tenant} />

      <OfflineCheck />
    </>
  );
}
