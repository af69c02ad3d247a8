import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { activitiesQuery, approveActivity, rejectActivity, reportActivity, reportActual } from '../api/flexible';
import { sozialraeumeQuery } from '../api/queries';
import { fieldMessage, normaliseDecimal } from '../cases';
import { Disclosure } from '../components/disclosure';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import {
  activityRow,
  CATEGORY_LABEL,
  emptyActivityForm,
  FLEXIBLE_CATEGORIES,
  fiscalYearOf,
  reportActivityBody,
  withAnswers,
  type ActivityForm,
  type ActivityRow,
  type ActivityView,
  type FlexibleCategory,
} from '../flexible';
import { formatAmount } from '../format';
import { href } from '../router';
import { hasRole } from '../session';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';
import { ChangeForm } from './approval-change-forms';
import { DateField, DecimalField, Field, problemOf, TextAreaField, TextField, type Submissions } from './case-forms';

type Answered = (view: ActivityView, announcement: string) => void;

function ReportForm({ submissions, onAnswered }: { submissions: Submissions; onAnswered: Answered }) {
  const id = useId();
  const sozialraeume = useQuery(sozialraeumeQuery());
  const [form, setForm] = useState<ActivityForm>(emptyActivityForm());
  const intent = 'report-activity';
  const [tried, setTried] = useState(false);
  const fiscalYear = fiscalYearOf(form.activityDate);
  // Sozialraum and day name the budget the activity is reported to: without them nothing can be sent.
  const local = [
    ...(tried && !form.sozialraumId ? [{ field: 'sozialraumId', message: 'Bitte den Sozialraum wählen.' }] : []),
    ...(tried && fiscalYear === null ? [{ field: 'activityDate', message: 'Bitte den Tag der Aktivität angeben.' }] : []),
  ];
  const error = (field: string) => fieldMessage(local, field) ?? fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    setTried(true);
    if (!form.sozialraumId || fiscalYear === null) return;
    const body = reportActivityBody(form);
    const done = await submissions.submit(intent, (key) => reportActivity({ sozialraumId: form.sozialraumId, fiscalYear }, body, key));
    if (done) {
      setForm(emptyActivityForm());
      setTried(false);
      onAnswered(done, `Aktivität ${done.activityId} über ${formatAmount(done.requested)} gemeldet.`);
    }
  };

  return (
    <ChangeForm
      label="Aktivität melden"
      intent={intent}
      fields={['category', 'activityDate', 'amount', 'description', 'evidenceReference', 'sozialraumId', 'fiscalYear']}
      submissions={submissions}
      failedTitle="Die Aktivität konnte nicht gemeldet werden."
      submitLabel="Aktivität melden"
      onSubmit={() => void submit()}
    >
      <Field id={`${id}-sr`} label="Sozialraum" error={error('sozialraumId')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-sr`}
              className="kern-form-input__select"
              value={form.sozialraumId}
              onChange={(event) => setForm({ ...form, sozialraumId: event.target.value })}
              {...described}
            >
              <option value="">– bitte wählen –</option>
              {[...(sozialraeume.data ?? new Map<string, string>())].map(([sozialraumId, name]) => (
                <option key={sozialraumId} value={sozialraumId}>
                  {name} ({sozialraumId})
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <Field id={`${id}-category`} label="Kategorie" error={error('category')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-category`}
              className="kern-form-input__select"
              value={form.category}
              onChange={(event) => setForm({ ...form, category: event.target.value as FlexibleCategory | '' })}
              {...described}
            >
              <option value="">– bitte wählen –</option>
              {FLEXIBLE_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {CATEGORY_LABEL[category]}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <DateField
        id={`${id}-date`}
        label="Tag der Aktivität"
        hint="Sein Monat ist der Monat der Bindung und Ausgabe"
        value={form.activityDate}
        onChange={(activityDate) => setForm({ ...form, activityDate })}
        error={error('activityDate')}
      />
      <DecimalField
        id={`${id}-amount`}
        label="Geplante Kosten (Euro)"
        hint="z. B. 2800,00"
        value={form.amount}
        onChange={(amount) => setForm({ ...form, amount })}
        error={error('amount')}
      />
      <TextAreaField
        id={`${id}-description`}
        label="Beschreibung"
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
        error={error('description')}
      />
      <TextField
        id={`${id}-evidence`}
        label="Beleg (freiwillig)"
        hint="Zeichen eines Angebots oder anderen Belegs"
        value={form.evidenceReference}
        onChange={(evidenceReference) => setForm({ ...form, evidenceReference })}
        error={error('evidenceReference')}
      />
    </ChangeForm>
  );
}

/** The Jugendamt's decision on a reported activity: approve (at most the reported amount) or reject with a reason. */
function DecisionForms({ row, submissions, onAnswered }: { row: ActivityRow; submissions: Submissions; onAnswered: Answered }) {
  const id = useId();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const target = { sozialraumId: row.sozialraumId, fiscalYear: row.fiscalYear, activityId: row.activityId };
  const approveIntent = `approve:${row.key}`;
  const rejectIntent = `reject:${row.key}`;
  const approveError = (field: string) => fieldMessage(problemOf(submissions.errorOf(approveIntent))?.errors, field);
  const rejectError = (field: string) => fieldMessage(problemOf(submissions.errorOf(rejectIntent))?.errors, field);

  return (
    <>
      <Disclosure summary={`${row.activityId} bewilligen`}>
        <ChangeForm
          label={`${row.activityId} bewilligen`}
          intent={approveIntent}
          fields={['amount']}
          submissions={submissions}
          failedTitle="Die Aktivität konnte nicht bewilligt werden."
          submitLabel="Bewilligen"
          onSubmit={() =>
            void submissions
              .submit(approveIntent, (key) => approveActivity(target, amount.trim() ? normaliseDecimal(amount) : undefined, key))
              .then((done) => done && onAnswered(done, `Aktivität ${done.activityId} über ${formatAmount(done.approved ?? done.requested)} bewilligt.`))
          }
        >
          <DecimalField
            id={`${id}-amount`}
            label="Bewilligter Betrag (freiwillig)"
            hint={`Leer: der gemeldete Betrag ${row.requested}; nie mehr`}
            value={amount}
            onChange={setAmount}
            error={approveError('amount')}
          />
        </ChangeForm>
      </Disclosure>
      <Disclosure summary={`${row.activityId} ablehnen`}>
        <ChangeForm
          label={`${row.activityId} ablehnen`}
          intent={rejectIntent}
          fields={['reason']}
          submissions={submissions}
          failedTitle="Die Aktivität konnte nicht abgelehnt werden."
          submitLabel="Ablehnen"
          onSubmit={() =>
            void submissions
              .submit(rejectIntent, (key) => rejectActivity(target, reason.trim(), key))
              .then((done) => done && onAnswered(done, `Aktivität ${done.activityId} abgelehnt.`))
          }
        >
          <TextAreaField id={`${id}-reason`} label="Grund der Ablehnung" value={reason} onChange={setReason} error={rejectError('reason')} />
        </ChangeForm>
      </Disclosure>
    </>
  );
}

/** The Träger's actual cost of an approved activity, at most the approved amount. */
function ActualForm({ row, submissions, onAnswered }: { row: ActivityRow; submissions: Submissions; onAnswered: Answered }) {
  const id = useId();
  const [amount, setAmount] = useState('');
  const intent = `actual:${row.key}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);
  return (
    <Disclosure summary={`Ist-Kosten zu ${row.activityId} melden`}>
      <ChangeForm
        label={`Ist-Kosten zu ${row.activityId} melden`}
        intent={intent}
        fields={['amount']}
        submissions={submissions}
        failedTitle="Die Ist-Kosten konnten nicht gemeldet werden."
        submitLabel="Ist-Kosten melden"
        onSubmit={() =>
          void submissions
            .submit(intent, (key) =>
              reportActual({ sozialraumId: row.sozialraumId, fiscalYear: row.fiscalYear, activityId: row.activityId }, normaliseDecimal(amount), key),
            )
            .then((done) => done && onAnswered(done, `Ist-Kosten zu ${done.activityId}: ${formatAmount(done.actual ?? '0.00')} gemeldet.`))
        }
      >
        <DecimalField
          id={`${id}-amount`}
          label="Ist-Kosten (Euro)"
          hint={`Höchstens der bewilligte Betrag ${row.approved}`}
          value={amount}
          onChange={setAmount}
          error={error('amount')}
        />
      </ChangeForm>
    </Disclosure>
  );
}

function ActivityTable({ rows }: { rows: ActivityRow[] }) {
  const captionId = useId();
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption id={captionId} className="kern-title">
          Gemeldete Aktivitäten
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {['Aktivität', 'Sozialraum', 'Träger', 'Tag', 'Kategorie', 'Beschreibung'].map((title) => (
              <th key={title} scope="col" className="kern-table__header">
                {title}
              </th>
            ))}
            {['Gemeldet', 'Bewilligt', 'Ist'].map((title) => (
              <th key={title} scope="col" className="kern-table__header kern-table__header--numeric">
                {title}
              </th>
            ))}
            <th scope="col" className="kern-table__header">
              Stand
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.activityId}
              </th>
              <td className="kern-table__cell">{row.sozialraumId}</td>
              <td className="kern-table__cell">{row.providerId}</td>
              <td className="kern-table__cell">{row.date}</td>
              <td className="kern-table__cell">{row.category}</td>
              <td className="kern-table__cell">{row.description}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.requested}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.approved}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{row.actual}</td>
              <td className="kern-table__cell">{row.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Flexible Mittel of a fiscal year (R8): the activities Träger reported, the Jugendamt's decisions
 * within the discretionary limit, the actual costs. A Träger reports and sees its own; the
 * controller decides. A refusal of the limit (budget-exhausted, budget-frozen) is the server's
 * German explanation above the form.
 */
export default function FlexiblePage({ fiscalYear }: { fiscalYear: number }) {
  const session = useSession();
  const isProvider = hasRole(session, 'provider');
  const isController = hasRole(session, 'controller');
  const queryClient = useQueryClient();
  const list = useQuery(activitiesQuery(fiscalYear));
  const submissions = useSubmission();
  const [answers, setAnswers] = useState<ReadonlyMap<string, ActivityView>>(new Map());
  const [announcement, setAnnouncement] = useState('');
  const onAnswered: Answered = (view, text) => {
    setAnswers((previous) => new Map([...previous, [`${view.sozialraumId}/${view.fiscalYear}/${view.activityId}`, view]]));
    setAnnouncement(text);
    void queryClient.invalidateQueries({ queryKey: ['flexible-activities'] });
  };
  const rows = list.data
    ? withAnswers(list.data, answers)
        .filter((item) => item.fiscalYear === fiscalYear)
        .map(activityRow)
    : [];

  return (
    <>
      <PageHeading title={`Flexible Mittel ${fiscalYear}`} />
      <p className="kern-body">
        <a className="kern-link" href={href({ name: 'flexible', fiscalYear: fiscalYear - 1 })}>
          {fiscalYear - 1}
        </a>{' '}
        ·{' '}
        <a className="kern-link" href={href({ name: 'flexible', fiscalYear: fiscalYear + 1 })}>
          {fiscalYear + 1}
        </a>
      </p>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>
      {list.isPending ? <Loading label="Aktivitäten werden geladen …" /> : null}
      {list.isError ? <ErrorNotice error={list.error} context="Die Aktivitäten" onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        rows.length ? (
          <ActivityTable rows={rows} />
        ) : (
          <p className="kern-body">Im Haushaltsjahr {fiscalYear} ist keine Aktivität gemeldet.</p>
        )
      ) : null}
      {rows.some((row) => (isController && row.decidable) || (isProvider && row.actualDue)) ? (
        <section className="app-section" aria-label="Entscheidungen und Ist-Kosten">
          {rows.map((row) =>
            isController && row.decidable ? (
              <DecisionForms key={row.key} row={row} submissions={submissions} onAnswered={onAnswered} />
            ) : isProvider && row.actualDue ? (
              <ActualForm key={row.key} row={row} submissions={submissions} onAnswered={onAnswered} />
            ) : null,
          )}
        </section>
      ) : null}
      {isProvider ? (
        <section className="app-section">
          <Disclosure summary="Aktivität melden">
            <ReportForm submissions={submissions} onAnswered={onAnswered} />
          </Disclosure>
        </section>
      ) : null}
    </>
  );
}
