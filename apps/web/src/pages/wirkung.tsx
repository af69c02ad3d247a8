import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { downloadJhaReportCsv } from '../api/download';
import { sozialraeumeQuery, viewQuery } from '../api/queries';
import type { IndicatorReports, PerformanceEvaluation, TargetAgreements, TargetAgreementVersion, WirkungEvaluation, WirkungMonitoring } from '../api/types';
import {
  answerTargetAgreement,
  evaluationQuery,
  indicatorCatalogueQuery,
  indicatorReportsQuery,
  jhaReportQuery,
  reportIndicatorValue,
  targetAgreementsQuery,
  wirkungQuery,
  type ReportBody,
} from '../api/wirkung';
import { Alert } from '../components/alert';
import { DescriptionList } from '../components/description-list';
import { ErrorBoundary } from '../components/error-boundary';
import { ViewInput } from '../components/view-input';
import { DownloadButton } from '../components/download-button';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { berlinLocalToIso, describeView, formatDate, formatDateTime, formatDecimal, isoToBerlinLocal } from '../format';
import { href, navigate } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';
import {
  ACTION_DONE,
  ACTION_LABEL,
  AGREEMENT_STATUS_LABEL,
  agreementActions,
  agreementHistory,
  bonusRuleText,
  evaluationFigures,
  evaluationRows,
  formatIndicatorValue,
  indicatorRows,
  normaliseReportValue,
  partyOf,
  periodOptions,
  reportableIndicators,
  reportRows,
  weightedIndicators,
  type AgreementAction,
} from '../wirkung';

/** ECharts is large: it is loaded only when the page shows a chart. */
const WirkungChart = lazy(() => import('./wirkung-chart'));

type Submissions = ReturnType<typeof useSubmission>;

interface Props {
  sozialraumId: string;
  fiscalYear: number;
  asOf?: string;
  knownAt?: string;
}

interface Problem {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  reportId?: string;
  errors?: { field: string; message: string }[];
}

function problemOf(error: unknown): Problem | undefined {
  if (!error) return undefined;
  if (!isApiError(error)) return { status: 0, detail: 'Der Server ist nicht erreichbar; bitte erneut versuchen.' };
  const problem = (error.problem ?? {}) as Partial<Problem>;
  return { status: error.status, type: problem.type, title: problem.title, detail: problem.detail, reportId: problem.reportId, errors: problem.errors };
}

function ViewForm({ sozialraumId, fiscalYear, asOf, knownAt }: Props) {
  const [asOfInput, setAsOfInput] = useState(asOf ?? '');
  const [knownAtInput, setKnownAtInput] = useState(knownAt ? isoToBerlinLocal(knownAt) : '');
  useEffect(() => {
    setAsOfInput(asOf ?? '');
    setKnownAtInput(knownAt ? isoToBerlinLocal(knownAt) : '');
  }, [asOf, knownAt]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({
      name: 'wirkung',
      sozialraumId,
      fiscalYear,
      asOf: asOfInput || undefined,
      knownAt: knownAtInput ? (berlinLocalToIso(knownAtInput) ?? undefined) : undefined,
    });
  };
  return (
    <form className="app-view-form" onSubmit={submit} aria-label="Ansicht wählen">
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Ansicht</legend>
        <div className="kern-fieldset__body kern-fieldset__body--horizontal app-view-form__fields">
          <ViewInput field="asOf" value={asOfInput} onChange={setAsOfInput} />
          <ViewInput field="knownAt" value={knownAtInput} onChange={setKnownAtInput} />
        </div>
      </fieldset>
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Ansicht anzeigen</span>
        </button>
        {asOf || knownAt ? (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => navigate({ name: 'wirkung', sozialraumId, fiscalYear })}>
            <span className="kern-label">Auf heute zurücksetzen</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

function AgreementActions({
  version,
  agreements,
  keyOf,
  submissions,
  announce,
  reload,
}: {
  version: TargetAgreementVersion;
  agreements: TargetAgreements;
  keyOf: { sozialraumId: string; fiscalYear: number };
  submissions: Submissions;
  announce: (text: string) => void;
  reload: () => void;
}) {
  const session = useSession();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const actions = agreementActions(version, partyOf(session?.roles ?? []));
  if (actions.length === 0) return null;
  const intents = actions.map((action) => `${action}:${version.agreementId}`);
  const failed = intents.map((intent) => problemOf(submissions.errorOf(intent))).find(Boolean);
  const failedIntent = intents.find((intent) => submissions.errorOf(intent));

  const answer = async (action: AgreementAction) => {
    const intent = `${action}:${version.agreementId}`;
    const done = await submissions.submit(intent, (idempotencyKey) =>
      answerTargetAgreement(keyOf, version.agreementId, action, reason, { idempotencyKey, version: agreements.version }),
    );
    if (done) {
      setReason('');
      announce(`Zielvereinbarung ${version.agreementId} ${ACTION_DONE[action]}.`);
      reload();
    }
  };

  return (
    <form className="app-inline-form" aria-label={`Vorschlag ${version.agreementId} beantworten`} onSubmit={(event) => event.preventDefault()}>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={reasonId}>
          Begründung (freiwillig)
        </label>
        <textarea
          id={reasonId}
          className="kern-form-input__input"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="app-actions">
        {actions.map((action) => {
          const intent = `${action}:${version.agreementId}`;
          return (
            <button
              key={action}
              type="button"
              className={`kern-btn ${action === 'agree' ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
              aria-disabled={submissions.isPending(intent)}
              onClick={() => {
                if (!submissions.isPending(intent)) void answer(action);
              }}
            >
              <span className="kern-label">
                {ACTION_LABEL[action]}
                {submissions.isPending(intent) ? ' – wird gebucht …' : ''}
              </span>
            </button>
          );
        })}
      </div>
      {failed && failedIntent ? (
        failed.status === 412 ? (
          <Alert kind="warning" title="Die Zielvereinbarung wurde inzwischen geändert.">
            <p className="kern-body">Ihre Antwort wurde nicht gebucht. Laden Sie den aktuellen Stand und entscheiden Sie dann neu.</p>
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => {
                submissions.dismiss(failedIntent);
                reload();
              }}
            >
              <span className="kern-label">Neu laden</span>
            </button>
          </Alert>
        ) : (
          <Alert kind="danger" title={failed.title ?? 'Die Antwort konnte nicht gebucht werden.'}>
            {failed.detail ? <p className="kern-body">{failed.detail}</p> : null}
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => submissions.dismiss(failedIntent)}>
              <span className="kern-label">Hinweis schließen</span>
            </button>
          </Alert>
        )
      ) : null}
    </form>
  );
}

function AgreementIndicatorsTable({ version, monitoring }: { version: TargetAgreementVersion; monitoring: WirkungMonitoring | undefined }) {
  const byKey = new Map((monitoring?.indicators ?? []).map((i) => [i.indicatorKey, i]));
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small kern-table--striped">
        <caption className="kern-title">Ziele der Zielvereinbarung {version.agreementId}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Indikator
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Ausgangswert
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Ziel
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Gewicht
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {version.indicators.map((goal) => {
            const indicator = byKey.get(goal.indicatorKey);
            const unit = indicator?.unit ?? 'count';
            return (
              <tr key={goal.indicatorKey} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {indicator?.name ?? goal.indicatorKey}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{formatIndicatorValue(goal.baseline, unit)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatIndicatorValue(goal.target, unit)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{goal.weight}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AgreementSection({
  agreements,
  monitoring,
  keyOf,
  submissions,
  announce,
  reload,
}: {
  agreements: TargetAgreements;
  monitoring: WirkungMonitoring | undefined;
  keyOf: { sozialraumId: string; fiscalYear: number };
  submissions: Submissions;
  announce: (text: string) => void;
  reload: () => void;
}) {
  const open = [...agreements.versions].reverse().find((v) => v.status === 'proposed');
  const shown = open ?? agreements.inForce ?? agreements.versions[agreements.versions.length - 1];
  if (!shown) return <p className="kern-body">Für dieses Haushaltsjahr ist noch keine Zielvereinbarung vorgeschlagen.</p>;
  return (
    <>
      <p className="kern-body" data-testid="agreement-state">
        {agreements.inForce ? (
          <strong>Zielvereinbarung {agreements.inForce.agreementId} ist in Kraft.</strong>
        ) : (
          <strong>Keine Zielvereinbarung in Kraft.</strong>
        )}
        {open && open !== agreements.inForce ? ` Offener Vorschlag: ${open.agreementId}.` : ''}
      </p>
      <h3 className="kern-heading-small">
        {shown.agreementId} (Fassung {shown.version})
      </h3>
      <DescriptionList
        items={[
          ['Stand', AGREEMENT_STATUS_LABEL[shown.status]],
          ['Verlauf', agreementHistory(shown)],
          ['Begründung', shown.reason],
          ...(shown.answer?.reason ? ([['Begründung der Antwort', shown.answer.reason]] as [string, string][]) : []),
          ['Prämienregel', bonusRuleText(shown.bonus)],
        ]}
      />
      <AgreementIndicatorsTable version={shown} monitoring={monitoring} />
      <AgreementActions version={shown} agreements={agreements} keyOf={keyOf} submissions={submissions} announce={announce} reload={reload} />
      {agreements.versions.length > 1 ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-title">Alle Vorschläge</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Vorschlag
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
                <th scope="col" className="kern-table__header">
                  Verlauf
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {agreements.versions.map((v) => (
                <tr key={v.agreementId} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {v.agreementId}
                  </th>
                  <td className="kern-table__cell">{AGREEMENT_STATUS_LABEL[v.status]}</td>
                  <td className="kern-table__cell">{agreementHistory(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function IndicatorTable({ monitoring, fiscalYear }: { monitoring: WirkungMonitoring; fiscalYear: number }) {
  const rows = indicatorRows(monitoring);
  return (
    <>
      <p className="kern-body">
        Zeitraum {formatDate(monitoring.period.from)} bis {formatDate(monitoring.period.to)}.
        {monitoring.residentsUnder21 !== null ? ` Einwohner unter 21: ${formatDecimal(String(monitoring.residentsUnder21), 0)}` : ''}
        {monitoring.factsFrom
          ? ` (${monitoring.factsFrom.source === 'statistics' ? 'Statistikamt' : 'Stammdaten'}, gültig ab ${formatDate(monitoring.factsFrom.validFrom)}).`
          : ''}
      </p>
      <div className="kern-table-responsive" role="region" aria-labelledby="wirkung-indicators-caption" tabIndex={0}>
        <table className="kern-table kern-table--striped" data-testid="indicator-table">
          <caption id="wirkung-indicators-caption" className="kern-title">
            Indikatoren {fiscalYear}
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Indikator
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Jahreswert
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Fälle
              </th>
              <th scope="col" className="kern-table__header">
                Ziel (Ausgangswert → Ziel, Gewicht)
              </th>
              <th scope="col" className="kern-table__header">
                Quelle
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((row) => (
              <tr key={row.key} className="kern-table__row" data-indicator={row.key}>
                <th scope="row" className="kern-table__header">
                  {row.name}
                  <span className="app-muted app-block kern-body kern-body--small">{row.definition}</span>
                </th>
                <td className="kern-table__cell kern-table__cell--numeric app-nowrap" data-column="value">
                  {row.value}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric" data-column="cases">
                  {row.caseCount}
                </td>
                <td className="kern-table__cell" data-column="target">
                  {row.target}
                </td>
                <td className="kern-table__cell">
                  {row.source}, {row.direction}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ChartsSection({ monitoring, fiscalYear }: { monitoring: WirkungMonitoring; fiscalYear: number }) {
  const weighted = weightedIndicators(monitoring);
  if (weighted.length === 0) return <p className="kern-body">Kein Indikator ist in einer geltenden Zielvereinbarung gewichtet.</p>;
  return (
    <>
      <p className="kern-body">
        Jeder gewichtete Indikator seit Jahresbeginn je Quartal, mit Ziel und Ausgangswert als Linie. Die Werte stehen in der Tabelle oben.
      </p>
      <div className="app-wirkung-charts">
        {weighted.map((indicator) => (
          <div key={indicator.indicatorKey} className="app-wirkung-chart">
            <h3 className="kern-heading-small">{indicator.name}</h3>
            <ErrorBoundary>
              <Suspense fallback={<Loading label="Diagramm wird geladen …" />}>
                <WirkungChart indicator={indicator} fiscalYear={fiscalYear} />
              </Suspense>
            </ErrorBoundary>
          </div>
        ))}
      </div>
    </>
  );
}

function ReportsTable({ reports, monitoring }: { reports: IndicatorReports; monitoring: WirkungMonitoring | undefined }) {
  const rows = reportRows(reports.reports, monitoring);
  if (rows.length === 0) return <p className="kern-body">Für dieses Haushaltsjahr ist noch kein Wert gemeldet.</p>;
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby="wirkung-reports-caption" tabIndex={0}>
      <table className="kern-table kern-table--small kern-table--striped" data-testid="reports-table">
        <caption id="wirkung-reports-caption" className="kern-title">
          Gemeldete Werte mit Berichtigungen
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Meldung
            </th>
            <th scope="col" className="kern-table__header">
              Indikator
            </th>
            <th scope="col" className="kern-table__header">
              Zeitraum
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Wert
            </th>
            <th scope="col" className="kern-table__header">
              Anmerkung
            </th>
            <th scope="col" className="kern-table__header">
              Gemeldet
            </th>
            <th scope="col" className="kern-table__header">
              Berichtigung
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.reportId} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.reportId}
                <span className="app-muted app-block">{row.current ? 'gilt' : 'ersetzt'}</span>
              </th>
              <td className="kern-table__cell">{row.indicator}</td>
              <td className="kern-table__cell">{row.period}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.value}</td>
              <td className="kern-table__cell">{row.note}</td>
              <td className="kern-table__cell">
                {row.reporter}, {row.reportedOn}
              </td>
              <td className="kern-table__cell">{row.correction || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="kern-error" id={id} role="alert">
      <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true"></span>
      <span className="kern-body">{message}</span>
    </p>
  );
}

function ReportForm({
  keyOf,
  submissions,
  announce,
  reload,
}: {
  keyOf: { sozialraumId: string; fiscalYear: number };
  submissions: Submissions;
  announce: (text: string) => void;
  reload: () => void;
}) {
  const session = useSession();
  const id = useId();
  const catalogue = useQuery(indicatorCatalogueQuery());
  const reportable = reportableIndicators(catalogue.data?.indicators ?? [], session?.roles ?? []);
  const periods = periodOptions(keyOf.fiscalYear);
  const [indicatorKey, setIndicatorKey] = useState('');
  const [period, setPeriod] = useState(periods[0]?.value ?? '');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [corrects, setCorrects] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [valueError, setValueError] = useState<string | undefined>();
  const chosen = indicatorKey || reportable[0]?.key || '';
  const intent = 'report-value';
  const problem = problemOf(submissions.errorOf(intent));
  const fieldError = (field: string) => problem?.errors?.find((e) => e.field === field)?.message;
  const alreadyReported = problem?.type === '/problems/value-already-reported' && corrects === null ? problem : undefined;
  const fieldErrors = {
    indicatorKey: fieldError('indicatorKey'),
    period: fieldError('period'),
    value: valueError ?? fieldError('value'),
    note: fieldError('note'),
    reason: fieldError('reason'),
  };
  const shownAsField = Object.values(fieldErrors).some(Boolean) || (problem?.errors?.length ?? 0) > 0;

  if (catalogue.isPending) return <Loading label="Indikatoren werden geladen …" />;
  if (catalogue.isError) return <ErrorNotice error={catalogue.error} context="Indikatorenkatalog" onRetry={() => void catalogue.refetch()} />;
  if (reportable.length === 0) return <p className="kern-body">Ihre Rolle meldet keinen der Indikatoren dieses Mandanten.</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseReportValue(value);
    if (normalised === null) {
      setValueError('Bitte eine Zahl ab 0 mit höchstens zwei Nachkommastellen eingeben, z. B. 410 oder 12,5.');
      return;
    }
    setValueError(undefined);
    const body: ReportBody = { indicatorKey: chosen, period, value: normalised, note };
    if (corrects !== null) {
      body.corrects = corrects;
      body.reason = reason;
    }
    const done = await submissions.submit(intent, (idempotencyKey) => reportIndicatorValue(keyOf, body, { idempotencyKey }));
    if (done) {
      const name = reportable.find((i) => i.key === chosen)?.name ?? chosen;
      announce(
        `${corrects !== null ? 'Berichtigung' : 'Wert'} für ${name}, ${periods.find((p) => p.value === period)?.label ?? period} gemeldet: ${formatIndicatorValue(normalised, reportable.find((i) => i.key === chosen)?.unit ?? 'count')}.`,
      );
      setValue('');
      setNote('');
      setReason('');
      setCorrects(null);
      reload();
    }
  };

  const describedBy = (field: keyof typeof fieldErrors, hint?: string) =>
    [hint, fieldErrors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const inputClass = (field: keyof typeof fieldErrors) => `kern-form-input${fieldErrors[field] ? ' kern-form-input--error' : ''}`;

  return (
    <form className="app-report-form" onSubmit={submit} noValidate aria-label="Wert melden">
      <div className={inputClass('indicatorKey')}>
        <label className="kern-label" htmlFor={`${id}-indicator`}>
          Indikator
        </label>
        <FieldError id={`${id}-indicatorKey-error`} message={fieldErrors.indicatorKey} />
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-indicator`}
            className="kern-form-input__select"
            value={chosen}
            aria-describedby={describedBy('indicatorKey')}
            onChange={(event) => setIndicatorKey(event.target.value)}
          >
            {reportable.map((indicator) => (
              <option key={indicator.key} value={indicator.key}>
                {indicator.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className={inputClass('period')}>
        <label className="kern-label" htmlFor={`${id}-period`}>
          Zeitraum
        </label>
        <FieldError id={`${id}-period-error`} message={fieldErrors.period} />
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-period`}
            className="kern-form-input__select"
            value={period}
            aria-describedby={describedBy('period')}
            onChange={(event) => setPeriod(event.target.value)}
          >
            {periods.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className={inputClass('value')}>
        <label className="kern-label" htmlFor={`${id}-value`}>
          Wert
        </label>
        <div className="kern-hint" id={`${id}-value-hint`}>
          Zahl ab 0, höchstens zwei Nachkommastellen (z. B. 410 oder 12,5)
        </div>
        <FieldError id={`${id}-value-error`} message={fieldErrors.value} />
        <input
          id={`${id}-value`}
          className="kern-form-input__input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-invalid={fieldErrors.value ? true : undefined}
          aria-describedby={describedBy('value', `${id}-value-hint`)}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      <div className={inputClass('note')}>
        <label className="kern-label" htmlFor={`${id}-note`}>
          Anmerkung
        </label>
        <div className="kern-hint" id={`${id}-note-hint`}>
          Ohne personenbezogene Angaben (keine Namen, keine Fallzeichen)
        </div>
        <FieldError id={`${id}-note-error`} message={fieldErrors.note} />
        <textarea
          id={`${id}-note`}
          className="kern-form-input__input"
          rows={2}
          maxLength={500}
          value={note}
          aria-invalid={fieldErrors.note ? true : undefined}
          aria-describedby={describedBy('note', `${id}-note-hint`)}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {corrects !== null ? (
        <div className={inputClass('reason')}>
          <label className="kern-label" htmlFor={`${id}-reason`}>
            Grund der Berichtigung von {corrects}
          </label>
          <FieldError id={`${id}-reason-error`} message={fieldErrors.reason} />
          <textarea
            id={`${id}-reason`}
            className="kern-form-input__input"
            rows={2}
            maxLength={500}
            value={reason}
            aria-invalid={fieldErrors.reason ? true : undefined}
            aria-describedby={describedBy('reason')}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      ) : null}
      {alreadyReported ? (
        <Alert kind="warning" title="Für diesen Zeitraum ist bereits ein Wert gemeldet.">
          {alreadyReported.detail ? <p className="kern-body">{alreadyReported.detail}</p> : null}
          <p className="kern-body">Sie können den gemeldeten Wert berichtigen; die bisherige Meldung bleibt dabei sichtbar.</p>
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => {
              setCorrects(alreadyReported.reportId ?? '');
              submissions.dismiss(intent);
            }}
          >
            <span className="kern-label">Als Berichtigung melden</span>
          </button>
        </Alert>
      ) : problem && !shownAsField ? (
        <Alert kind="danger" title={problem.title ?? 'Der Wert konnte nicht gemeldet werden.'}>
          {problem.detail ? <p className="kern-body">{problem.detail}</p> : null}
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => submissions.dismiss(intent)}>
            <span className="kern-label">Hinweis schließen</span>
          </button>
        </Alert>
      ) : null}
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={submissions.isPending(intent)}>
          <span className="kern-label">
            {corrects !== null ? 'Berichtigung melden' : 'Wert melden'}
            {submissions.isPending(intent) ? ' – wird gebucht …' : ''}
          </span>
        </button>
        {corrects !== null ? (
          <button
            type="button"
            className="kern-btn kern-btn--tertiary"
            onClick={() => {
              setCorrects(null);
              setReason('');
              submissions.dismiss(intent);
            }}
          >
            <span className="kern-label">Berichtigung abbrechen</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

function EvaluationDetails({ evaluation }: { evaluation: PerformanceEvaluation }) {
  const rows = evaluationRows(evaluation);
  return (
    <>
      <div className="kern-table-responsive" role="region" aria-labelledby="wirkung-evaluation-caption" tabIndex={0}>
        <table className="kern-table kern-table--small kern-table--striped">
          <caption id="wirkung-evaluation-caption" className="kern-title">
            Zielerreichung je Indikator ({evaluation.agreementId})
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Indikator
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Ausgangswert
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Ziel
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Ist
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Zielerreichung
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Gewicht
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Gewicht × Zielerreichung
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((row) => (
              <tr key={row.key} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {row.name}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{row.baseline}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{row.target}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{row.actual}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{row.achievement}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{row.weight}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{row.weighted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DescriptionList items={evaluationFigures(evaluation)} className="app-key-figures" />
    </>
  );
}

function EvaluationSection({ evaluation }: { evaluation: WirkungEvaluation }) {
  const recorded = evaluation.recorded;
  if (recorded?.evaluation) {
    const recordedEvaluation = recorded.evaluation;
    return (
      <>
        <p className="kern-body">
          Gebucht mit der Jahresabrechnung {recorded.settlementId} vom {formatDate(recorded.calculatedOn)}
          {recorded.confirmations.length
            ? `; bestätigt von ${recorded.confirmations.map((c) => `${c.party === 'jugendamt' ? 'Jugendamt' : 'federführendem Träger'} (${c.organisationId}) am ${formatDate(c.on)}`).join(' und ')}`
            : '; noch nicht bestätigt'}
          {recorded.applied ? '; auf das Folgejahr angewendet.' : '.'}
        </p>
        <EvaluationDetails evaluation={recordedEvaluation} />
      </>
    );
  }
  if (evaluation.preview) {
    return (
      <>
        <Alert kind="info" title="Vorschau aus den heutigen Zahlen">
          <p className="kern-body">Die Bewertung wird erst mit der Jahresabrechnung gebucht; bis dahin können sich die Werte ändern.</p>
        </Alert>
        <EvaluationDetails evaluation={evaluation.preview} />
      </>
    );
  }
  return <p className="kern-body">Ohne geltende Zielvereinbarung gibt es keine Bewertung der Leistungen.</p>;
}

/** The report as it leaves the two parties: what the committee reads, small cells protected (R12). */
function JhaReportTable({ sozialraumId, fiscalYear, view }: { sozialraumId: string; fiscalYear: number; view: { asOf?: string; knownAt?: string } }) {
  const report = useQuery(jhaReportQuery({ sozialraumId, fiscalYear, view }));
  if (report.isPending) return <Loading label="Bericht wird geladen …" />;
  if (report.isError) return <ErrorNotice error={report.error} context="Bericht für den Jugendhilfeausschuss" onRetry={() => void report.refetch()} />;
  const r = report.data;
  return (
    <div className="app-table-scroll">
      <table className="kern-table" data-testid="jha-report">
        <caption className="kern-title">Sozialraumbericht {fiscalYear}, wie er den Jugendhilfeausschuss erreicht</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Kennzahl
            </th>
            <th scope="col" className="kern-table__header">
              Wert
            </th>
            <th scope="col" className="kern-table__header">
              Fälle
            </th>
            <th scope="col" className="kern-table__header">
              Ausgangswert → Ziel
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__header">
              Sozialraumbudget / Ist / Hochrechnung
            </th>
            <td className="kern-table__cell">
              {formatIndicatorValue(r.budget.budget, 'euro')} / {formatIndicatorValue(r.budget.actual, 'euro')} /{' '}
              {formatIndicatorValue(r.budget.forecast, 'euro')} ({formatIndicatorValue(r.budget.pctOfBudget, 'percent')})
            </td>
            <td className="kern-table__cell">–</td>
            <td className="kern-table__cell">–</td>
          </tr>
          {r.indicators.map((i) => (
            <tr key={i.indicatorKey} className="kern-table__row" data-indicator={i.indicatorKey}>
              <th scope="row" className="kern-table__header">
                {i.name}
              </th>
              <td className="kern-table__cell" data-column="value">
                {i.value === null ? (i.note ?? 'kein Wert') : formatIndicatorValue(i.value, i.unit)}
              </td>
              <td className="kern-table__cell" data-column="cases">
                {i.cases ?? '–'}
              </td>
              <td className="kern-table__cell">
                {i.baseline !== null && i.target !== null ? `${formatIndicatorValue(i.baseline, i.unit)} → ${formatIndicatorValue(i.target, i.unit)}` : '–'}
              </td>
            </tr>
          ))}
          {r.evaluation ? (
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__header">
                Bewertung: Punktzahl / Prämie
              </th>
              <td className="kern-table__cell">
                {formatIndicatorValue(r.evaluation.scorePct, 'percent')} / {formatIndicatorValue(r.evaluation.bonus, 'euro')}
              </td>
              <td className="kern-table__cell">–</td>
              <td className="kern-table__cell">–</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function JhaDownload({ sozialraumId, fiscalYear, view }: { sozialraumId: string; fiscalYear: number; view: { asOf?: string; knownAt?: string } }) {
  return (
    <>
      <p className="kern-body">
        Der Sozialraumbericht für den Jugendhilfeausschuss mit Budgetzahlen, Indikatoren, Zielen und Bewertung. Fallzahlen von 1 bis 4 stehen dort als „&lt; 5“,
        Quoten mit weniger als 5 Fällen im Nenner werden nicht ausgewiesen.
      </p>
      <JhaReportTable sozialraumId={sozialraumId} fiscalYear={fiscalYear} view={view} />
      <ul className="app-download-list">
        <li>
          <DownloadButton
            label="Bericht für den Jugendhilfeausschuss als CSV"
            failure="Der Bericht konnte nicht geladen werden"
            download={() => downloadJhaReportCsv(sozialraumId, fiscalYear, view)}
          />
        </li>
      </ul>
    </>
  );
}

/**
 * Wirkung (R12) of a Sozialraum-year: the target agreement and its state with the answers the
 * signed-in side may give, every indicator with its year value and target line, a chart per
 * weighted indicator, the reported values with their corrections and the form to report one, the
 * evaluation with every intermediate figure, and the Jugendhilfeausschuss report as CSV.
 */
export default function WirkungPage(props: Props) {
  const { sozialraumId, fiscalYear, asOf, knownAt } = props;
  const session = useSession();
  const queryClient = useQueryClient();
  const submissions = useSubmission();
  const [announcement, setAnnouncement] = useState('');
  const view = viewQuery({ asOf, knownAt });
  const key = { sozialraumId, fiscalYear, view };
  const keyOf = { sozialraumId, fiscalYear };
  const mayEvaluate = hasRole(session, 'controller', 'provider', 'auditor');
  const mayReport = hasRole(session, 'controller', 'provider');
  const mayCompare = hasRole(session, 'controller', 'auditor');
  const names = useQuery(sozialraeumeQuery());
  const monitoring = useQuery(wirkungQuery(key));
  const agreements = useQuery(targetAgreementsQuery(key));
  const reports = useQuery(indicatorReportsQuery(key));
  const evaluation = useQuery({ ...evaluationQuery(key), enabled: mayEvaluate });
  const name = names.data?.get(sozialraumId);
  const title = `Wirkung – ${name ?? sozialraumId} – Haushaltsjahr ${fiscalYear}`;
  const reload = () => {
    void queryClient.invalidateQueries({ predicate: (query) => String(query.queryKey[0]).startsWith('wirkung') });
  };
  const notFound = [monitoring, agreements].every((q) => isApiError(q.error, 404));
  const comparedIndicator = monitoring.data?.indicators.find((i) => i.indicatorKey === 'ambulant-anteil')?.indicatorKey ?? 'ambulant-anteil';

  return (
    <>
      <nav aria-label="Brotkrumen" className="app-breadcrumb">
        <ol>
          <li>
            <a className="kern-link" href={href({ name: 'overview', fiscalYear })}>
              Übersicht {fiscalYear}
            </a>
          </li>
          <li>
            <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId, fiscalYear })}>
              {name ?? sozialraumId} {fiscalYear}
            </a>
          </li>
          <li aria-current="page">Wirkung</li>
        </ol>
      </nav>
      <PageHeading title={title}>
        Wirkung – {name ?? sozialraumId}
        {name ? <span className="app-muted"> ({sozialraumId})</span> : null} – Haushaltsjahr {fiscalYear}
      </PageHeading>
      <p className="kern-body">
        Wirksamkeitsindikatoren, Zielvereinbarung und Bewertung der Leistungen (R12). Indikatoren, deren Verbesserung weniger oder billigere Rechtsansprüche
        bedeuten würde, werden nur beobachtet und nie in einer Prämie gewichtet (R8).
      </p>
      <ul className="app-inline-list" aria-label="Weitere Ansichten">
        <li>
          <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId, fiscalYear })}>
            Budget {fiscalYear} des Sozialraums
          </a>
        </li>
        {mayCompare ? (
          <li>
            <a className="kern-link" href={href({ name: 'wirkung-comparison', fiscalYear, indicator: comparedIndicator })}>
              Vergleich der Sozialräume
            </a>
          </li>
        ) : null}
      </ul>

      <ViewForm {...props} />
      <p className="app-view-line" role="status">
        <strong>Ansicht:</strong> {describeView({ asOf, knownAt })}
      </p>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>

      {notFound ? (
        <Alert kind="info" title={`Für ${sozialraumId} gibt es im Haushaltsjahr ${fiscalYear} keine Wirkungsdaten, oder sie sind für Sie nicht sichtbar.`} />
      ) : (
        <>
          <section className="app-section" aria-labelledby="agreement-heading">
            <h2 id="agreement-heading" className="kern-heading-medium">
              Zielvereinbarung
            </h2>
            {agreements.isPending ? <Loading label="Zielvereinbarung wird geladen …" /> : null}
            {agreements.isError ? <ErrorNotice error={agreements.error} context="Zielvereinbarung" onRetry={() => void agreements.refetch()} /> : null}
            {agreements.data ? (
              <AgreementSection
                agreements={agreements.data}
                monitoring={monitoring.data}
                keyOf={keyOf}
                submissions={submissions}
                announce={setAnnouncement}
                reload={reload}
              />
            ) : null}
          </section>

          <section className="app-section" aria-labelledby="indicators-heading">
            <h2 id="indicators-heading" className="kern-heading-medium">
              Indikatoren
            </h2>
            {monitoring.isPending ? <Loading label="Indikatoren werden geladen …" /> : null}
            {monitoring.isError ? <ErrorNotice error={monitoring.error} context="Indikatoren" onRetry={() => void monitoring.refetch()} /> : null}
            {monitoring.data ? <IndicatorTable monitoring={monitoring.data} fiscalYear={fiscalYear} /> : null}
          </section>

          {monitoring.data ? (
            <section className="app-section" aria-labelledby="charts-heading">
              <h2 id="charts-heading" className="kern-heading-medium">
                Verlauf je Quartal
              </h2>
              <ChartsSection monitoring={monitoring.data} fiscalYear={fiscalYear} />
            </section>
          ) : null}

          <section className="app-section" aria-labelledby="reports-heading">
            <h2 id="reports-heading" className="kern-heading-medium">
              Gemeldete Werte
            </h2>
            {reports.isPending ? <Loading label="Gemeldete Werte werden geladen …" /> : null}
            {reports.isError ? <ErrorNotice error={reports.error} context="Gemeldete Werte" onRetry={() => void reports.refetch()} /> : null}
            {reports.data ? <ReportsTable reports={reports.data} monitoring={monitoring.data} /> : null}
            {mayReport && !knownAt ? (
              <>
                <h3 className="kern-heading-small">Wert melden</h3>
                <ReportForm keyOf={keyOf} submissions={submissions} announce={setAnnouncement} reload={reload} />
              </>
            ) : null}
          </section>

          {mayEvaluate ? (
            <section className="app-section" aria-labelledby="evaluation-heading">
              <h2 id="evaluation-heading" className="kern-heading-medium">
                Bewertung der Leistungen
              </h2>
              {evaluation.isPending ? <Loading label="Bewertung wird geladen …" /> : null}
              {evaluation.isError ? (
                <ErrorNotice error={evaluation.error} context="Bewertung der Leistungen" onRetry={() => void evaluation.refetch()} />
              ) : null}
              {evaluation.data ? <EvaluationSection evaluation={evaluation.data} /> : null}
            </section>
          ) : null}

          <section className="app-section" aria-labelledby="jha-heading">
            <h2 id="jha-heading" className="kern-heading-medium">
              Bericht für den Jugendhilfeausschuss
            </h2>
            <JhaDownload sozialraumId={sozialraumId} fiscalYear={fiscalYear} view={view} />
          </section>
        </>
      )}
      {knownAt ? (
        <p className="kern-body app-muted">Zu einem früheren Wissensstand ({formatDateTime(knownAt)}) wird nichts gemeldet oder beantwortet.</p>
      ) : null}
    </>
  );
}
