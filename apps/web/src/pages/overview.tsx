import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { isApiError } from '../api/client';
import { budgetsQuery, steeringQuery, sozialraeumeQuery, unreadNotificationsQuery, utilisationQuery } from '../api/queries';
import type { BudgetItem, BudgetStatus, SteeringOverview, Utilisation } from '../api/types';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { PercentBar } from '../components/percent-bar';
import { compareDecimal, currentFiscalYear, formatAmount } from '../format';
import { describeUnread, unreadBySozialraum } from '../notifications';
import { href, navigate } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { STATUS_LABEL } from './labels';
import { summariseProcedure, type ProcedureSummary } from './procedure';

type SortKey = 'sozialraum' | 'status' | 'budget' | 'forecast' | 'pct' | 'actual' | 'procedure' | 'unread';
type Direction = 'ascending' | 'descending';

interface Row {
  budget: BudgetItem;
  name: string;
  utilisation: UseQueryResult<Utilisation>;
  steering: UseQueryResult<SteeringOverview>;
  procedure?: ProcedureSummary;
  /** Unread notifications of the Sozialraum-year; undefined while not loaded or not offered. */
  unread?: number;
}

const STATUS_ORDER: Record<BudgetStatus, number> = { planned: 0, open: 1, closed: 2 };

function compareRows(key: SortKey, a: Row, b: Row): number {
  /** Rows without the figure (not loaded, not allowed) sort last in either direction: see sortRows. */
  switch (key) {
    case 'sozialraum':
      return a.name.localeCompare(b.name, 'de') || a.budget.sozialraumId.localeCompare(b.budget.sozialraumId, 'de');
    case 'status':
      return STATUS_ORDER[a.budget.status] - STATUS_ORDER[b.budget.status];
    case 'budget':
      return compareDecimal(a.budget.total, b.budget.total);
    case 'forecast':
      return compareDecimal(a.utilisation.data?.forecast ?? '', b.utilisation.data?.forecast ?? '');
    case 'pct':
      return compareDecimal(a.utilisation.data?.forecastPctOfBudget ?? '', b.utilisation.data?.forecastPctOfBudget ?? '');
    case 'actual':
      return compareDecimal(a.utilisation.data?.actual ?? '', b.utilisation.data?.actual ?? '');
    case 'procedure':
      return (a.procedure?.rank ?? -1) - (b.procedure?.rank ?? -1);
    case 'unread':
      return (a.unread ?? 0) - (b.unread ?? 0);
  }
}

function hasValue(key: SortKey, row: Row): boolean {
  if (key === 'forecast' || key === 'pct' || key === 'actual') return !!row.utilisation.data;
  if (key === 'procedure') return !!row.procedure;
  if (key === 'unread') return row.unread !== undefined;
  return true;
}

function sortRows(rows: Row[], key: SortKey, direction: Direction): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [hasA, hasB] = [hasValue(key, a), hasValue(key, b)];
    if (hasA !== hasB) return hasA ? -1 : 1;
    return sign * compareRows(key, a, b) || a.budget.sozialraumId.localeCompare(b.budget.sozialraumId, 'de');
  });
}

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'sozialraum', label: 'Sozialraum' },
  { key: 'status', label: 'Status' },
  { key: 'budget', label: 'B (Budget)', numeric: true },
  { key: 'forecast', label: 'Hochrechnung', numeric: true },
  { key: 'pct', label: '% von B' },
  { key: 'actual', label: 'Ist', numeric: true },
  { key: 'procedure', label: 'Verfahren' },
  { key: 'unread', label: 'Ungelesene Meldungen', numeric: true },
];

/** The roles that keep a read mark of the notifications (GET /notifications/unread). */
const READS_UNREAD = ['controller', 'caseworker', 'wiju'] as const;

/** A figure that is loading or could not be read: never an empty cell without a word. */
function Pending({ query }: { query: UseQueryResult<unknown> }) {
  if (query.isPending)
    return (
      <span className="app-muted">
        <span aria-hidden="true">…</span>
        <span className="kern-sr-only">wird geladen</span>
      </span>
    );
  const text = isApiError(query.error, 403) ? 'keine Berechtigung' : isApiError(query.error, 404) ? 'nicht vorhanden' : 'nicht verfügbar';
  return (
    <span className="app-muted">
      <span aria-hidden="true">–</span>
      <span className="kern-sr-only">{text}</span>
    </span>
  );
}

function FigureCell({ query, children }: { query: UseQueryResult<unknown>; children: ReactNode }) {
  return <>{query.data ? children : <Pending query={query} />}</>;
}

function YearSwitcher({ fiscalYear }: { fiscalYear: number }) {
  const id = useId();
  const current = currentFiscalYear();
  const years = Array.from(new Set([current + 1, current, current - 1, current - 2, current - 3, fiscalYear])).sort((a, b) => b - a);
  return (
    <div className="kern-form-input app-year-switcher">
      <label className="kern-label" htmlFor={id}>
        Haushaltsjahr
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select"
          value={fiscalYear}
          onChange={(event) => navigate({ name: 'overview', fiscalYear: Number(event.target.value) })}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
              {year === current ? ' (laufendes Jahr)' : ''}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * Übersicht: every Sozialraum budget of a fiscal year (GET /budgets, all pages) with its figures
 * from GET …/utilisation (Hochrechnung, % von B, Ist) and its steering state from GET /steering/…
 * (thresholds crossed, over-run procedure), and for the roles that keep a read mark the
 * notifications recorded since they last opened the Meldungen (GET /notifications/unread).
 */
export function OverviewPage({ fiscalYear: requestedYear }: { fiscalYear?: number }) {
  const fiscalYear = requestedYear ?? currentFiscalYear();
  const showUnread = hasRole(useSession(), ...READS_UNREAD);
  const columns = showUnread ? COLUMNS : COLUMNS.filter((column) => column.key !== 'unread');
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'sozialraum', direction: 'ascending' });
  const captionId = useId();

  const budgets = useQuery(budgetsQuery(fiscalYear));
  const names = useQuery(sozialraeumeQuery());
  const items = budgets.data ?? [];
  const utilisation = useQueries({ queries: items.map((item) => utilisationQuery({ sozialraumId: item.sozialraumId, fiscalYear })) });
  const steering = useQueries({ queries: items.map((item) => steeringQuery({ sozialraumId: item.sozialraumId, fiscalYear })) });
  const unread = useQuery({ ...unreadNotificationsQuery(), enabled: showUnread });
  const unreadCounts = unread.data ? unreadBySozialraum(unread.data.items, fiscalYear) : undefined;

  const rows: Row[] = items.map((budget, index) => {
    const steeringResult = steering[index] as UseQueryResult<SteeringOverview>;
    return {
      budget,
      name: names.data?.get(budget.sozialraumId) ?? budget.sozialraumId,
      utilisation: utilisation[index] as UseQueryResult<Utilisation>,
      steering: steeringResult,
      procedure: steeringResult.data ? summariseProcedure(steeringResult.data) : undefined,
      unread: unreadCounts ? (unreadCounts.get(budget.sozialraumId) ?? 0) : undefined,
    };
  });
  const sorted = sortRows(rows, sort.key, sort.direction);

  const deniedFigures = items.length > 0 && utilisation.every((q) => isApiError(q.error, 403));
  const deniedSteering = items.length > 0 && steering.every((q) => isApiError(q.error, 403));
  const failed = [...utilisation, ...steering].filter((q) => q.isError && !isApiError(q.error, 403, 404));

  const toggleSort = (key: SortKey) =>
    setSort((previous) => ({ key, direction: previous.key === key && previous.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <>
      <PageHeading title={`Übersicht ${fiscalYear}`}>Übersicht der Sozialraumbudgets {fiscalYear}</PageHeading>
      <YearSwitcher fiscalYear={fiscalYear} />

      {budgets.isPending ? <Loading label={`Budgets ${fiscalYear} werden geladen …`} /> : null}
      {budgets.isError ? <ErrorNotice error={budgets.error} context="Die Liste der Sozialraumbudgets" onRetry={() => void budgets.refetch()} /> : null}
      {budgets.isSuccess && items.length === 0 ? <Alert kind="info" title={`Für ${fiscalYear} ist noch kein Sozialraumbudget zugewiesen.`} /> : null}

      {deniedFigures || deniedSteering ? (
        <Alert kind="info" title="Ihre Rolle sieht hier nur die Budgets.">
          <p className="kern-body">
            {deniedFigures && deniedSteering
              ? 'Hochrechnung, Ist und Verfahren dürfen nur Controlling und Rechnungsprüfung abrufen.'
              : deniedFigures
                ? 'Hochrechnung und Ist dürfen nur Controlling und Rechnungsprüfung abrufen.'
                : 'Den Steuerungsstand (Verfahren) dürfen nur Controlling und Rechnungsprüfung abrufen.'}
          </p>
        </Alert>
      ) : null}
      {failed.length > 0 ? (
        <Alert kind="warning" title="Einige Zahlen konnten nicht geladen werden.">
          <p className="kern-body">Die betroffenen Zellen zeigen einen Strich.</p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => failed.forEach((q) => void q.refetch())}>
            <span className="kern-label">Erneut laden</span>
          </button>
        </Alert>
      ) : null}

      {items.length > 0 ? (
        <div className="kern-table-responsive app-section" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="kern-table kern-table--striped">
            <caption id={captionId} className="kern-title">
              Sozialraumbudgets {fiscalYear}
              <span className="kern-sr-only">, Spaltenköpfe sortieren die Tabelle</span>
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                {columns.map((column) => {
                  const active = sort.key === column.key;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={`kern-table__header${column.numeric ? ' kern-table__header--numeric' : ''}`}
                      aria-sort={active ? sort.direction : 'none'}
                    >
                      <button type="button" className="app-sort-button" onClick={() => toggleSort(column.key)}>
                        {column.label}
                        <span className={`app-sort-button__icon app-sort-button__icon--${active ? sort.direction : 'none'}`} aria-hidden="true"></span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {sorted.map((row) => {
                const { budget } = row;
                const u = row.utilisation.data;
                return (
                  <tr key={budget.sozialraumId} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId: budget.sozialraumId, fiscalYear })}>
                        {row.name}
                      </a>
                      {row.name !== budget.sozialraumId ? <span className="app-muted app-block">{budget.sozialraumId}</span> : null}
                    </th>
                    <td className="kern-table__cell">
                      {STATUS_LABEL[budget.status]}
                      {budget.frozen.FU || budget.frozen.FUE ? (
                        <span className="kern-badge kern-badge--warning app-badge">
                          <span className="kern-label">Mittel gesperrt</span>
                        </span>
                      ) : null}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatAmount(budget.total)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      <FigureCell query={row.utilisation}>{u ? formatAmount(u.forecast) : null}</FigureCell>
                    </td>
                    <td className="kern-table__cell">
                      <FigureCell query={row.utilisation}>{u ? <PercentBar value={u.forecastPctOfBudget} /> : null}</FigureCell>
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      <FigureCell query={row.utilisation}>{u ? formatAmount(u.actual) : null}</FigureCell>
                    </td>
                    <td className="kern-table__cell">
                      <FigureCell query={row.steering}>
                        {row.procedure ? (
                          <>
                            {row.procedure.text}
                            {row.procedure.alert ? (
                              <span className="kern-badge kern-badge--danger app-badge">
                                <span className="kern-label">{row.procedure.alert}</span>
                              </span>
                            ) : null}
                          </>
                        ) : null}
                      </FigureCell>
                    </td>
                    {showUnread ? (
                      <td className="kern-table__cell kern-table__cell--numeric">
                        <FigureCell query={unread}>
                          {row.unread ? (
                            <a className="kern-link" href={href({ name: 'notifications' })}>
                              <span aria-hidden="true">{row.unread}</span>
                              <span className="kern-sr-only">{describeUnread(row.unread)}, zu den Meldungen</span>
                            </a>
                          ) : (
                            <>
                              <span aria-hidden="true">0</span>
                              <span className="kern-sr-only">{describeUnread(0)}</span>
                            </>
                          )}
                        </FigureCell>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
