import { useQuery } from '@tanstack/react-query';
import { Fragment, lazy, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { downloadReport } from '../api/download';
import { monitoringListQuery, providersQuery, sozialraeumeQuery, steeringQuery, timelineQuery, utilisationQuery, viewQuery } from '../api/queries';
import type { ForecastTimeline, MonitoringList, SteeringOverview, Utilisation } from '../api/types';
import { Alert } from '../components/alert';
import { DownloadButton } from '../components/download-button';
import { ViewInput } from '../components/view-input';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { PercentBar } from '../components/percent-bar';
import { compareUtilisation, COMPARED_FIGURES, describeChangedCount, type ComparedFigure } from '../compare';
import {
  berlinLocalToIso,
  compareDecimal,
  describeView,
  formatAmount,
  formatDate,
  formatDateTime,
  formatMonth,
  formatPercent,
  isoToBerlinLocal,
  type ViewAxes,
} from '../format';
import { href, navigate } from '../router';
import { describeCause, findCrossings, thresholdLabel, type Crossing } from '../timeline';
import { CATEGORY_LABEL, OUT_OF_BUDGET_REASON_LABEL, REVENUE_KIND_LABEL } from './labels';
import { downloadsFor, type ReportDownload } from '../downloads';
import { useSession } from '../use-session';
import { ProcedureSection } from './procedure-section';
import { YearEndSection } from './year-end-section';
import { mayOpen } from '../access';
import { AmountTable } from '../components/amount-table';
import { ChartWithTable } from '../components/chart-with-table';

/** ECharts is large: it is loaded only when this page shows a chart. */
const ForecastChart = lazy(() => import('./forecast-chart'));
const MonthlyActualsChart = lazy(() => import('./monthly-actuals-chart'));

interface Props {
  sozialraumId: string;
  fiscalYear: number;
  asOf?: string;
  knownAt?: string;
  /** A second Wissensstand whose utilisation is shown beside the page's view. */
  compareKnownAt?: string;
}

function ViewForm({ sozialraumId, fiscalYear, asOf, knownAt, compareKnownAt }: Props) {
  const [asOfInput, setAsOfInput] = useState(asOf ?? '');
  const [knownAtInput, setKnownAtInput] = useState(knownAt ? isoToBerlinLocal(knownAt) : '');
  const [compareInput, setCompareInput] = useState(compareKnownAt ? isoToBerlinLocal(compareKnownAt) : '');
  useEffect(() => {
    setAsOfInput(asOf ?? '');
    setKnownAtInput(knownAt ? isoToBerlinLocal(knownAt) : '');
    setCompareInput(compareKnownAt ? isoToBerlinLocal(compareKnownAt) : '');
  }, [asOf, knownAt, compareKnownAt]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({
      name: 'sozialraum',
      sozialraumId,
      fiscalYear,
      asOf: asOfInput || undefined,
      knownAt: knownAtInput ? (berlinLocalToIso(knownAtInput) ?? undefined) : undefined,
      compareKnownAt: compareInput ? (berlinLocalToIso(compareInput) ?? undefined) : undefined,
    });
  };

  return (
    <form className="app-view-form" onSubmit={submit} aria-label="Ansicht wählen">
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Ansicht</legend>
        <div className="kern-fieldset__body kern-fieldset__body--horizontal app-view-form__fields">
          <ViewInput field="asOf" value={asOfInput} onChange={setAsOfInput} />
          <ViewInput field="knownAt" value={knownAtInput} onChange={setKnownAtInput} />
          <ViewInput field="compareKnownAt" value={compareInput} onChange={setCompareInput} />
        </div>
      </fieldset>
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Ansicht anzeigen</span>
        </button>
        {asOf || knownAt || compareKnownAt ? (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => navigate({ name: 'sozialraum', sozialraumId, fiscalYear })}>
            <span className="kern-label">Auf heute zurücksetzen</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

function SteeringSection({ steering }: { steering: SteeringOverview }) {
  const { crossings, withdrawnCrossings, procedure } = steering;
  const crossed = (kind: 'warning' | 'procedure' | 'renegotiation') => {
    const standing = crossings[kind];
    if (standing) return `überschritten am ${formatDate(standing.businessDate)}`;
    const withdrawn = withdrawnCrossings[kind];
    if (withdrawn) return `am ${formatDate(withdrawn.businessDate)} überschritten, später zurückgenommen`;
    return 'nicht überschritten';
  };
  const items: [string, string][] = [
    ['Warnschwelle (100 %)', crossed('warning')],
    ['Überschreitungsverfahren (105 %)', crossed('procedure')],
    ['Nachverhandlung (110 %)', crossed('renegotiation')],
  ];
  if (procedure) {
    items.push([
      'Verfahren',
      procedure.closed
        ? `eröffnet am ${formatDate(procedure.openedOn)}, abgeschlossen am ${formatDate(procedure.closed.closedOn)}`
        : `offen seit ${formatDate(procedure.openedOn)}`,
    ]);
    if (!procedure.closed) {
      items.push([
        'Steuerungsrunde',
        procedure.meetings.length > 0
          ? `${procedure.meetings.length} abgehalten, zuletzt am ${formatDate(procedure.meetings[procedure.meetings.length - 1]?.heldOn ?? '')}`
          : `fällig bis ${formatDate(procedure.meetingDueBy)}${procedure.meetingOverdue ? ' – überfällig' : ''}`,
      ]);
      items.push(['Bericht an die Kämmerei', procedure.kaemmereiReportOutstanding ? 'steht aus' : `${procedure.kaemmereiReports.length} gesendet`]);
      if (procedure.supplementaryRequestDue.due) {
        items.push(['Antrag auf überplanmäßige Aufwendungen', `fällig über ${formatAmount(procedure.supplementaryRequestDue.outstanding)}`]);
      }
    }
  }
  if (steering.underrunDetectedOn) items.push(['Unterschreitung', `festgestellt am ${formatDate(steering.underrunDetectedOn)}`]);
  items.push(['Abgeschlossene Monate', steering.closedMonths.length === 0 ? 'keine' : `${steering.closedMonths.length} von 12`]);
  if (steering.settlement) items.push(['Jahresabrechnung', steering.settlement.applied ? 'berechnet und angewendet' : 'berechnet']);

  return (
    <dl className="kern-description-list">
      {items.map(([key, value]) => (
        <div key={key} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{key}</dt>
          <dd className="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function timelineSummary(timeline: ForecastTimeline, crossings: Crossing[]): string {
  const last = timeline.entries[timeline.entries.length - 1];
  if (!last) return 'Die Hochrechnung hat sich in diesem Haushaltsjahr noch nicht geändert.';
  const crossed = crossings.map((c) => `${thresholdLabel(c)} am ${formatDate(timeline.entries[c.index]?.businessDate ?? '')}`);
  return (
    `${timeline.entries.length} Änderungen. Zuletzt am ${formatDate(last.businessDate)}: Hochrechnung ${formatAmount(last.forecast)}, ` +
    `${formatPercent(last.pctOfBudget)} von B (${formatAmount(last.budget)}). ` +
    (crossed.length ? `Überschritten: ${crossed.join('; ')}.` : 'Keine Schwelle überschritten.')
  );
}

function TimelineSection({ timeline, fiscalYear, asOf }: { timeline: ForecastTimeline; fiscalYear: number; asOf?: string }) {
  const summaryId = useId();
  const crossings = useMemo(() => findCrossings(timeline.entries), [timeline]);
  const crossingsByIndex = new Map<number, Crossing[]>();
  for (const crossing of crossings) crossingsByIndex.set(crossing.index, [...(crossingsByIndex.get(crossing.index) ?? []), crossing]);

  if (timeline.entries.length === 0) return <p className="kern-body">Die Hochrechnung hat sich in diesem Haushaltsjahr noch nicht geändert.</p>;

  return (
    <>
      <p id={summaryId} className="kern-body">
        {timelineSummary(timeline, crossings)}
      </p>
      <ChartWithTable
        chart={<ForecastChart timeline={timeline} crossings={crossings} fiscalYear={fiscalYear} asOf={asOf} describedBy={summaryId} />}
        tableClassName="kern-table-responsive"
        table={() => (
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-title">Verlauf der Hochrechnung {fiscalYear}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Geschäftsdatum
                </th>
                <th scope="col" className="kern-table__header">
                  Ursache
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Änderung
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Hochrechnung
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  B
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  % von B
                </th>
                <th scope="col" className="kern-table__header">
                  Schwelle
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {timeline.entries.map((entry, index) => (
                <tr key={`${entry.position}-${entry.eventId}`} className="kern-table__row">
                  <td className="kern-table__cell">{formatDate(entry.businessDate)}</td>
                  <td className="kern-table__cell">{describeCause(entry)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatAmount(entry.delta)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatAmount(entry.forecast)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatAmount(entry.budget)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(entry.pctOfBudget)}</td>
                  <td className="kern-table__cell">
                    {(crossingsByIndex.get(index) ?? []).map((c) => (
                      <span key={c.threshold} className="app-block">
                        {thresholdLabel(c)} überschritten
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
    </>
  );
}

function UtilisationSection({ utilisation }: { utilisation: Utilisation }) {
  return (
    <>
      <dl className="kern-description-list app-key-figures">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">B (Sozialraumbudget)</dt>
          <dd className="kern-description-list-item__value">{formatAmount(utilisation.budget)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Hochrechnung</dt>
          <dd className="kern-description-list-item__value">{formatAmount(utilisation.forecast)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Hochrechnung in % von B</dt>
          <dd className="kern-description-list-item__value">
            <PercentBar value={utilisation.forecastPctOfBudget} />
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Ist</dt>
          <dd className="kern-description-list-item__value">{formatAmount(utilisation.actual)}</dd>
        </div>
      </dl>
      <AmountTable
        caption="Auslastung nach Kategorie"
        rowHeader="Kategorie"
        amountColumns={['Ansatz', 'Offene Bindungen', 'Ist', 'Hochrechnung', 'Verfügbar']}
        rows={utilisation.categories.map((c) => ({
          key: c.category,
          header: CATEGORY_LABEL[c.category],
          amounts: [c.planned, c.committed, c.actual, c.forecast, c.available],
        }))}
        footer={{
          header: 'Gesamt',
          amounts: [utilisation.planned, utilisation.committed, utilisation.actual, utilisation.forecast, utilisation.available],
        }}
      />
    </>
  );
}

/** The Ist of every Leistungsmonat, stacked by category, with the same figures as a table. */
function MonthlyActualsSection({ utilisation, fiscalYear }: { utilisation: Utilisation; fiscalYear: number }) {
  const summaryId = useId();
  const months = utilisation.monthlyActual;
  const booked = months.filter((m) => compareDecimal(m.total, '0') !== 0);
  return (
    <>
      <p id={summaryId} className="kern-body">
        {booked.length === 0
          ? `Im Haushaltsjahr ${fiscalYear} ist noch kein Ist gebucht.`
          : `Ist in ${booked.length} von ${months.length} Monaten, zusammen ${formatAmount(utilisation.actual)}.`}
      </p>
      <ChartWithTable
        chart={<MonthlyActualsChart months={months} fiscalYear={fiscalYear} describedBy={summaryId} />}
        table={() => (
          <AmountTable
            caption={`Ist je Monat ${fiscalYear}`}
            rowHeader="Monat"
            amountColumns={[CATEGORY_LABEL.FS, CATEGORY_LABEL.FUE, CATEGORY_LABEL.FU, 'Ist gesamt']}
            rows={months.map((m) => ({ key: m.month, header: formatMonth(m.month), amounts: [m.FS, m.FUE, m.FU, m.total] }))}
            footer={{
              header: 'Gesamt',
              amounts: (['FS', 'FUE', 'FU'] as const)
                .map((c) => utilisation.categories.find((x) => x.category === c)?.actual ?? '0.00')
                .concat(utilisation.actual),
            }}
          />
        )}
      />
    </>
  );
}

function ProvidersSection({ utilisation, fiscalYear }: { utilisation: Utilisation; fiscalYear: number }) {
  // Without the names (still loading, or refused) the table shows the Träger's code.
  const names = useQuery(providersQuery()).data;
  if (utilisation.providers.length === 0) return <p className="kern-body">In diesem Haushaltsjahr sind noch keinem Träger Beträge zugeordnet.</p>;
  return (
    <AmountTable
      caption={`Auslastung nach Träger ${fiscalYear}`}
      rowHeader="Träger"
      textColumns={['Kennung', 'Kategorie']}
      amountColumns={['Offene Bindungen', 'Ist', 'Hochrechnung']}
      rows={utilisation.providers.map((p) => ({
        key: `${p.providerId}-${p.category}`,
        header: names?.get(p.providerId) ?? p.providerId,
        texts: [p.providerId, CATEGORY_LABEL[p.category]],
        amounts: [p.committed, p.actual, p.forecast],
      }))}
    />
  );
}

/** The Wissensstand of a reading for a column header: "31.08.2025, 14:05" or "heute". */
function knownAtLabel(knownAt: string | undefined): string {
  return knownAt ? formatDateTime(knownAt) : 'heute';
}

function ComparedCell({ value, changed }: { value: string | undefined; changed: boolean }) {
  const text = value === undefined ? '–' : formatAmount(value);
  return (
    <td className="kern-table__cell kern-table__cell--numeric">
      {changed ? (
        <mark className="app-changed">
          {text}
          <span className="kern-sr-only"> (geändert)</span>
        </mark>
      ) : (
        text
      )}
    </td>
  );
}

function ComparedCells({ figures }: { figures: ComparedFigure[] }) {
  return figures.map((figure) => (
    <Fragment key={figure.key}>
      <ComparedCell value={figure.a} changed={figure.changed} />
      <ComparedCell value={figure.b} changed={figure.changed} />
    </Fragment>
  ));
}

function ComparisonSection({
  a,
  b,
  knownAt,
  compareKnownAt,
  fiscalYear,
}: {
  a: Utilisation;
  b: Utilisation;
  knownAt?: string;
  compareKnownAt: string;
  fiscalYear: number;
}) {
  const captionId = useId();
  const { rows, changedCount } = useMemo(() => compareUtilisation(a, b), [a, b]);
  const labelA = knownAtLabel(knownAt);
  const labelB = knownAtLabel(compareKnownAt);
  const total = rows.find((row) => row.row === 'total');
  return (
    <>
      <p className="kern-body">
        Auslastung zum selben Stand, einmal mit Wissensstand {labelA} (A), einmal mit Wissensstand {labelB} (B). Geänderte Zahlen sind hervorgehoben.
      </p>
      <p className="kern-body" role="status">
        <strong>{describeChangedCount(changedCount)}</strong>
      </p>
      <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="kern-table kern-table--small kern-table--striped">
          <caption id={captionId} className="kern-title">
            Vergleich der Auslastung {fiscalYear}
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" rowSpan={2} className="kern-table__header">
                Kategorie
              </th>
              {COMPARED_FIGURES.map((figure) => (
                <th key={figure.key} scope="colgroup" colSpan={2} className="kern-table__header kern-table__header--numeric">
                  {figure.label}
                </th>
              ))}
            </tr>
            <tr className="kern-table__row">
              {COMPARED_FIGURES.map((figure) => (
                <Fragment key={figure.key}>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    <span className="kern-sr-only">Wissensstand </span>
                    {labelA}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    <span className="kern-sr-only">Wissensstand </span>
                    {labelB}
                  </th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((row) =>
              row.row === 'total' ? null : (
                <tr key={row.row} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {CATEGORY_LABEL[row.row]}
                  </th>
                  <ComparedCells figures={row.figures} />
                </tr>
              ),
            )}
          </tbody>
          {total ? (
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  Gesamt
                </th>
                <ComparedCells figures={total.figures} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </>
  );
}

function BesideBudgetSection({ utilisation, fiscalYear }: { utilisation: Utilisation; fiscalYear: number }) {
  return (
    <>
      <p className="kern-body">
        Diese Beträge stehen neben dem Sozialraumbudget: Sie sind nie Teil von B, Ansatz, offenen Bindungen, Ist, Hochrechnung oder Verfügbarem.
      </p>
      {utilisation.outOfBudget.length === 0 ? (
        <p className="kern-body">In diesem Haushaltsjahr gibt es kein Geld neben dem Budget (ausgenommene Rechtsgrundlagen, Hochkostenfälle).</p>
      ) : (
        <AmountTable
          caption={`Geld neben dem Budget ${fiscalYear}`}
          rowHeader="Grund"
          amountColumns={['Ist', 'Hochrechnung']}
          rows={utilisation.outOfBudget.map((item) => ({
            key: item.reason,
            header: OUT_OF_BUDGET_REASON_LABEL[item.reason],
            amounts: [item.actual, item.forecast],
          }))}
        />
      )}
      {utilisation.revenue.length === 0 ? (
        <p className="kern-body">In diesem Haushaltsjahr gibt es keine Erträge (Kostenbeiträge, Kostenerstattungen, Rückforderungen).</p>
      ) : (
        <AmountTable
          caption={`Erträge ${fiscalYear}`}
          rowHeader="Art"
          amountColumns={['Betrag']}
          rows={utilisation.revenue.map((item) => ({ key: item.kind, header: REVENUE_KIND_LABEL[item.kind], amounts: [item.amount] }))}
        />
      )}
    </>
  );
}

function MonitoringListSection({ list, fiscalYear }: { list: MonitoringList; fiscalYear: number }) {
  const figures = (f: MonitoringList['total']) => [f.ansatz, f.bindungen, f.anordnungen, f.ist, f.rest];
  return (
    <AmountTable
      caption={`Haushaltsüberwachungsliste ${fiscalYear}`}
      rowHeader="Kategorie"
      amountColumns={['Ansatz', 'Bindungen', 'Anordnungen', 'Ist', 'Rest']}
      rows={list.rows.map((row) => ({ key: row.category, header: CATEGORY_LABEL[row.category], amounts: figures(row) }))}
      footer={{ header: 'Summe', amounts: figures(list.total) }}
    />
  );
}

function ReportDownloadButton({
  download: file,
  sozialraumId,
  fiscalYear,
  view,
}: {
  download: ReportDownload;
  sozialraumId: string;
  fiscalYear: number;
  view: ViewAxes;
}) {
  return (
    <li>
      <DownloadButton
        label={file.label}
        failure={`${file.label} konnte nicht geladen werden`}
        download={() => downloadReport(file.report, file.format, sozialraumId, fiscalYear, view)}
      />
    </li>
  );
}

/**
 * Sozialraum-Jahr: the forecast timeline as a chart and table (GET …/forecast-timeline), the
 * utilisation by category and by provider with the money beside the budget and the revenue
 * (GET …/utilisation), the steering state (GET /steering/…), the Haushaltsüberwachungsliste
 * (GET …/monitoring-list) and their downloads as CSV and Excel workbook (the settlement's once it is
 * calculated), each offered to the roles that may download it, every read with the chosen view (asOf, knownAt);
 * with a second Wissensstand, the utilisation read again with it and every changed figure marked.
 */
export default function SozialraumYearPage(props: Props) {
  const { sozialraumId, fiscalYear, asOf, knownAt, compareKnownAt } = props;
  const view = viewQuery({ asOf, knownAt });
  const key = { sozialraumId, fiscalYear, view };
  const compareKey = { sozialraumId, fiscalYear, view: viewQuery({ asOf, knownAt: compareKnownAt }) };
  const names = useQuery(sozialraeumeQuery());
  const timeline = useQuery(timelineQuery(key));
  const utilisation = useQuery(utilisationQuery(key));
  const compared = useQuery({ ...utilisationQuery(compareKey), enabled: compareKnownAt !== undefined });
  const steering = useQuery(steeringQuery(key));
  const monitoring = useQuery(monitoringListQuery(key));
  const roles = useSession()?.roles ?? [];
  const downloads = downloadsFor(roles, { settlement: !!steering.data?.settlement });
  const name = names.data?.get(sozialraumId);
  const title = `${name ?? sozialraumId} – Haushaltsjahr ${fiscalYear}`;
  const fromLog = timeline.data?.source === 'event-log' || utilisation.data?.source === 'event-log';
  const notFound = [timeline, utilisation, steering].every((q) => isApiError(q.error, 404));
  const denied = [timeline, utilisation, steering].every((q) => isApiError(q.error, 403));

  return (
    <>
      <nav aria-label="Brotkrumen" className="app-breadcrumb">
        <ol>
          <li>
            <a className="kern-link" href={href({ name: 'overview', fiscalYear })}>
              Übersicht {fiscalYear}
            </a>
          </li>
          <li aria-current="page">{name ?? sozialraumId}</li>
        </ol>
      </nav>
      <PageHeading title={title}>
        {name ?? sozialraumId}
        {name ? <span className="app-muted"> ({sozialraumId})</span> : null} – Haushaltsjahr {fiscalYear}
      </PageHeading>
      <ul className="app-inline-list" aria-label="Andere Haushaltsjahre und Wirkung">
        <li>
          <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId, fiscalYear: fiscalYear - 1 })}>
            Vorjahr {fiscalYear - 1}
          </a>
        </li>
        <li>
          <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId, fiscalYear: fiscalYear + 1 })}>
            Folgejahr {fiscalYear + 1}
          </a>
        </li>
        {mayOpen(roles, 'wirkung') ? (
          <li>
            <a className="kern-link" href={href({ name: 'wirkung', sozialraumId, fiscalYear, asOf, knownAt })}>
              Wirkung
            </a>
          </li>
        ) : null}
      </ul>

      <ViewForm {...props} />
      <p className="app-view-line" role="status">
        <strong>Ansicht:</strong> {describeView({ asOf, knownAt })}
        {fromLog ? ' (aus dem Ereignisprotokoll)' : ''}
      </p>

      {notFound ? (
        <Alert kind="info" title={`Für ${sozialraumId} gibt es im Haushaltsjahr ${fiscalYear} kein Budget, oder es ist für Sie nicht sichtbar.`} />
      ) : denied ? (
        <Alert kind="info" title="Ihre Rolle darf die Steuerungszahlen dieses Sozialraums nicht abrufen.">
          <p className="kern-body">Verlauf der Hochrechnung, Auslastung und Steuerungsstand sehen Controlling und Rechnungsprüfung.</p>
        </Alert>
      ) : (
        <>
          <section className="app-section" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="kern-heading-medium">
              Verlauf der Hochrechnung
            </h2>
            {timeline.isPending ? <Loading label="Verlauf wird geladen …" /> : null}
            {timeline.isError ? <ErrorNotice error={timeline.error} context="Verlauf der Hochrechnung" onRetry={() => void timeline.refetch()} /> : null}
            {timeline.data ? <TimelineSection timeline={timeline.data} fiscalYear={fiscalYear} asOf={asOf} /> : null}
          </section>

          <section className="app-section" aria-labelledby="utilisation-heading">
            <h2 id="utilisation-heading" className="kern-heading-medium">
              Auslastung
            </h2>
            {utilisation.isPending ? <Loading label="Auslastung wird geladen …" /> : null}
            {utilisation.isError ? <ErrorNotice error={utilisation.error} context="Auslastung" onRetry={() => void utilisation.refetch()} /> : null}
            {utilisation.data ? <UtilisationSection utilisation={utilisation.data} /> : null}
          </section>

          <section className="app-section" aria-labelledby="monthly-heading">
            <h2 id="monthly-heading" className="kern-heading-medium">
              Ist je Monat nach Kategorie
            </h2>
            {utilisation.isPending ? <Loading label="Ist je Monat wird geladen …" /> : null}
            {utilisation.isError ? <ErrorNotice error={utilisation.error} context="Ist je Monat" onRetry={() => void utilisation.refetch()} /> : null}
            {utilisation.data ? <MonthlyActualsSection utilisation={utilisation.data} fiscalYear={fiscalYear} /> : null}
          </section>

          <section className="app-section" aria-labelledby="providers-heading">
            <h2 id="providers-heading" className="kern-heading-medium">
              Auslastung nach Träger
            </h2>
            {utilisation.isPending ? <Loading label="Auslastung nach Träger wird geladen …" /> : null}
            {utilisation.isError ? <ErrorNotice error={utilisation.error} context="Auslastung nach Träger" onRetry={() => void utilisation.refetch()} /> : null}
            {utilisation.data ? <ProvidersSection utilisation={utilisation.data} fiscalYear={fiscalYear} /> : null}
          </section>

          <section className="app-section" aria-labelledby="beside-budget-heading">
            <h2 id="beside-budget-heading" className="kern-heading-medium">
              Neben dem Budget
            </h2>
            {utilisation.isPending ? <Loading label="Geld neben dem Budget wird geladen …" /> : null}
            {utilisation.isError ? <ErrorNotice error={utilisation.error} context="Neben dem Budget" onRetry={() => void utilisation.refetch()} /> : null}
            {utilisation.data ? <BesideBudgetSection utilisation={utilisation.data} fiscalYear={fiscalYear} /> : null}
          </section>

          <section className="app-section" aria-labelledby="steering-heading">
            <h2 id="steering-heading" className="kern-heading-medium">
              Steuerungsstand
            </h2>
            {steering.isPending ? <Loading label="Steuerungsstand wird geladen …" /> : null}
            {steering.isError ? <ErrorNotice error={steering.error} context="Steuerungsstand" onRetry={() => void steering.refetch()} /> : null}
            {steering.data ? <SteeringSection steering={steering.data} /> : null}
          </section>

          {steering.data ? <ProcedureSection steering={steering.data} canSteer={roles.includes('controller') && !asOf && !knownAt} /> : null}

          {steering.data && roles.includes('controller') && !asOf && !knownAt ? <YearEndSection sozialraumId={sozialraumId} fiscalYear={fiscalYear} /> : null}

          {compareKnownAt ? (
            <section className="app-section" aria-labelledby="comparison-heading">
              <h2 id="comparison-heading" className="kern-heading-medium">
                Vergleich der Wissensstände
              </h2>
              {utilisation.isPending || compared.isPending ? <Loading label="Vergleich wird geladen …" /> : null}
              {utilisation.isError ? (
                <ErrorNotice error={utilisation.error} context="Vergleich der Wissensstände" onRetry={() => void utilisation.refetch()} />
              ) : null}
              {compared.isError ? <ErrorNotice error={compared.error} context="Vergleich der Wissensstände" onRetry={() => void compared.refetch()} /> : null}
              {utilisation.data && compared.data ? (
                <ComparisonSection a={utilisation.data} b={compared.data} knownAt={knownAt} compareKnownAt={compareKnownAt} fiscalYear={fiscalYear} />
              ) : null}
            </section>
          ) : null}
        </>
      )}

      {notFound || (denied && isApiError(monitoring.error, 403)) ? null : (
        <section className="app-section" aria-labelledby="monitoring-heading">
          <h2 id="monitoring-heading" className="kern-heading-medium">
            Haushaltsüberwachungsliste
          </h2>
          {monitoring.isPending ? <Loading label="Haushaltsüberwachungsliste wird geladen …" /> : null}
          {monitoring.isError ? <ErrorNotice error={monitoring.error} context="Haushaltsüberwachungsliste" onRetry={() => void monitoring.refetch()} /> : null}
          {monitoring.data ? <MonitoringListSection list={monitoring.data} fiscalYear={fiscalYear} /> : null}
        </section>
      )}

      {notFound || downloads.length === 0 ? null : (
        <section className="app-section" aria-labelledby="downloads-heading">
          <h2 id="downloads-heading" className="kern-heading-medium">
            Downloads
          </h2>
          <p className="kern-body">
            Die Dateien zeigen dieselbe Ansicht ({describeView({ asOf, knownAt })}). CSV mit Dezimalkomma und Semikolon für Tabellenkalkulationen; die
            Excel-Datei mit Beträgen als Zahlen, Daten als Datum und einem Blatt „Parameter“, das Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den
            Zeitpunkt der Erstellung nennt.
          </p>
          <ul className="app-download-list">
            {downloads.map((download) => (
              <ReportDownloadButton
                key={`${download.report}.${download.format}`}
                download={download}
                sozialraumId={sozialraumId}
                fiscalYear={fiscalYear}
                view={view}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
