import { useQueries, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { orderPayment, rejectInvoice, verifyInvoice } from '../api/invoice-commands';
import { caseQuery, invoiceQueueQuery, providersQuery } from '../api/queries';
import type { CaseView, InvoiceItem } from '../api/types';
import { Alert } from '../components/alert';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { formatAmount, formatDateTime, formatMonth } from '../format';
import { countInvoices, findCaseInvoice, mayReject, mayTakeNextStep, QUEUES, type Queue } from '../invoice-queue';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';

type Submissions = ReturnType<typeof useSubmission>;

interface Problem {
  status: number;
  detail?: string;
  title?: string;
  errors?: { field: string; message: string }[];
}

function problemOf(error: unknown): Problem | undefined {
  if (!isApiError(error)) return error ? { status: 0, detail: 'Der Server ist nicht erreichbar; bitte erneut versuchen.' } : undefined;
  return { status: error.status, detail: error.problem?.detail, title: error.problem?.title, errors: (error.problem as Problem | null)?.errors };
}

/** What a refused or failed step says next to its invoice, and how to go on. */
function StepProblem({ problem, onReload, onDismiss }: { problem: Problem; onReload: () => void; onDismiss: () => void }) {
  if (problem.status === 412) {
    return (
      <Alert kind="warning" title="Jemand anderes hat diesen Fall inzwischen geändert.">
        <p className="kern-body">Ihre Prüfung wurde nicht gebucht. Laden Sie den aktuellen Stand und entscheiden Sie dann neu.</p>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onReload}>
          <span className="kern-label">Neu laden</span>
        </button>
      </Alert>
    );
  }
  return (
    <Alert kind="danger" title={problem.title ?? 'Der Schritt konnte nicht gebucht werden.'}>
      {problem.detail ? <p className="kern-body">{problem.detail}</p> : null}
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={onDismiss}>
        <span className="kern-label">Hinweis schließen</span>
      </button>
    </Alert>
  );
}

function RejectForm({
  invoice,
  submissions,
  caseVersion,
  onDone,
  onCancel,
}: {
  invoice: InvoiceItem;
  submissions: Submissions;
  caseVersion: number | undefined;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const intent = `reject:${invoice.invoiceId}`;
  const problem = problemOf(submissions.errorOf(intent));
  const fieldError = problem?.errors?.find((e) => e.field === 'reason')?.message;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submissions.submit(intent, (idempotencyKey) =>
      rejectInvoice(invoice.caseRef, invoice.invoiceId, reason, { idempotencyKey, caseVersion }),
    );
    if (done) onDone(`Rechnung ${invoice.invoiceNumber} (${invoice.caseRef}) zurückgewiesen.`);
  };
  return (
    <form className="app-inline-form" onSubmit={submit} noValidate aria-label={`Rechnung ${invoice.invoiceNumber} zurückweisen`}>
      <div className={`kern-form-input${fieldError ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={id}>
          Grund der Zurückweisung
        </label>
        {fieldError ? (
          <p className="kern-error" id={`${id}-error`} role="alert">
            <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true"></span>
            <span className="kern-body">{fieldError}</span>
          </p>
        ) : null}
        <textarea
          id={id}
          className="kern-form-input__input"
          rows={2}
          maxLength={500}
          value={reason}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {problem && !fieldError ? <StepProblem problem={problem} onReload={onCancel} onDismiss={() => submissions.dismiss(intent)} /> : null}
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={submissions.isPending(intent)}>
          <span className="kern-label">Zurückweisen{submissions.isPending(intent) ? ' – wird gebucht …' : ''}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={onCancel}>
          <span className="kern-label">Abbrechen</span>
        </button>
      </div>
    </form>
  );
}

function Actions({
  queue,
  invoice,
  caseView,
  userId,
  submissions,
  announce,
  reload,
}: {
  queue: Queue;
  invoice: InvoiceItem;
  caseView: UseQueryResult<CaseView>;
  userId: string;
  submissions: Submissions;
  announce: (text: string) => void;
  reload: () => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const intent = `${queue.status}:${invoice.invoiceId}`;
  const caseVersion = caseView.data?.version;
  const problem = problemOf(submissions.errorOf(intent));
  const label = `${queue.action}: Rechnung ${invoice.invoiceNumber}, ${invoice.caseRef}`;

  const step = async () => {
    const submission = (idempotencyKey: string) => ({ idempotencyKey, caseVersion });
    const done = await submissions.submit(intent, (key) =>
      queue.status === 'awaiting-payment-order'
        ? orderPayment(invoice.caseRef, invoice.invoiceId, submission(key))
        : verifyInvoice(
            invoice.caseRef,
            invoice.invoiceId,
            queue.status === 'awaiting-first-verification' ? 'sachlich-richtig' : 'rechnerisch-richtig',
            submission(key),
          ),
    );
    if (done) announce(`Rechnung ${invoice.invoiceNumber} (${invoice.caseRef}) ${queue.done}.`);
  };

  if (!mayTakeNextStep(invoice, userId)) {
    return (
      <p className="kern-body app-muted">Von Ihnen sachlich richtig gezeichnet: die rechnerische Prüfung macht eine andere Person (Vier-Augen-Prinzip).</p>
    );
  }
  return (
    <>
      <div className="app-actions">
        <button
          type="button"
          className="kern-btn kern-btn--primary kern-btn--small"
          aria-label={label}
          aria-disabled={submissions.isPending(intent)}
          onClick={() => void step()}
        >
          <span className="kern-label">
            {queue.action}
            {submissions.isPending(intent) ? ' – wird gebucht …' : ''}
          </span>
        </button>
        {mayReject(invoice) && !rejecting ? (
          <button
            type="button"
            className="kern-btn kern-btn--secondary kern-btn--small"
            aria-label={`Zurückweisen: Rechnung ${invoice.invoiceNumber}, ${invoice.caseRef}`}
            onClick={() => setRejecting(true)}
          >
            <span className="kern-label">Zurückweisen …</span>
          </button>
        ) : null}
      </div>
      {problem ? <StepProblem problem={problem} onReload={reload} onDismiss={() => submissions.dismiss(intent)} /> : null}
      {rejecting ? (
        <RejectForm
          invoice={invoice}
          submissions={submissions}
          caseVersion={caseVersion}
          onDone={(text) => {
            setRejecting(false);
            announce(text);
          }}
          onCancel={() => setRejecting(false)}
        />
      ) : null}
    </>
  );
}

function QueueTable({ queue, canAct, submissions, announce }: { queue: Queue; canAct: boolean; submissions: Submissions; announce: (text: string) => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const captionId = useId();
  const invoices = useQuery(invoiceQueueQuery(queue.status));
  const providers = useQuery(providersQuery());
  const items = invoices.data ?? [];
  const caseRefs = [...new Set(items.map((i) => i.caseRef))];
  const cases = useQueries({ queries: caseRefs.map((ref) => caseQuery(ref)) });
  const caseOf = (ref: string) => cases[caseRefs.indexOf(ref)] as UseQueryResult<CaseView>;
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['invoices'] });
    void queryClient.invalidateQueries({ queryKey: ['case'] });
  };
  const announceAndReload = (text: string) => {
    announce(text);
    reload();
  };

  return (
    <section className="app-section" aria-labelledby={captionId}>
      <h2 className="kern-heading-medium" id={captionId}>
        {queue.title}
        {invoices.data ? ` (${countInvoices(items.length)})` : ''}
      </h2>
      {invoices.isPending ? <Loading label="Rechnungen werden geladen …" /> : null}
      {invoices.isError ? <ErrorNotice error={invoices.error} context={queue.title} onRetry={() => void invoices.refetch()} /> : null}
      {invoices.data && items.length === 0 ? <p className="kern-body">Keine Rechnung wartet hier.</p> : null}
      {items.length > 0 ? (
        <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">{queue.title}, älteste zuerst</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Rechnung
                </th>
                <th scope="col" className="kern-table__header">
                  Eingang
                </th>
                <th scope="col" className="kern-table__header">
                  Träger
                </th>
                <th scope="col" className="kern-table__header">
                  Leistungsmonat
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Abgerechnet
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Bewilligt
                </th>
                {canAct ? (
                  <th scope="col" className="kern-table__header">
                    Prüfung
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {items.map((invoice) => {
                const caseView = caseOf(invoice.caseRef);
                const approved = findCaseInvoice(caseView?.data?.approvals, invoice.approvalId, invoice.invoiceId)?.approvedAmount;
                return (
                  <tr key={invoice.invoiceId} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      {invoice.invoiceNumber}
                      <span className="app-muted app-block">
                        Fall {invoice.caseRef}, {invoice.approvalId}
                      </span>
                    </th>
                    <td className="kern-table__cell app-nowrap">{formatDateTime(invoice.submittedAt)}</td>
                    <td className="kern-table__cell">
                      {providers.data?.get(invoice.providerId) ?? invoice.providerId}
                      <span className="app-muted app-block">{invoice.providerId}</span>
                    </td>
                    <td className="kern-table__cell">{formatMonth(invoice.serviceMonth)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatAmount(invoice.amount)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {approved ? (
                        formatAmount(approved)
                      ) : (
                        <span className="app-muted">
                          <span aria-hidden="true">…</span>
                          <span className="kern-sr-only">wird geladen</span>
                        </span>
                      )}
                    </td>
                    {canAct ? (
                      <td className="kern-table__cell">
                        <Actions
                          queue={queue}
                          invoice={invoice}
                          caseView={caseView}
                          userId={session?.userId ?? ''}
                          submissions={submissions}
                          announce={announceAndReload}
                          reload={reload}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Rechnungen zur Prüfung: the work queues of the Wirtschaftliche Jugendhilfe, oldest first, with the
 * approved amount beside the invoiced one. Each step is booked once however often it is clicked
 * (Idempotency-Key) and only on the case as the page showed it (If-Match); the second verification
 * is not offered to the person who did the first.
 */
export default function InvoiceQueuePage() {
  const session = useSession();
  const canAct = hasRole(session, 'wiju');
  const submissions = useSubmission();
  const [announcement, setAnnouncement] = useState('');

  return (
    <>
      <PageHeading title="Rechnungen zur Prüfung" />
      <p className="kern-body">
        Eingereichte Rechnungen der Träger, älteste zuerst: zuerst sachlich richtig, dann rechnerisch richtig durch eine andere Person, dann die
        Zahlungsanordnung.
        {canAct ? '' : ' Prüfen und anordnen kann nur die Wirtschaftliche Jugendhilfe.'}
      </p>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>
      {QUEUES.map((queue) => (
        <QueueTable key={queue.status} queue={queue} canAct={canAct} submissions={submissions} announce={setAnnouncement} />
      ))}
    </>
  );
}
