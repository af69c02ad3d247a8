import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { isApiError } from '../api/client';
import { sozialraeumeQuery } from '../api/queries';
import { comparisonQuery, indicatorCatalogueQuery } from '../api/wirkung';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { href, navigate } from '../router';
import { DIRECTION_LABEL, formatCaseCount, formatIndicatorValue, OBSERVED_ONLY, targetLine } from '../wirkung';

/**
 * One indicator of a fiscal year in every Sozialraum of the tenant (GET /indicators/{key}/comparison/{year}),
 * with the target line where an agreement weights it; for the controlling and the Rechnungsprüfung.
 */
export default function WirkungComparisonPage({ fiscalYear, indicator }: { fiscalYear: number; indicator?: string }) {
  const selectId = useId();
  const indicatorKey = indicator ?? 'ambulant-anteil';
  const catalogue = useQuery(indicatorCatalogueQuery());
  const comparison = useQuery(comparisonQuery(indicatorKey, fiscalYear));
  const names = useQuery(sozialraeumeQuery());
  const name = comparison.data?.indicator.name ?? catalogue.data?.indicators.find((i) => i.key === indicatorKey)?.name ?? indicatorKey;

  return (
    <>
      <nav aria-label="Brotkrumen" className="app-breadcrumb">
        <ol>
          <li>
            <a className="kern-link" href={href({ name: 'overview', fiscalYear })}>
              Übersicht {fiscalYear}
            </a>
          </li>
          <li aria-current="page">Wirkung im Vergleich</li>
        </ol>
      </nav>
      <PageHeading title={`Wirkung im Vergleich – ${name} – Haushaltsjahr ${fiscalYear}`} />

      <form className="app-view-form" aria-label="Indikator wählen" onSubmit={(event) => event.preventDefault()}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={selectId}>
            Indikator
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={selectId}
              className="kern-form-input__select"
              value={indicatorKey}
              onChange={(event) => navigate({ name: 'wirkung-comparison', fiscalYear, indicator: event.target.value })}
            >
              {(catalogue.data?.indicators ?? [{ key: indicatorKey, name }]).map((i) => (
                <option key={i.key} value={i.key}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>

      <section className="app-section" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading" className="kern-heading-medium">
          {name} in den Sozialräumen
        </h2>
        {comparison.isPending ? <Loading label="Vergleich wird geladen …" /> : null}
        {comparison.isError ? (
          isApiError(comparison.error, 404) ? (
            <Alert kind="info" title={`Den Indikator ${indicatorKey} gibt es nicht.`} />
          ) : (
            <ErrorNotice error={comparison.error} context="Vergleich" onRetry={() => void comparison.refetch()} />
          )
        ) : null}
        {comparison.data ? (
          <>
            <p className="kern-body">
              {comparison.data.indicator.definition} ({DIRECTION_LABEL[comparison.data.indicator.direction]}
              {comparison.data.indicator.incentivisable ? '' : `; ${OBSERVED_ONLY}`})
            </p>
            <div className="kern-table-responsive" role="region" aria-labelledby="comparison-caption" tabIndex={0}>
              <table className="kern-table kern-table--striped">
                <caption id="comparison-caption" className="kern-title">
                  {name} {fiscalYear} je Sozialraum
                </caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      Sozialraum
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
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {comparison.data.sozialraeume.map((row) => (
                    <tr key={row.sozialraumId} className="kern-table__row">
                      <th scope="row" className="kern-table__header">
                        <a className="kern-link" href={href({ name: 'wirkung', sozialraumId: row.sozialraumId, fiscalYear })}>
                          {names.data?.get(row.sozialraumId) ?? row.sozialraumId}
                        </a>
                        <span className="app-muted app-block">{row.sozialraumId}</span>
                      </th>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatIndicatorValue(row.year.value, comparison.data.indicator.unit)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatCaseCount(row.year.caseCount)}</td>
                      <td className="kern-table__cell">{row.target ? targetLine(row.target, comparison.data.indicator.unit) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>
    </>
  );
}
