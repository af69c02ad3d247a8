import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { budgetStatusQuery, closeMonth, closeYear, monthClosesQuery, pendingWorkQuery } from '../api/year-end';
import { fieldMessage } from '../cases';
import { Disclosure } from '../components/disclosure';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { formatMonth, todayInBerlin } from '../format';
import { href } from '../router';
import { useSubmission } from '../use-submission';
import { closedMonthRows, nextMonthToClose, pendingRows, type ClosedMonthRow, type PendingRow } from '../year-end';
import { ChangeForm } from './approval-change-forms';
import { MonthField, problemOf, TextAreaField } from './case-forms';

function ClosedMonths({ rows }: { rows: ClosedMonthRow[] }) {
  const captionId = useId();
  if (rows.length === 0) return <p className="kern-body">Noch kein Monat abgeschlossen.</p>;
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption id={captionId} className="kern-title">
          Abgeschlossene Monate
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Monat
            </th>
            {['Hochrechnung', 'B', 'in % von B'].map((title) => (
              <th key={title} scope="col" className="kern-table__header kern-table__header--numeric">
                {title}
              </th>
            ))}
            <th scope="col" className="kern-table__header">
              Abgeschlossen
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.month} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.month}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{row.forecast}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.budget}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.pctOfBudget}</td>
              <td className="kern-table__cell">{row.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PendingList({ rows }: { rows: PendingRow[] }) {
  if (rows.length === 0) return <p className="kern-body">Keine offene Arbeit: Das Haushaltsjahr kann abgeschlossen werden.</p>;
  return (
    <ul className="kern-list kern-list--bullet" aria-label="Offene Arbeit des Haushaltsjahres">
      {rows.map((row) => (
        <li key={`${row.kind}-${row.id}`} className="kern-body">
          {row.description}
          {row.since ? ` (seit ${row.since})` : ''} –{' '}
          {'route' in row.where ? (
            <a className="kern-link" href={href(row.where.route)}>
              {row.where.label}
            </a>
          ) : (
            row.where.text
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Month close and year close of a Sozialraum-year (controller, today's view): the closed months
 * with their frozen figures, a month to close, the work that blocks the year close (each item
 * links to where it is resolved), and the year close itself on the budget as that list showed it.
 */
export function YearEndSection({ sozialraumId, fiscalYear }: { sozialraumId: string; fiscalYear: number }) {
  const id = useId();
  const year = { sozialraumId, fiscalYear };
  const queryClient = useQueryClient();
  const months = useQuery(monthClosesQuery(year));
  const pending = useQuery(pendingWorkQuery(year));
  const status = useQuery(budgetStatusQuery(year));
  const open = status.data === 'open';
  const submissions = useSubmission();
  const [month, setMonth] = useState('');
  const [reason, setReason] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const reload = () => {
    for (const key of ['month-closes', 'pending-work', 'steering', 'budget-status'])
      void queryClient.invalidateQueries({ queryKey: [key, sozialraumId, fiscalYear] });
  };
  const suggested = months.data ? nextMonthToClose(months.data, fiscalYear, todayInBerlin()) : null;
  const chosen = month || suggested || '';
  const monthError = (field: string) => fieldMessage(problemOf(submissions.errorOf('close-month'))?.errors, field);
  const yearError = (field: string) => fieldMessage(problemOf(submissions.errorOf('close-year'))?.errors, field);

  return (
    <section className="app-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="kern-heading-medium">
        Monats- und Jahresabschluss
      </h2>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>
      {months.isPending ? <Loading label="Monatsabschlüsse werden geladen …" /> : null}
      {months.isError ? <ErrorNotice error={months.error} context="Die Monatsabschlüsse" onRetry={() => void months.refetch()} /> : null}
      {months.data ? <ClosedMonths rows={closedMonthRows(months.data)} /> : null}
      {status.data === 'closed' ? <p className="kern-body">Das Haushaltsjahr {fiscalYear} ist abgeschlossen.</p> : null}
      {open ? (
        <Disclosure summary="Monat abschließen">
          <ChangeForm
            label="Monat abschließen"
            intent="close-month"
            fields={['month']}
            submissions={submissions}
            failedTitle="Der Monat konnte nicht abgeschlossen werden."
            submitLabel="Monat abschließen"
            reload={reload}
            onSubmit={() =>
              void submissions
                .submit('close-month', (key) => closeMonth(year, chosen, key))
                .then((done) => {
                  if (!done) return;
                  setMonth('');
                  setAnnouncement(`${formatMonth(done.month)} abgeschlossen.`);
                  reload();
                })
            }
          >
            <MonthField
              id={`${id}-month`}
              label="Monat"
              hint="Ein Monat wird nach seinem letzten Tag abgeschlossen; die Haushaltsüberwachungsliste zum Monatsende wird eingefroren."
              value={chosen}
              onChange={setMonth}
              error={monthError('month')}
            />
          </ChangeForm>
        </Disclosure>
      ) : null}

      <h3 className="kern-heading-small">Offene Arbeit des Haushaltsjahres</h3>
      {pending.isPending ? <Loading label="Offene Arbeit wird geladen …" /> : null}
      {pending.isError ? <ErrorNotice error={pending.error} context="Die offene Arbeit" onRetry={() => void pending.refetch()} /> : null}
      {pending.data ? <PendingList rows={pendingRows(pending.data)} /> : null}
      {pending.data && open ? (
        <Disclosure summary="Haushaltsjahr abschließen">
          <ChangeForm
            label="Haushaltsjahr abschließen"
            intent="close-year"
            fields={['reason']}
            submissions={submissions}
            failedTitle="Das Haushaltsjahr konnte nicht abgeschlossen werden."
            submitLabel="Haushaltsjahr abschließen"
            reload={reload}
            onSubmit={() =>
              void submissions
                .submit('close-year', (key) => closeYear(year, reason.trim(), pending.data.version, key))
                .then((done) => {
                  if (!done) return;
                  setAnnouncement(`Haushaltsjahr ${fiscalYear} abgeschlossen.`);
                  reload();
                })
            }
          >
            <TextAreaField
              id={`${id}-reason`}
              label="Anlass"
              hint="z. B. Jahresabschluss 2025"
              value={reason}
              onChange={setReason}
              error={yearError('reason')}
            />
          </ChangeForm>
        </Disclosure>
      ) : null}
    </section>
  );
}
