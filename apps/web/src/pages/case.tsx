import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { grantApproval } from '../api/cases';
import { caseQuery, providersQuery } from '../api/queries';
import type { CaseView } from '../api/types';
import {
  allShownAtFields,
  caseApprovalRow,
  emptyGrantForm,
  fieldMessage,
  grantBody,
  LEGAL_BASES,
  legalBasisLabel,
  SETTING_LABEL,
  settingRequired,
  SETTINGS,
  steeringYears,
  withLegalBasis,
  type CaseApprovalRow,
  type GrantForm,
  type LegalBasis,
  type Setting,
} from '../cases';
import { Alert } from '../components/alert';
import { Disclosure } from '../components/disclosure';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { href } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';
import { ExtensionFormView, ScopeChangeFormView, TerminationFormView, type Booked } from './approval-change-forms';
import { InvoiceFormView } from './invoice-form';
import { KostenbeitragFormView, KostenerstattungFormView, RevenueTable } from './revenue-forms';
import { DateField, DecimalField, Field, FormProblem, problemOf, ProviderSelect, PSEUDONYM_HINT, type Submissions } from './case-forms';

const GRANT = 'grant';
const GRANT_FIELDS = ['legalBasis', 'providerId', 'start', 'end', 'bescheidDate', 'hoursPerMonth', 'setting'] as const;

function DescriptionList({ items }: { items: [string, string][] }) {
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

function YearTable({ row }: { row: CaseApprovalRow }) {
  // Revenue beside the budget figures, for whom may see it (not a Träger).
  const withRevenue = row.years.some((year) => year.revenue !== null);
  const captionId = useId();
  if (row.years.length === 0) return null;
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small kern-table--striped">
        <caption className="kern-title" id={captionId}>
          {row.approvalId} je Haushaltsjahr
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Haushaltsjahr
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Bindung
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Abgerechnet
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Ist
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Offene Bindung
            </th>
            {withRevenue ? (
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Erträge
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {row.years.map((year) => (
            <tr key={year.fiscalYear} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {year.fiscalYear}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{year.committed}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{year.invoiced}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{year.actual}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{year.openCommitment}</td>
              {withRevenue ? <td className="kern-table__cell kern-table__cell--numeric">{year.revenue}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApprovalSection({
  caseView,
  row,
  canAct,
  canInvoice,
  canBookRevenue,
  submissions,
  announce,
  onBooked,
  reload,
}: {
  caseView: CaseView;
  row: CaseApprovalRow;
  canAct: boolean;
  canInvoice: boolean;
  canBookRevenue: boolean;
  submissions: Submissions;
  announce: (text: string) => void;
  onBooked: (booked: Booked, announcement: string) => void;
  reload: () => void;
}) {
  const changes = { caseView, row, submissions, onBooked, reload };
  const headingId = useId();
  return (
    <section className="app-section" aria-labelledby={headingId}>
      <h3 className="kern-heading-small" id={headingId}>
        {row.approvalId}: {row.help}
      </h3>
      <DescriptionList
        items={[
          ['Hilfe', row.help],
          ['Setting', row.setting],
          ['Träger', row.providers],
          ['Zeitraum', row.period],
          ['Stand', row.status],
          ['Bescheid vom', row.bescheidDate],
          ['Entgelt', row.rate],
          ['Zuordnung', row.budget],
          ...(row.termination ? ([['Beendigung', row.termination]] as [string, string][]) : []),
        ]}
      />
      <YearTable row={row} />
      <RevenueTable row={row} />
      {canBookRevenue ? (
        <div className="app-section">
          <Disclosure summary={`Kostenbeitrag zu ${row.approvalId} festsetzen`}>
            <KostenbeitragFormView {...changes} announce={announce} />
          </Disclosure>
          <Disclosure summary={`Kostenerstattung zu ${row.approvalId} geltend machen`}>
            <KostenerstattungFormView {...changes} announce={announce} />
          </Disclosure>
        </div>
      ) : null}
      {canInvoice ? (
        <div className="app-section">
          <Disclosure summary={`Rechnung zu ${row.approvalId} einreichen`}>
            <InvoiceFormView {...changes} announce={announce} />
          </Disclosure>
        </div>
      ) : null}
      {canAct && row.running ? (
        <div className="app-section">
          {row.openEnded ? null : (
            <Disclosure summary={`Bewilligung ${row.approvalId} verlängern`}>
              <ExtensionFormView {...changes} />
            </Disclosure>
          )}
          <Disclosure summary={`Umfang der Bewilligung ${row.approvalId} ändern`}>
            <ScopeChangeFormView {...changes} />
          </Disclosure>
          <Disclosure summary={`Bewilligung ${row.approvalId} beenden`}>
            <TerminationFormView {...changes} announce={announce} />
          </Disclosure>
        </div>
      ) : null}
    </section>
  );
}

function GrantFormView({
  caseView,
  submissions,
  onGranted,
}: {
  caseView: CaseView;
  submissions: Submissions;
  onGranted: (granted: Booked, text: string) => void;
}) {
  const id = useId();
  const providers = useQuery(providersQuery());
  const [form, setForm] = useState<GrantForm>(emptyGrantForm());
  const problem = problemOf(submissions.errorOf(GRANT));
  const pending = submissions.isPending(GRANT);
  const error = (field: string) => fieldMessage(problem?.errors, field);
  const required = settingRequired(form.legalBasis);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = grantBody(form);
    const done = await submissions.submit(GRANT, (idempotencyKey) => grantApproval(caseView.caseRef, body, { idempotencyKey }));
    if (done) {
      const approval = done.approvals.find((a) => a.approvalId === done.approvalId);
      setForm(emptyGrantForm());
      onGranted(
        {
          title: `Bewilligung ${done.approvalId} ist gebucht.`,
          approvalId: done.approvalId,
          sozialraumId: done.sozialraumId,
          years: approval ? steeringYears(approval) : [Number(body.start.slice(0, 4))],
        },
        `Bewilligung ${done.approvalId} erteilt (${legalBasisLabel(body.legalBasis)}).`,
      );
    }
  };

  return (
    <form className="app-inline-form" onSubmit={submit} noValidate aria-label="Bewilligung erteilen">
      <p className="kern-body">{PSEUDONYM_HINT}</p>
      <Field id={`${id}-legalBasis`} label="Rechtsgrundlage" error={error('legalBasis')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-legalBasis`}
              className="kern-form-input__select"
              value={form.legalBasis}
              onChange={(event) => setForm(withLegalBasis(form, event.target.value as LegalBasis))}
              {...described}
            >
              {LEGAL_BASES.map((code) => (
                <option key={code} value={code}>
                  {legalBasisLabel(code)}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <Field id={`${id}-setting`} label="Setting" hint={required ? 'Bei § 35a und § 41 Pflicht' : 'Vorgabe aus der Rechtsgrundlage'} error={error('setting')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-setting`}
              className="kern-form-input__select"
              value={form.setting}
              aria-required={required ? true : undefined}
              onChange={(event) => setForm({ ...form, setting: event.target.value as Setting | '' })}
              {...described}
            >
              {required ? <option value="">– bitte wählen –</option> : null}
              {SETTINGS.map((setting) => (
                <option key={setting} value={setting}>
                  {SETTING_LABEL[setting]}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <Field id={`${id}-provider`} label="Träger" hint="Jeder registrierte Träger (Wunsch- und Wahlrecht)" error={error('providerId')}>
        {(described) => (
          <ProviderSelect
            id={`${id}-provider`}
            value={form.providerId}
            onChange={(providerId) => setForm({ ...form, providerId })}
            providers={providers.data}
            emptyLabel="– bitte wählen –"
            described={described}
          />
        )}
      </Field>
      <DateField id={`${id}-start`} label="Beginn" value={form.start} onChange={(start) => setForm({ ...form, start })} error={error('start')} />
      <DateField
        id={`${id}-end`}
        label="Ende (freiwillig)"
        hint="Leer: unbefristet"
        value={form.end}
        onChange={(end) => setForm({ ...form, end })}
        error={error('end')}
      />
      <DateField
        id={`${id}-bescheid`}
        label="Datum des Bescheids"
        value={form.bescheidDate}
        onChange={(bescheidDate) => setForm({ ...form, bescheidDate })}
        error={error('bescheidDate')}
      />
      <DecimalField
        id={`${id}-hours`}
        label="Fachleistungsstunden je Monat"
        hint="Nur bei einem Entgelt je Fachleistungsstunde"
        value={form.hoursPerMonth}
        onChange={(hoursPerMonth) => setForm({ ...form, hoursPerMonth })}
        error={error('hoursPerMonth')}
      />
      {problem && !allShownAtFields(problem.errors, GRANT_FIELDS) ? (
        <FormProblem problem={problem} failedTitle="Die Bewilligung konnte nicht gebucht werden." onDismiss={() => submissions.dismiss(GRANT)} />
      ) : null}
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={pending}>
          <span className="kern-label">Bewilligung erteilen{pending ? ' – wird gebucht …' : ''}</span>
        </button>
      </div>
    </form>
  );
}

/** What the page says after a grant or a change: booked; thresholds are the steering's business. */
function BookedNotice({ booked }: { booked: Booked }) {
  return (
    <Alert kind="success" title={booked.title}>
      <p className="kern-body">
        Ein Rechtsanspruch wird nie aus Budgetgründen abgelehnt. Überschreitet die Bewilligung eine Schwelle des Sozialraumbudgets, erscheinen die Folgen
        (Warnung, Verfahren) in der Steuerung des Sozialraums:
      </p>
      <ul className="kern-list">
        {booked.years.map((fiscalYear) => (
          <li key={fiscalYear}>
            <a className="kern-link" href={href({ name: 'sozialraum', sozialraumId: booked.sozialraumId, fiscalYear })}>
              Steuerung {booked.sozialraumId} {fiscalYear}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** One case: its approvals with their figures per year, a new approval and the termination of a running one (ASD). */
export default function CasePage({ caseRef }: { caseRef: string }) {
  const session = useSession();
  const canAct = hasRole(session, 'caseworker');
  const canInvoice = hasRole(session, 'provider');
  const canBookRevenue = hasRole(session, 'wiju');
  const queryClient = useQueryClient();
  const caseView = useQuery(caseQuery(caseRef));
  const providers = useQuery(providersQuery());
  const submissions = useSubmission();
  const [announcement, setAnnouncement] = useState('');
  const [booked, setBooked] = useState<Booked | null>(null);
  const onBooked = (next: Booked, text: string) => {
    setBooked(next);
    setAnnouncement(text);
    reload();
  };
  const approvalsId = useId();
  const grantId = useId();

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['case', caseRef] });
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  };

  return (
    <>
      <PageHeading title={`Fall ${caseRef}`} />
      <p className="kern-body">
        <a className="kern-link" href={href({ name: 'cases' })}>
          Zu allen Fällen
        </a>
      </p>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>
      {caseView.isPending ? (
        <Loading label="Fall wird geladen …" />
      ) : caseView.isError ? (
        <ErrorNotice error={caseView.error} context={`Fall ${caseRef}`} onRetry={() => void caseView.refetch()} />
      ) : (
        <>
          <p className="kern-body" data-testid="case-summary">
            Sozialraum {caseView.data.sozialraumId} · Fassung {caseView.data.version}
          </p>
          {booked ? <BookedNotice booked={booked} /> : null}
          <section className="app-section" aria-labelledby={approvalsId}>
            <h2 className="kern-heading-medium" id={approvalsId}>
              Bewilligungen
            </h2>
            {caseView.data.approvals.length === 0 ? <p className="kern-body">Noch keine Bewilligung.</p> : null}
            {caseView.data.approvals.map((approval) => (
              <ApprovalSection
                key={approval.approvalId}
                caseView={caseView.data}
                row={caseApprovalRow(approval, providers.data)}
                canAct={canAct}
                canInvoice={canInvoice}
                canBookRevenue={canBookRevenue}
                submissions={submissions}
                announce={setAnnouncement}
                onBooked={onBooked}
                reload={reload}
              />
            ))}
          </section>
          {canAct ? (
            <section className="app-section" aria-labelledby={grantId}>
              <h2 className="kern-heading-medium" id={grantId}>
                Bewilligung erteilen
              </h2>
              <GrantFormView caseView={caseView.data} submissions={submissions} onGranted={onBooked} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
