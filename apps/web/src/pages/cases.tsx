import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { approvalsQuery, openCase } from '../api/cases';
import { providersQuery, sozialraeumeQuery } from '../api/queries';
import { allShownAtFields, approvalListRows, CASE_REF_PATTERN, fieldMessage, openCaseBody } from '../cases';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { href, navigate } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';
import { Field, FormProblem, problemOf, PSEUDONYM_HINT } from './case-forms';

const OPEN_CASE = 'open-case';

function OpenCaseForm() {
  const id = useId();
  const queryClient = useQueryClient();
  const submissions = useSubmission();
  const sozialraeume = useQuery(sozialraeumeQuery());
  const [caseRef, setCaseRef] = useState('');
  const [sozialraumId, setSozialraumId] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const problem = problemOf(submissions.errorOf(OPEN_CASE));
  const errors = {
    caseRef: localError ?? fieldMessage(problem?.errors, 'caseRef') ?? (problem?.status === 409 ? problem.detail : undefined),
    sozialraumId: fieldMessage(problem?.errors, 'sozialraumId'),
  };
  const pending = submissions.isPending(OPEN_CASE);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = openCaseBody({ caseRef, sozialraumId });
    // A reference in another form is refused before anything is sent: it may be a name.
    if (body.caseRef && !CASE_REF_PATTERN.test(body.caseRef)) {
      setLocalError('muss ein pseudonymes Fallzeichen wie TW-25-001 sein.');
      return;
    }
    setLocalError(undefined);
    const done = await submissions.submit(OPEN_CASE, (idempotencyKey) => openCase(body, { idempotencyKey }));
    if (done) {
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
      navigate({ name: 'case', caseRef: done.caseRef });
    }
  };

  return (
    <form className="app-inline-form" onSubmit={submit} noValidate aria-label="Fall anlegen">
      <p className="kern-body">{PSEUDONYM_HINT}</p>
      <Field id={`${id}-caseRef`} label="Fallzeichen" hint="Zum Beispiel TW-25-001" error={errors.caseRef}>
        {(described) => (
          <input
            id={`${id}-caseRef`}
            className="kern-form-input__input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            value={caseRef}
            onChange={(event) => setCaseRef(event.target.value)}
            {...described}
          />
        )}
      </Field>
      <Field id={`${id}-sozialraum`} label="Sozialraum" hint="Des gewöhnlichen Aufenthalts" error={errors.sozialraumId}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-sozialraum`}
              className="kern-form-input__select"
              value={sozialraumId}
              onChange={(event) => setSozialraumId(event.target.value)}
              {...described}
            >
              <option value="">– bitte wählen –</option>
              {[...(sozialraeume.data ?? new Map<string, string>())].map(([value, name]) => (
                <option key={value} value={value}>
                  {name} ({value})
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      {problem && problem.status !== 409 && !allShownAtFields(problem.errors, ['caseRef', 'sozialraumId']) ? (
        <FormProblem problem={problem} failedTitle="Der Fall konnte nicht angelegt werden." onDismiss={() => submissions.dismiss(OPEN_CASE)} />
      ) : null}
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={pending}>
          <span className="kern-label">Fall anlegen{pending ? ' – wird gebucht …' : ''}</span>
        </button>
      </div>
    </form>
  );
}

function ApprovalsTable() {
  const captionId = useId();
  const approvals = useQuery(approvalsQuery());
  const providers = useQuery(providersQuery());
  if (approvals.isPending) return <Loading label="Bewilligungen werden geladen …" />;
  if (approvals.isError) return <ErrorNotice error={approvals.error} context="Bewilligungen" onRetry={() => void approvals.refetch()} />;
  const rows = approvalListRows(approvals.data, providers.data);
  if (rows.length === 0) return <p className="kern-body">Noch keine Bewilligungen.</p>;
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small kern-table--striped">
        <caption className="kern-title" id={captionId}>
          Bewilligungen
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Fall
            </th>
            <th scope="col" className="kern-table__header">
              Bewilligung
            </th>
            <th scope="col" className="kern-table__header">
              Rechtsgrundlage
            </th>
            <th scope="col" className="kern-table__header">
              Träger
            </th>
            <th scope="col" className="kern-table__header">
              Zeitraum
            </th>
            <th scope="col" className="kern-table__header">
              Stand
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                <a className="kern-link" href={href({ name: 'case', caseRef: row.caseRef })}>
                  {row.caseRef}
                </a>
              </th>
              <td className="kern-table__cell">{row.approvalId}</td>
              <td className="kern-table__cell">{row.legalBasis}</td>
              <td className="kern-table__cell">{row.providers}</td>
              <td className="kern-table__cell">{row.period}</td>
              <td className="kern-table__cell">{row.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Fälle: every approval of individual help with its case, and (for the ASD) a new case under its pseudonymous reference. */
export default function CasesPage() {
  const session = useSession();
  const canAct = hasRole(session, 'caseworker');
  const headingId = useId();
  return (
    <>
      <PageHeading title="Fälle" />
      <p className="kern-body">Die Bewilligungen der Einzelfallhilfen mit ihrem Fall. Ein Fall wird nur unter seinem pseudonymen Fallzeichen geführt.</p>
      {canAct ? (
        <section className="app-section" aria-labelledby={headingId}>
          <h2 className="kern-heading-medium" id={headingId}>
            Fall anlegen
          </h2>
          <OpenCaseForm />
        </section>
      ) : null}
      <ApprovalsTable />
    </>
  );
}
