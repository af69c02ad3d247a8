import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '../components/alert';
import { CountedList, DescriptionList } from '../components/description-list';
import { Loading } from '../components/loading';
import { shortenHash } from '../audit';
import { formatDateTime } from '../format';
import {
  type OfflineCheckAnswer,
  type OfflineCheckReport,
  type OfflineCheckRequest,
  describeCheckpointResult,
  describeFileProblem,
  describeFindingPlace,
  describeOutcome,
} from '../offline-check';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; lines: number }
  | { kind: 'done'; report: OfflineCheckReport }
  | { kind: 'rejected'; message: string }
  | { kind: 'incomplete'; missing: string[] };

function CheckpointTable({ report }: { report: OfflineCheckReport }) {
  const captionId = useId();
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption id={captionId} className="kern-title">
          Signierte Prüfpunkte
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Ereignisse
            </th>
            <th scope="col" className="kern-table__header">
              Signiert am
            </th>
            <th scope="col" className="kern-table__header">
              Ergebnis
            </th>
            <th scope="col" className="kern-table__header">
              Quelle
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {report.checkpoints.map((checkpoint) => (
            <tr key={`${checkpoint.treeSize}-${checkpoint.rootHash}-${checkpoint.source}`} className="kern-table__row">
              <td className="kern-table__cell kern-table__cell--numeric">{checkpoint.treeSize}</td>
              <td className="kern-table__cell">{checkpoint.signedAt ? formatDateTime(checkpoint.signedAt) : '–'}</td>
              <td className="kern-table__cell">{describeCheckpointResult(checkpoint.result)}</td>
              <td className="kern-table__cell">{checkpoint.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: OfflineCheckReport }) {
  const figures: [string, string][] = [
    ['Ereignisse im Export', String(report.events)],
    ['Davon durch einen Prüfpunkt abgedeckt', String(report.coveredEvents)],
    ['Geprüfte Buchungssignaturen', String(report.appendSignatures.verifiedAppends)],
    ['Ereignisse unter geprüfter Signatur', String(report.appendSignatures.signedEvents)],
    ['Ereignisse von vor den Buchungssignaturen', String(report.appendSignatures.unsignedBeforeSigning)],
    ['Wurzel-Hash des Exports', shortenHash(report.rootHash, 16, 6)],
  ];
  if (report.tenantId) figures.unshift(['Mandant', report.tenantId]);
  return (
    <>
      {report.ok ? <Alert kind="success" title={describeOutcome(report)} /> : <Alert kind="danger" title={describeOutcome(report)} />}
      <DescriptionList items={figures} className="app-key-figures" label="Ergebnis der Prüfung im Browser" code={['Wurzel-Hash des Exports']} />
      {report.checkpoints.length ? <CheckpointTable report={report} /> : null}
      {report.findings.length ? (
        <>
          <h3 className="kern-heading-small">Befunde ({report.findings.length + report.moreFindings})</h3>
          <p className="kern-body">Wortlaut des Prüfprogramms, wie ihn auch die Prüfung auf der Kommandozeile ausgibt.</p>
          <ul className="kern-list kern-list--bullet" aria-label="Befunde">
            {report.findings.map((finding, index) => (
              <li key={`${index}-${finding.leafIndex}`} className="kern-body">
                <strong>{describeFindingPlace(finding)}:</strong> {finding.message}
              </li>
            ))}
          </ul>
          {report.moreFindings ? <p className="kern-body">… und {report.moreFindings} weitere.</p> : null}
        </>
      ) : null}
      {report.problems.length ? (
        <CountedList title="Probleme mit Prüfpunkten und Schlüsseln" items={report.problems} label="Probleme mit Prüfpunkten und Schlüsseln" />
      ) : null}
    </>
  );
}

function FileField({ id, label, hint, multiple, accept }: { id: string; label: string; hint: string; multiple?: boolean; accept: string }) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <input className="kern-form-input__input" type="file" id={id} name={id} accept={accept} multiple={multiple} aria-describedby={`${id}-hint`} />
    </div>
  );
}

/**
 * The offline verification in the auditor's browser: the export, the checkpoint files and the
 * public key the Rechnungsprüfung keeps are read from its own disk and checked by the command
 * line's verifier in a worker; nothing is uploaded. Checked against files the auditor stored
 * (not ones fetched from the system just now), it needs no trust in the operator's database;
 * the page's code itself comes from the operator, which is why the command line stays the
 * check of record.
 */
export function OfflineCheck() {
  const formId = useId();
  const ids = { export: `${formId}-export`, checkpoints: `${formId}-checkpoints`, keys: `${formId}-keys` };
  const [state, setState] = useState<State>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);

  useEffect(() => () => worker.current?.terminate(), []);

  function start(form: HTMLFormElement) {
    const files = (id: string) => [...((form.elements.namedItem(id) as HTMLInputElement | null)?.files ?? [])];
    const [exportFile] = files(ids.export);
    const checkpointFiles = files(ids.checkpoints);
    const keyFiles = files(ids.keys);
    const missing = [
      !exportFile && 'den Export',
      !checkpointFiles.length && 'mindestens eine Prüfpunktdatei',
      !keyFiles.length && 'den öffentlichen Schlüssel',
    ];
    if (!exportFile || !checkpointFiles.length || !keyFiles.length) {
      setState({ kind: 'incomplete', missing: missing.filter((m): m is string => Boolean(m)) });
      return;
    }
    worker.current?.terminate();
    const running = new Worker(new URL('../../verifier/offline-verification.worker.ts', import.meta.url), { type: 'module', name: 'Prüfung im Browser' });
    worker.current = running;
    setState({ kind: 'running', lines: 0 });
    running.onmessage = (event: MessageEvent<OfflineCheckAnswer>) => {
      const answer = event.data;
      if (answer.kind === 'progress') setState({ kind: 'running', lines: answer.lines });
      else {
        setState(answer.kind === 'done' ? { kind: 'done', report: answer.report } : { kind: 'rejected', message: describeFileProblem(answer.problem) });
        running.terminate();
      }
    };
    running.onerror = (event) => {
      setState({ kind: 'rejected', message: describeFileProblem({ reason: 'failed', file: null, detail: event.message || 'unbekannter Fehler' }) });
      running.terminate();
    };
    const request: OfflineCheckRequest = { exportFile, checkpointFiles, keyFiles };
    running.postMessage(request);
  }

  return (
    <section className="app-section" aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`} className="kern-heading-medium">
        Im Browser prüfen
      </h2>
      <p className="kern-body">
        Dieselbe Prüfung wie auf der Kommandozeile, hier im Browser: Die Dateien werden nur auf diesem Rechner gelesen, nichts wird hochgeladen. Am
        aussagekräftigsten mit den Prüfpunkten, die die Rechnungsprüfung früher erhalten und selbst aufbewahrt hat.
      </p>
      <form
        noValidate
        aria-label="Dateien im Browser prüfen"
        onSubmit={(event) => {
          event.preventDefault();
          if (state.kind !== 'running') start(event.currentTarget);
        }}
      >
        <FileField
          id={ids.export}
          label="Export (NDJSON)"
          hint="Die Datei des Exports, z. B. ereignisse-HRO-JA.ndjson."
          accept=".ndjson,.jsonl,.txt,application/x-ndjson"
        />
        <FileField
          id={ids.checkpoints}
          label="Prüfpunktdateien"
          hint="Eine oder mehrere aufbewahrte Prüfpunktdateien (JSON)."
          multiple
          accept=".json,application/json"
        />
        <FileField id={ids.keys} label="Öffentlicher Schlüssel" hint="PEM-Datei oder Prüfschlüssel-Text des Betriebs." multiple accept=".pem,.pub,.txt" />
        <div className="app-actions">
          <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={state.kind === 'running'}>
            <span className="kern-label">Dateien prüfen</span>
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state.kind === 'running' ? (
          <Loading label={state.lines ? `Die Dateien werden geprüft … ${state.lines} Zeilen gelesen` : 'Die Dateien werden geprüft …'} />
        ) : null}
        {state.kind === 'incomplete' ? <Alert kind="warning" title={`Bitte ${state.missing.join(', ')} auswählen.`} /> : null}
        {state.kind === 'rejected' ? <Alert kind="danger" title={state.message} /> : null}
        {state.kind === 'done' ? <Report report={state.report} /> : null}
      </div>
    </section>
  );
}
